using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

// The catalogue, continued: the types and attributes added with issue 3 (char, dates and times,
// Uri, Version, Half, 128-bit integers, sets, immutable collections, non-string dictionary keys,
// fields, required and ordered members, raw JSON, string enums, polymorphism, extension data,
// number handling, init members with initializers).
namespace TypedSockets.Tests.Json;

/// <summary>Every new scalar, and Nullable&lt;T&gt; (or a nullable reference) of each.</summary>
[SocketEvent("json_wide_scalars")]
public sealed partial record JsonWideScalars(
    char Letter,
    DateOnly Day,
    TimeOnly Time,
    TimeSpan Span,
    Uri Link,
    Version Version,
    Half Half,
    Int128 Big,
    UInt128 Bigger,
    char? MaybeLetter,
    DateOnly? MaybeDay,
    TimeOnly? MaybeTime,
    TimeSpan? MaybeSpan,
    Uri? MaybeLink,
    Version? MaybeVersion,
    Half? MaybeHalf,
    Int128? MaybeBig,
    UInt128? MaybeBigger);

/// <summary>Sets and immutable collections, of old and new element types.</summary>
[SocketEvent("json_wide_collections")]
public sealed partial record JsonWideCollections(
    HashSet<int> Set,
    ISet<string> Names,
    HashSet<Guid>? MaybeIds,
    ImmutableArray<string> Frozen,
    ImmutableList<int> FrozenList,
    IImmutableList<double> Doubles,
    ImmutableArray<JsonTag> FrozenTags,
    ImmutableDictionary<string, int> FrozenMap,
    IImmutableDictionary<string, string> FrozenLabels,
    List<DateOnly> Days,
    TimeSpan[] Spans,
    List<Uri> Links,
    HashSet<char> Letters,
    IReadOnlyList<Version> Versions,
    List<Half?> Halves,
    ImmutableList<Int128> Bigs,
    Dictionary<string, TimeOnly> Times,
    ImmutableArray<UInt128>? MaybeBiggers);

/// <summary>Dictionary keys of every integer type, Guid and enums (named, undefined, flags).</summary>
[SocketEvent("json_keys")]
public sealed partial record JsonKeys(
    Dictionary<int, string> ByInt,
    Dictionary<long, int> ByLong,
    Dictionary<byte, int> ByByte,
    Dictionary<sbyte, int> BySByte,
    Dictionary<short, int> ByShort,
    Dictionary<ushort, int> ByUShort,
    Dictionary<uint, int> ByUInt,
    Dictionary<ulong, int> ByULong,
    Dictionary<Guid, bool> ByGuid,
    Dictionary<JsonIntEnum, int> ByEnum,
    Dictionary<JsonFlags, int> ByFlags,
    IReadOnlyDictionary<JsonULongEnum, string> ByULongEnum,
    IDictionary<JsonSByteEnum, int> BySByteEnum,
    ImmutableDictionary<int, string> FrozenByInt,
    IImmutableDictionary<Guid, int> FrozenByGuid,
    Dictionary<long, List<int>>? MaybeByLong);

/// <summary>[JsonInclude] fields, [JsonRequired] members and [JsonPropertyOrder].</summary>
[SocketEvent("json_fields")]
public sealed partial class JsonFieldsAndOrder
{
    [JsonInclude] public int Count;

    [JsonInclude] public string? Note;

    [JsonInclude, JsonPropertyOrder(-2)] public string Label = string.Empty;

    [JsonInclude, JsonRequired, JsonPropertyOrder(3)] public double Weight;

    [JsonInclude, JsonPropertyName("renamed_field")] public long Renamed;

    [JsonInclude] public List<int>? Numbers;

    [JsonRequired] public string Name { get; set; } = string.Empty;

    [JsonRequired] public int? MaybeRequired { get; set; }

    [JsonRequired] public string? NullableRequired { get; init; }

    [JsonPropertyOrder(-1)] public int First { get; set; }

    [JsonPropertyOrder(5)] public int Last { get; set; }

    [JsonPropertyOrder(5)] public string? AlsoLast { get; set; }

    [JsonPropertyOrder(int.MinValue)] public bool VeryFirst { get; set; }

    [JsonPropertyOrder(int.MaxValue)] public bool VeryLast { get; set; }

    public int Middle { get; set; }

    public JsonOrdered? Child { get; set; }
}

/// <summary>A positional record with [JsonPropertyOrder] and [JsonRequired] on its parameters.</summary>
public sealed record JsonOrdered(
    [property: JsonPropertyOrder(2)] int Two,
    [property: JsonPropertyOrder(-2)] string MinusTwo,
    int Zero,
    [property: JsonPropertyOrder(1), JsonRequired] int? One);

