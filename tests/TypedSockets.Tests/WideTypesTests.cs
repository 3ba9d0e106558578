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
