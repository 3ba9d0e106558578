using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TypedSockets.Tests;

public enum Shade : long { Dark = -5, Light = 1L << 40 }

[Flags]
public enum Perm : byte { None = 0, Read = 1, Write = 2, Exec = 4, All = 7 }

[JsonConverter(typeof(JsonStringEnumConverter<Level>))]
public enum Level { [JsonStringEnumMemberName("lo")] Low, High }

public struct Point
{
    public int X { get; set; }
    public int Y { get; set; }
}

public sealed class Settings
{
    [JsonInclude] public int Field;
    [JsonRequired] public string Name { get; set; } = "";
    [JsonPropertyOrder(-1)] public int First { get; set; }
    [JsonPropertyOrder(5)] public int Last { get; set; }
    public int Middle { get; set; }
}

[SocketEvent("wide")]
public sealed partial record Wide(
    char Letter,
    DateOnly Day,
    TimeOnly Time,
    TimeSpan Span,
    Uri Link,
    Version Version,
    Half Half,
    Int128 Big,
    UInt128 Bigger,
    HashSet<int> Set,
    ImmutableArray<string> Frozen,
    ImmutableList<int> FrozenList,
    ImmutableDictionary<string, int> FrozenMap,
    Dictionary<int, string> ByNumber,
    Dictionary<Guid, bool> ByGuid,
    Dictionary<Shade, int> ByEnum,
    Shade Shade,
    Perm Perm,
    Level Level,
    Level? MaybeLevel,
    [property: JsonConverter(typeof(JsonStringEnumConverter<Perm>))] Perm PermName,
    [property: JsonConverter(typeof(JsonStringEnumConverter<Shade>))] Shade? ShadeName,
    Point Point,
    Settings Settings,
    JsonElement Raw,
    JsonNode? Node);