/// <summary>Raw JSON members.</summary>
[SocketEvent("json_raw")]
public sealed partial record JsonRaw(
    JsonElement Raw,
    JsonNode Node,
    JsonNode? MaybeNode,
    int Seq,
    JsonElement Other);

/// <summary>An enum written as names by the converter on its type, with renamed members.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JsonColor>))]
public enum JsonColor
{
    Negative = -3,
    Red = 0,
    [JsonStringEnumMemberName("light green")] Green = 1,
    [JsonStringEnumMemberName("BLUE")] Blue = 2,
    [JsonStringEnumMemberName("ünï-\"q\"")] Unicode = 10,
}

/// <summary>A flags enum written as names by the converter on its type.</summary>
[Flags]
[JsonConverter(typeof(JsonStringEnumConverter<JsonStringFlags>))]
public enum JsonStringFlags : byte
{
    None = 0,
    Read = 1,
    [JsonStringEnumMemberName("w")] Write = 2,
    Exec = 4,
    ReadWrite = Read | Write,
    High = 128,
}

/// <summary>An enum with no converter on its type: names only where a member says so.</summary>
public enum JsonPlainKind : long
{
    Min = long.MinValue,
    A = 1,
    [JsonStringEnumMemberName("b-b")] B = 2,
    Max = long.MaxValue,
}

/// <summary>A flags enum with no converter on its type.</summary>
[Flags]
public enum JsonPlainFlags : ushort
{
    None = 0,
    A = 1,
    B = 2,
    C = 4,
    All = A | B | C,
    Top = 0x8000,
}

/// <summary>Enums as strings: the converter on the type and on members, nullable, flags, in collections and as keys.</summary>
[SocketEvent("json_string_enums")]
public sealed partial record JsonStringEnums(
    JsonColor Color,
    JsonColor? MaybeColor,
    JsonStringFlags Flags,
    JsonStringFlags? MaybeFlags,
    [property: JsonConverter(typeof(JsonStringEnumConverter<JsonPlainKind>))] JsonPlainKind Kind,
    [property: JsonConverter(typeof(JsonStringEnumConverter<JsonPlainKind>))] JsonPlainKind? MaybeKind,
    [property: JsonConverter(typeof(JsonStringEnumConverter<JsonFlags>))] JsonFlags MemberFlags,
    [property: JsonConverter(typeof(JsonStringEnumConverter<JsonPlainFlags>))] JsonPlainFlags? MaybeMemberFlags,
    JsonPlainKind NumericKind,
    JsonPlainFlags NumericFlags,
    List<JsonColor> Colors,
    JsonStringFlags[] AllFlags,
    Dictionary<JsonColor, int> ByColor,
    Dictionary<JsonStringFlags, string> ByStringFlags,
    Dictionary<JsonPlainFlags, int> ByPlainFlags);

/// <summary>An abstract polymorphic base: string and int discriminators, nested derivation.</summary>
[JsonPolymorphic]
[JsonDerivedType(typeof(JsonCircle), "circle")]
[JsonDerivedType(typeof(JsonSquare), 3)]
[JsonDerivedType(typeof(JsonRoundedSquare), "rounded")]
[JsonDerivedType(typeof(JsonGroup), "group")]
[JsonDerivedType(typeof(JsonLabelShape), "ü \"label\"")]
public abstract record JsonShape(string Name);

public sealed record JsonCircle(string Name, double Radius) : JsonShape(Name);

public record JsonSquare(string Name, int Side) : JsonShape(Name);

public sealed record JsonRoundedSquare(string Name, int Side, int Corner) : JsonSquare(Name, Side);

/// <summary>A derived type that holds the base type again.</summary>
public sealed record JsonGroup(string Name, List<JsonShape> Members, JsonShape? Main) : JsonShape(Name);

public sealed record JsonLabelShape(string Name, string? Text) : JsonShape(Name);

/// <summary>A concrete polymorphic base with a custom discriminator name.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "@kind")]
[JsonDerivedType(typeof(JsonCat), "cat")]
[JsonDerivedType(typeof(JsonDog), 2)]
[JsonDerivedType(typeof(JsonPuppy), "puppy")]
public class JsonAnimal
{
    public string Name { get; set; } = string.Empty;

    public int? Age { get; set; }
}

public sealed class JsonCat : JsonAnimal
{
    public int Lives { get; set; }
}

public class JsonDog : JsonAnimal
{
    public bool Good { get; set; }
}

