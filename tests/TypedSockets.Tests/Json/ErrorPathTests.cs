using System.Text;
using CsCheck;

namespace TypedSockets.Tests.Json;

/// <summary>Specific bad inputs give specific errors: the JSON path of the offending value and why.</summary>
public sealed class ErrorPathTests
{
    private const string ValidOrder = """{"items":[{"name":"a","quantity":1}],"scores":{"x":1},"a b":2,"blob":"AQID","tree":null}""";

    [Fact]
    public void TheValidOrderReads()
    {
        Assert.True(SocketJson.TryDeserialize<JsonOrder>(ValidOrder, out var order, out var error), error?.ToString());
        Assert.Equal("a", order.Items[0].Name);
        Assert.Equal(1, order.Scores["x"]);
        Assert.Equal(2, order.Spaced);
        Assert.Equal(new byte[] { 1, 2, 3 }, order.Blob);
    }

    [Fact]
    public void WrongTypeInTheThirdListElement()
    {
        var error = Rejected<JsonOrder>("""{"items":[{"name":"a","quantity":1},{"name":"b","quantity":2},{"name":5,"quantity":3}],"scores":{},"a b":0,"blob":"","tree":null}""");
        Assert.Equal("$.items[2].name", error.Path);
        Assert.Equal("expected a string, got a number", error.Reason);
        Assert.Equal("$.items[2].name: expected a string, got a number", error.ToString());
    }

    [Fact]
    public void MissingMemberInAListElement()
    {
        var error = Rejected<JsonOrder>("""{"items":[{"name":"a","quantity":1},{"name":"b","quantity":2},{"quantity":3}],"scores":{},"a b":0,"blob":"","tree":null}""");
        Assert.Equal("$.items[2].name", error.Path);
        Assert.Equal("required property is missing", error.Reason);
    }

    [Fact]
    public void NullForANonNullableMember()
    {
        var error = Rejected<JsonOrder>("""{"items":null,"scores":{},"a b":0,"blob":"","tree":null}""");
        Assert.Equal("$.items", error.Path);
        Assert.Equal("null is not allowed here", error.Reason);
    }

    [Fact]
    public void WrongTypeInADictionaryValue()
    {
        var error = Rejected<JsonOrder>("""{"items":[],"scores":{"w":1,"x":"abc"},"a b":0,"blob":"","tree":null}""");
        Assert.Equal("$.scores.x", error.Path);
        Assert.Equal("the string is not a number (Int32)", error.Reason);
    }

    [Theory]
    [InlineData("a.b", "$.scores['a.b']")]
    [InlineData("it's", @"$.scores['it\'s']")]
    [InlineData("", "$.scores['']")]
    [InlineData("ünï", "$.scores['ünï']")]
    [InlineData("x_1", "$.scores.x_1")]
    public void DictionaryKeysThatNeedBracketsInThePath(string key, string path)
    {
        var json = $$"""{"items":[],"scores":{{{System.Text.Json.JsonSerializer.Serialize(key)}}:true},"a b":0,"blob":"","tree":null}""";
        var error = Rejected<JsonOrder>(json);
        Assert.Equal(path, error.Path);
        Assert.Equal("expected a number, got a boolean", error.Reason);
    }

    [Fact]
    public void PropertyNameWithASpace()
    {
        var error = Rejected<JsonOrder>("""{"items":[],"scores":{},"a b":"x","blob":"","tree":null}""");
        Assert.Equal("$['a b']", error.Path);
    }

    [Fact]
    public void DeepInARecursiveType()
    {
        var error = Rejected<JsonOrder>("""{"items":[],"scores":{},"a b":0,"blob":"","tree":{"name":"r","value":1,"children":[{"name":"a","value":1,"children":null},{"name":"b","value":2,"children":[{"name":"c","value":true,"children":null}]}]}}""");
        Assert.Equal("$.tree.children[1].children[0].value", error.Path);
        Assert.Equal("expected a number, got a boolean", error.Reason);
    }

    [Theory]
    [InlineData("""{"items":[],"items":[],"scores":{},"a b":0,"blob":"","tree":null}""", "$.items")]
    [InlineData("""{"items":[],"Items":[],"scores":{},"a b":0,"blob":"","tree":null}""", "$.items")]
    [InlineData("""{"items":[],"scores":{},"a b":0,"A B":1,"blob":"","tree":null}""", "$['a b']")]
    [InlineData("""{"items":[{"name":"a","name":"b","quantity":1}],"scores":{},"a b":0,"blob":"","tree":null}""", "$.items[0].name")]
    [InlineData("""{"items":[],"scores":{"x":1,"x":2},"a b":0,"blob":"","tree":null}""", "$.scores.x")]
    public void DuplicateProperties(string json, string path)
    {
        var error = Rejected<JsonOrder>(json);
        Assert.Equal(path, error.Path);
        Assert.Equal("duplicate property", error.Reason);
    }