public class WideTypesTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static Wide Sample(int seed) => new(
        Letter: seed % 2 == 0 ? 'é' : '"',
        Day: new DateOnly(2024, 2, 29).AddDays(seed),
        Time: new TimeOnly(23, 59, 58, 123).Add(TimeSpan.FromTicks(seed)),
        Span: TimeSpan.FromTicks(-1234567890123L * (seed + 1)),
        Link: seed % 2 == 0 ? new Uri("https://example.test/a b?q=<1>") : new Uri("relative/path", UriKind.Relative),
        Version: new Version(1, 2, seed, 4),
        Half: (Half)(seed + 0.5),
        Big: Int128.MinValue + seed,
        Bigger: UInt128.MaxValue - (UInt128)seed,
        Set: [3, 1, seed],
        Frozen: ["a", "<b>", "ü"],
        FrozenList: [seed, -seed],
        FrozenMap: ImmutableDictionary<string, int>.Empty.Add("k", seed),
        ByNumber: new() { [-7] = "neg", [seed] = "seed" },
        ByGuid: new() { [new Guid(seed, 2, 3, [4, 5, 6, 7, 8, 9, 10, 11])] = true },
        ByEnum: new() { [Shade.Dark] = 1, [(Shade)99] = 2 },
        Shade: Shade.Light,
        Perm: Perm.Read | Perm.Exec,
        Level: seed % 2 == 0 ? Level.Low : Level.High,
        MaybeLevel: seed % 3 == 0 ? null : Level.Low,
        PermName: (Perm)(seed % 9),
        ShadeName: seed % 2 == 0 ? Shade.Dark : (Shade)3,
        Point: new Point { X = seed, Y = -seed },
        Settings: new Settings { Field = seed, Name = "s", First = 1, Last = 3, Middle = 2 },
        Raw: JsonDocument.Parse("""{"a": [1, 2.50, "x"], "b": null}""").RootElement.Clone(),
        Node: seed % 2 == 0 ? JsonNode.Parse("""[true, {"z": 1}]""") : null);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void Writes_the_bytes_system_text_json_writes(int seed)
    {
        var value = Sample(seed);

        Assert.Equal(JsonSerializer.Serialize(value, Web), SocketJson.SerializeToString(value));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(8)]
    public void Reads_back_what_it_writes(int seed)
    {
        var json = SocketJson.Serialize(Sample(seed));

        Assert.True(SocketJson.TryDeserialize<Wide>(json, out var read, out var error), error?.ToString());

        Assert.Equal(System.Text.Encoding.UTF8.GetString(json), SocketJson.SerializeToString(read));
    }

    [Fact]
    public void Reads_enum_names_ignoring_case_and_flags_as_lists()
    {
        var json = JsonSerializer.Serialize(Sample(0), Web)
            .Replace("\"level\":\"lo\"", "\"level\":\"HIGH\"", StringComparison.Ordinal)
            .Replace("\"permName\":\"None\"", "\"permName\":\"write, read\"", StringComparison.Ordinal);

        Assert.True(SocketJson.TryDeserialize<Wide>(json, out var read, out var error), error?.ToString());

        Assert.Equal(Level.High, read.Level);
        Assert.Equal(Perm.Read | Perm.Write, read.PermName);
    }

    [Theory]
    [InlineData("\"level\":\"lo\"", "\"level\":\"medium\"", "$.level: not a name of TypedSockets.Tests.Level: medium")]
    [InlineData("\"letter\":\"\\u00E9\"", "\"letter\":\"ab\"", "$.letter: expected exactly one character")]
    [InlineData("\"day\":\"2024-02-29\"", "\"day\":\"2024-02-30\"", "$.day: not a valid date (yyyy-MM-dd)")]
    [InlineData("\"shade\":1099511627776", "\"shade\":\"Light\"", "$.shade: expected a number, got a string")]
    [InlineData("\"-7\":\"neg\"", "\"x7\":\"neg\"", "$.byNumber.x7: not a valid key (int)")]
    public void Rejects_what_does_not_fit_with_the_path(string from, string to, string error)
    {
        var json = JsonSerializer.Serialize(Sample(0), Web);
        Assert.Contains(from, json, StringComparison.Ordinal);

        Assert.False(SocketJson.TryDeserialize<Wide>(json.Replace(from, to, StringComparison.Ordinal), out _, out var problem));

        Assert.Equal(error, problem.ToString());
    }

    [Fact]
    public void A_missing_json_required_member_is_an_error()
    {
        var json = JsonSerializer.Serialize(Sample(0), Web).Replace("\"name\":\"s\",", string.Empty, StringComparison.Ordinal);

        Assert.False(SocketJson.TryDeserialize<Wide>(json, out _, out var problem));

        Assert.Equal("$.settings.name: required property is missing", problem.ToString());
    }
}

[JsonPolymorphic]
[JsonDerivedType(typeof(Circle), "circle")]
[JsonDerivedType(typeof(Square), 3)]
[JsonDerivedType(typeof(RoundedSquare), "rounded")]
public abstract record Shape(string Name);

public sealed record Circle(string Name, double Radius) : Shape(Name);

public record Square(string Name, int Side) : Shape(Name);

public sealed record RoundedSquare(string Name, int Side, int Corner) : Square(Name, Side);

[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(Cat), "cat")]
public class Animal
{
    public string Name { get; set; } = "";
}

public sealed class Cat : Animal
{
    public int Lives { get; set; }
}

[SocketEvent("drawing")]
public sealed partial record Drawing(List<Shape> Shapes, Shape? Focus, Animal Pet, Animal Plain)
{
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    public int Retries { get; init; } = 3;
}