public sealed class JsonPuppy : JsonDog
{
    public List<string>? Toys { get; set; }
}

/// <summary>Polymorphic members, lists mixing every derived type and null, dictionaries, arrays.</summary>
[SocketEvent("json_polymorphic")]
public sealed partial record JsonPolymorphicEvent(
    List<JsonShape?> Shapes,
    JsonShape Main,
    JsonShape? Focus,
    JsonAnimal Pet,
    JsonAnimal? MaybePet,
    List<JsonAnimal> Pets,
    Dictionary<string, JsonShape> ByName,
    JsonSquare[] Squares);

/// <summary>Extension data on a class with a required member.</summary>
[SocketEvent("json_extension")]
public sealed partial class JsonExtension
{
    public required int Id { get; init; }

    public string? Name { get; set; }

    public JsonExtensionChild? Child { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>Extension data on a positional record.</summary>
public sealed record JsonExtensionChild(int Value, List<int> Items)
{
    [JsonExtensionData] public Dictionary<string, JsonElement>? Rest { get; set; }
}

/// <summary>[JsonNumberHandling] on members of every number type, named literals, strict.</summary>
[SocketEvent("json_numbers")]
public sealed partial record JsonNumbers(
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] int Count,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] long Long,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] byte Byte,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] sbyte? SByte,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] ulong ULong,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] float Float,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] double Double,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] decimal? Money,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] Half Half,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] Int128 Big,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] UInt128? Bigger,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] int ReadsQuoted,
    [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)] double Reading,
    [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)] float? MaybeReading,
    [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)] Half NamedHalf,
    [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals | JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] double Both,
    [property: JsonNumberHandling(JsonNumberHandling.Strict)] long Strict,
    [property: JsonNumberHandling(JsonNumberHandling.Strict)] double? StrictDouble);

/// <summary>
/// Numbers written quoted that, without AllowReadingFromString, neither reader reads back: only the
/// writing test uses it.
/// </summary>
[SocketEvent("json_numbers_write_only")]
public sealed partial record JsonNumbersWriteOnly(
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] int Count,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] double Ratio,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] decimal? Money,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowNamedFloatingPointLiterals)] float Reading,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] Half? Half,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] UInt128 Bigger);

/// <summary>Init-only members of the new types with initializers: absent, the initializer stays.</summary>
[SocketEvent("json_wide_init_defaults")]
public sealed partial class JsonWideInitDefaults
{
    public required int Id { get; init; }

    public TimeSpan Span { get; init; } = TimeSpan.FromMinutes(-90);

    public Uri? Link { get; init; } = new("https://example.test/default");

    public Version? Version { get; init; } = new(1, 2);

    public JsonColor Color { get; init; } = JsonColor.Blue;

    public char Letter { get; init; } = 'x';

    public Half Half { get; init; } = (Half)1.5;

    public ImmutableArray<int> Frozen { get; init; } = [1, 2];

    public DateOnly Day { get; init; } = new(2000, 1, 1);

    public Int128 Big { get; init; } = Int128.MaxValue;

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public int Quoted { get; init; } = 7;

    public JsonShape? Shape { get; init; } = new JsonCircle("c", 1);

    public HashSet<string>? Set { get; init; } = ["a"];

    [JsonConverter(typeof(JsonStringEnumConverter<JsonPlainKind>))]
    public JsonPlainKind? Kind { get; init; } = JsonPlainKind.B;
}

/// <summary>A base with two int discriminators: today the generated reader does not compile (CS0128).</summary>
[JsonPolymorphic]
[JsonDerivedType(typeof(JsonIntOne), 1)]
[JsonDerivedType(typeof(JsonIntTwo), 2)]
public abstract record JsonIntBase;

public sealed record JsonIntOne(int A) : JsonIntBase;

public sealed record JsonIntTwo(string B) : JsonIntBase;

[SocketEvent("json_two_ints")]
public sealed partial record JsonTwoInts(List<JsonIntBase> Items);

/// <summary>
/// IReadOnlySet&lt;T&gt;: System.Text.Json writes it but cannot read it (NotSupportedException), so reading
/// is compared with System.Text.Json reading <see cref="JsonReadOnlySetsTwin"/>.
/// </summary>
[SocketEvent("json_read_only_sets")]
public sealed partial record JsonReadOnlySets(IReadOnlySet<long> Longs, IReadOnlySet<string> Names, IReadOnlySet<Guid>? Ids);

/// <summary>The same JSON shape with sets System.Text.Json can read.</summary>
public sealed record JsonReadOnlySetsTwin(HashSet<long> Longs, HashSet<string> Names, HashSet<Guid>? Ids);