    [Fact]
    public void TheDocumentedStricterCase()
    {
        // A non-nullable, settable, non-required reference member must be present; System.Text.Json
        // would leave it at its initial value.
        const string Json = """{"values":[1],"count":1}""";
        var error = Assert.IsType<SocketJsonError>(ReadFails<JsonLoose>(Json));
        Assert.Equal("$.name: required property is missing", error.ToString());
        Assert.True(JsonReference.ReadWithStj<JsonLoose>(Encoding.UTF8.GetBytes(Json)).Accepted);
        Assert.True(KnownDivergences.IsDocumentedStricterCase(typeof(JsonLoose), error));
    }

    [Fact]
    public void DictionaryKeysDifferingInCaseAreNotDuplicates()
    {
        Assert.True(SocketJson.TryDeserialize<JsonOrder>("""{"items":[],"scores":{"x":1,"X":2},"a b":0,"blob":"","tree":null}""", out var order, out var error), error?.ToString());
        Assert.Equal(2, order.Scores.Count);
    }

    [Theory]
    [InlineData("AQI")]
    [InlineData("A")]
    [InlineData("AQ=D")]
    [InlineData("****")]
    [InlineData("AQID\u00e9")]
    public void MalformedBase64(string blob)
    {
        var error = Rejected<JsonOrder>($$"""{"items":[],"scores":{},"a b":0,"blob":"{{blob}}","tree":null}""");
        Assert.Equal("$.blob", error.Path);
        Assert.Equal("not valid base64", error.Reason);
    }

    [Theory]
    [InlineData("[")]
    [InlineData("{")]
    [InlineData("""{"items":[""")]
    [InlineData("""{"items":[{"name":"a","quantity":1}""")]
    [InlineData("""{"items":[],"scores":{},"a b":0,"blob":"","tree":nul""")]
    [InlineData("""{"items":[],"scores":{},"a b":0,"blob":"AQ""")]
    [InlineData("""{"items":[],"scores":{},"a b":0,"blob":"","tree":null""")]
    [InlineData("""{"items":[],"scores":{},"a b":0,"blob":"","tree":null},""")]
    [InlineData("""{"items":[],"scores":{},"a b":0,"blob":"","tree":null} x""")]
    [InlineData("""{"items":[],"scores":{},"a b":0,"blob":"","tree":null}{}""")]
    [InlineData("""{"items":[],"scores":{},"a b":0,"blob":"","tree":null,}""")]
    [InlineData("""{"items":[],/*c*/"scores":{},"a b":0,"blob":"","tree":null}""")]
    public void MalformedJsonFailsWithoutThrowing(string json)
    {
        var error = Rejected<JsonOrder>(json);
        Assert.False(string.IsNullOrEmpty(error.Reason));
    }