public class PolymorphismTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static Drawing Sample() => new(
        [new Circle("c", 1.5), new Square("s", 2), new RoundedSquare("r", 3, 1)],
        null,
        new Cat { Name = "tom", Lives = 9 },
        new Animal { Name = "generic" })
    {
        Extra = new() { ["unknown"] = JsonDocument.Parse("[1,{\"a\":true}]").RootElement.Clone() },
        Retries = 5,
    };

    [Fact]
    public void Derived_types_are_written_with_their_discriminator_first()
    {
        var json = SocketJson.SerializeToString(Sample());

        Assert.Equal(JsonSerializer.Serialize(Sample(), Web), json);
        Assert.Contains("""{"$type":3,"side":2,"name":"s"}""", json, StringComparison.Ordinal);
        Assert.Contains("""{"kind":"cat","lives":9,"name":"tom"}""", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Derived_types_are_read_back_by_their_discriminator()
    {
        Assert.True(SocketJson.TryDeserialize<Drawing>(SocketJson.Serialize(Sample()), out var read, out var error), error?.ToString());

        Assert.IsType<Circle>(read.Shapes[0]);
        Assert.IsType<Square>(read.Shapes[1]);
        Assert.Equal(new RoundedSquare("r", 3, 1), read.Shapes[2]);
        Assert.Equal(9, Assert.IsType<Cat>(read.Pet).Lives);
        Assert.IsType<Animal>(read.Plain);
        Assert.Equal(5, read.Retries);
        Assert.Equal("[1,{\"a\":true}]", read.Extra!["unknown"].GetRawText());
        Assert.Equal(SocketJson.SerializeToString(Sample()), SocketJson.SerializeToString(read));
    }

    [Theory]
    [InlineData("""{"$type":"hexagon","name":"h"}""", "$.shapes[0]['$type']: unknown type discriminator")]
    [InlineData("""{"name":"no type"}""", "$.shapes[0]: 'TypedSockets.Tests.Shape' needs a '$type' of one of its derived types")]
    public void An_unknown_or_missing_discriminator_is_an_error(string shape, string expected)
    {
        var json = "{\"shapes\":[" + shape + "],\"focus\":null,\"pet\":{\"name\":\"x\"},\"plain\":{\"name\":\"y\"}}";

        Assert.False(SocketJson.TryDeserialize<Drawing>(json, out _, out var error));

        Assert.Equal(expected, error.ToString());
    }

    [Fact]
    public void An_absent_init_member_keeps_its_initializer()
    {
        Assert.True(SocketJson.TryDeserialize<Drawing>("""{"shapes":[],"focus":null,"pet":{"name":"x"},"plain":{"name":"y"}}""", out var read, out var error), error?.ToString());

        Assert.Equal(3, read.Retries);
        Assert.Null(read.Extra);
    }
}

[SocketEvent("measured")]
public sealed partial record Measured(
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] int Count,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] double Ratio,
    [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)] double Reading,
    [property: JsonNumberHandling(JsonNumberHandling.Strict)] long Strict,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] decimal? Price,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] int WrittenQuoted = 0);

public class NumberHandlingTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData(0, 0.5, double.NaN, 7L, null)]
    [InlineData(-12, 1e20, double.PositiveInfinity, -1L, 1.25)]
    [InlineData(int.MaxValue, -3.0000000000000004, double.NegativeInfinity, long.MaxValue, -0.001)]
    [InlineData(3, 123456789.123, 2.5, 0L, 10.0)]
    public void Writes_numbers_as_their_handling_asks_like_system_text_json(int count, double ratio, double reading, long strict, double? price)
    {
        var value = new Measured(count, ratio, reading, strict, (decimal?)price);

        Assert.Equal(JsonSerializer.Serialize(value, Web), SocketJson.SerializeToString(value));
        // WriteAsString alone does not allow reading strings back, for System.Text.Json as here.
        var json = SocketJson.SerializeToString(value).Replace("\"writtenQuoted\":\"0\"", "\"writtenQuoted\":0", StringComparison.Ordinal);
        Assert.True(SocketJson.TryDeserialize<Measured>(json, out var read, out var error), error?.ToString());
        Assert.Equal(SocketJson.SerializeToString(value), SocketJson.SerializeToString(read));
    }

    [Fact]
    public void Strict_members_refuse_quoted_numbers()
    {
        Assert.False(SocketJson.TryDeserialize<Measured>("""{"count":"1","ratio":"2","reading":"NaN","strict":"3","price":null}""", out _, out var error));

        Assert.Equal("$.strict: expected a number, got a string (the member's number handling is strict)", error.ToString());
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Measured>("""{"count":"1","ratio":"2","reading":"NaN","strict":"3","price":null}""", Web));
    }
}