    [Theory]
    [InlineData("", "malformed JSON: The input does not contain any JSON tokens.")]
    [InlineData("   ", "malformed JSON: The input does not contain any JSON tokens.")]
    [InlineData("null", "expected an object, got null")]
    [InlineData("[]", "expected an object, got an array")]
    [InlineData("\"order\"", "expected an object, got a string")]
    [InlineData("42", "expected an object, got a number")]
    public void NotAnObjectAtTheTop(string json, string reason)
    {
        var error = Rejected<JsonOrder>(json);
        Assert.Equal("$", error.Path);
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void DepthOverSixtyFourFailsWithoutThrowing()
    {
        var tree = new StringBuilder();
        for (var i = 0; i < 40; i++)
        {
            tree.Append("""{"name":"n","value":1,"children":[""");
        }
        tree.Append("""{"name":"leaf","value":1,"children":null}""");
        for (var i = 0; i < 40; i++)
        {
            tree.Append("]}");
        }
        var error = Rejected<JsonTreeNode>(tree.ToString());
        Assert.Contains("depth", error.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.False(JsonReference.ReadWithStj<JsonTreeNode>(Encoding.UTF8.GetBytes(tree.ToString())).Accepted);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(62)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(70)]
    [InlineData(500)]
    public void TheDepthLimitIsSystemTextJsons(int depth)
    {
        // An unknown property is skipped, but its depth still counts.
        var json = """{"name":"n","value":1,"children":null,"unknown":""" + new string('[', depth) + new string(']', depth) + "}";
        Assert.Null(JsonReference.CompareReading<JsonTreeNode>(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void InvalidUtf8FailsWithoutThrowing()
    {
        var json = Encoding.UTF8.GetBytes("""{"name":"XX","value":1,"children":null}""");
        json[9] = 0xC3;
        json[10] = 0x28;
        Assert.False(SocketJson.TryDeserialize<JsonTreeNode>(json, out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void EscapedPropertyNamesMatch()
    {
        Assert.True(SocketJson.TryDeserialize<JsonOrder>("""{"\u0069tems":[],"sc\u006Fres":{},"a\u0020b":7,"blob":"","tree":null}""", out var order, out var error), error?.ToString());
        Assert.Equal(7, order.Spaced);
    }

    [Fact]
    public void StringAndByteOverloadsAgree() =>
        Gen.Select(JsonGenerators.Tree, JsonMutations.Sequence).Sample((tree, mutations) =>
        {
            var json = JsonMutations.Apply(SocketJson.Serialize(tree), mutations);
            if (!System.Text.Unicode.Utf8.IsValid(json))
            {
                return;
            }
            var fromBytes = SocketJson.TryDeserialize<JsonTreeNode>(json, out var a, out var e1);
            var fromString = SocketJson.TryDeserialize<JsonTreeNode>(Encoding.UTF8.GetString(json), out var b, out var e2);
            Assert.Equal(fromBytes, fromString);
            Assert.Equal(e1?.ToString(), e2?.ToString());
            if (fromBytes)
            {
                Assert.Equal(SocketJson.SerializeToString(a!), SocketJson.SerializeToString(b!));
            }
        }, iter: 500);

    [Fact]
    public void GarbageNeverThrows()
    {
        var token = Gen.OneOf("{", "}", "[", "]", ",", ":", "\"name\"", "\"value\"", "\"children\"", "\"x\"", "1", "-0", "1e400", "null", "true", "\"\\u00\"", "\"\\uD800\"", " ", "\"");
        var garbage = Gen.Frequency(
            (1, Gen.Byte.Array[0, 64]),
            (3, token.Array[0, 40].Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts)))));
        garbage.Sample(json =>
        {
            try
            {
                SocketJson.TryDeserialize<JsonTreeNode>(json, out _, out _);
                SocketJson.TryDeserialize<JsonNested>(json, out _, out _);
                SocketJson.TryDeserialize<JsonStructEvent>(json, out _, out _);
            }
            catch (Exception exception)
            {
                throw new Xunit.Sdk.XunitException($"TryDeserialize threw {exception.GetType().Name} for {JsonReference.Show(json)}: {exception}");
            }
        }, iter: 3000, print: json => JsonReference.Show(json));
    }

    [Fact]
    public void AFailedWriteLeavesTheNextWriteClean()
    {
        Assert.Throws<ArgumentException>(() => SocketJson.Serialize(new JsonStructEvent(1, "a", new JsonPoint(double.NaN, 0))));
        Assert.Equal("""{"seq":2,"text":"b","where":{"x":0,"y":0}}""", SocketJson.SerializeToString(new JsonStructEvent(2, "b", default)));
    }

    [Fact]
    public void AllWritersAgree() =>
        JsonGenerators.Nested.Sample(nested =>
        {
            var bytes = SocketJson.Serialize(nested);
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            SocketJson.Serialize(buffer, nested);
            Assert.Equal(bytes, buffer.WrittenSpan.ToArray());
            Assert.Equal(Encoding.UTF8.GetString(bytes), SocketJson.SerializeToString(nested));
        }, iter: 300);

    private static SocketJsonError? ReadFails<T>(string json) where T : ISocketEvent<T> =>
        SocketJson.TryDeserialize<T>(json, out _, out var error) ? null : error;

    private static SocketJsonError Rejected<T>(string json) where T : ISocketEvent<T>
    {
        bool accepted;
        SocketJsonError? error;
        try
        {
            accepted = SocketJson.TryDeserialize<T>(json, out _, out error);
        }
        catch (Exception exception)
        {
            throw new Xunit.Sdk.XunitException($"TryDeserialize threw for `{json}`: {exception}");
        }
        Assert.False(accepted, $"TypedSockets accepted `{json}`");
        Assert.NotNull(error);
        // The reference rejects these too.
        Assert.False(JsonReference.ReadWithStj<T>(Encoding.UTF8.GetBytes(json)).Accepted, $"System.Text.Json accepts `{json}`");
        return error;
    }
}
