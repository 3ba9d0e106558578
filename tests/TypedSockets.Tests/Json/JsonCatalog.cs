using System.Text.Json.Serialization;

// The event types the JSON property tests run against: every member type the generator supports,
// nested, recursive, renamed and ignored, so each shape of generated reader and writer is exercised.
// Every event name starts with "json_" (event names are unique per assembly).
namespace TypedSockets.Tests.Json;

public enum JsonByteEnum : byte { Zero, One, Max = byte.MaxValue }

public enum JsonSByteEnum : sbyte { Min = sbyte.MinValue, Zero = 0, Max = sbyte.MaxValue }

public enum JsonShortEnum : short { Min = short.MinValue, Zero = 0 }

public enum JsonUShortEnum : ushort { Zero, Max = ushort.MaxValue }

public enum JsonIntEnum { Smallest = int.MinValue, Negative = -5, Zero = 0, Large = int.MaxValue }

public enum JsonUIntEnum : uint { Zero, Max = uint.MaxValue }

public enum JsonLongEnum : long { Min = long.MinValue, Zero = 0, Max = long.MaxValue }

public enum JsonULongEnum : ulong { Zero, Max = ulong.MaxValue }

[Flags]
public enum JsonFlags { None = 0, Read = 1, Write = 2, Both = Read | Write }

/// <summary>Every primitive, as constructor parameters (so every member is required).</summary>
[SocketEvent("json_primitives")]
public sealed partial record JsonPrimitives(
    string Text,
    bool Flag,
    byte U8,
    sbyte I8,
    short I16,
    ushort U16,
    int I32,
    uint U32,
    long I64,
    ulong U64,
    float F32,
    double F64,
    decimal Money,
    Guid Id,
    DateTime When,
    DateTimeOffset At,
    byte[] Blob);

/// <summary>Every enum underlying type, with values inside and outside the declared names.</summary>
[SocketEvent("json_enums")]
public sealed partial record JsonEnums(
    JsonByteEnum Byte,
    JsonSByteEnum SByte,
    JsonShortEnum Short,
    JsonUShortEnum UShort,
    JsonIntEnum Int,
    JsonUIntEnum UInt,
    JsonLongEnum Long,
    JsonULongEnum ULong,
    JsonFlags Flags,
    JsonIntEnum? MaybeInt,
    JsonULongEnum? MaybeULong);

/// <summary>Nullable&lt;T&gt; of every primitive, nullable references, a nullable struct.</summary>
[SocketEvent("json_nullables")]
public sealed partial record JsonNullables(
    string? Text,
    bool? Flag,
    byte? U8,
    sbyte? I8,
    short? I16,
    ushort? U16,
    int? I32,
    uint? U32,
    long? I64,
    ulong? U64,
    float? F32,
    double? F64,
    decimal? Money,
    Guid? Id,
    DateTime? When,
    DateTimeOffset? At,
    byte[]? Blob,
    JsonPoint? Point);

/// <summary>Every supported collection type.</summary>
[SocketEvent("json_collections")]
public sealed partial record JsonCollections(
    int[] Numbers,
    List<string> Tags,
    IReadOnlyList<double> Ratios,
    IList<long?> Longs,
    ICollection<Guid> Ids,
    IEnumerable<bool> Flags,
    IReadOnlyCollection<decimal> Amounts,
    Dictionary<string, int> Scores,
    IDictionary<string, string> Labels,
    IReadOnlyDictionary<string, DateTime> Times,
    List<int[]> Jagged,
    Dictionary<string, List<int?>> Groups,
    byte[][] Blobs,
    List<string>? MaybeTags,
    Dictionary<string, byte[]>? MaybeBlobs);

/// <summary>A positional struct: read through its setters.</summary>
public record struct JsonPoint(double X, double Y);

/// <summary>A plain struct with settable properties.</summary>
public struct JsonSize : IEquatable<JsonSize>
{
    public int Width { get; set; }

    public int Height { get; set; }

    public readonly bool Equals(JsonSize other) => Width == other.Width && Height == other.Height;

    public override readonly bool Equals(object? obj) => obj is JsonSize other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(Width, Height);

    public static bool operator ==(JsonSize left, JsonSize right) => left.Equals(right);

    public static bool operator !=(JsonSize left, JsonSize right) => !left.Equals(right);
}

/// <summary>An element of <see cref="JsonNested"/>: a record holding a dictionary, structs and a list.</summary>
public sealed record JsonItem(string Name, Dictionary<string, int?> Counts, JsonPoint Point, JsonSize Size, JsonPoint? Maybe, IReadOnlyList<JsonTag> Tags);

/// <summary>The innermost level of <see cref="JsonNested"/>.</summary>
public sealed record JsonTag(string Label, JsonIntEnum Kind, Dictionary<string, int?>? Extra);

/// <summary>Records in lists in dictionaries in records.</summary>
[SocketEvent("json_nested")]
public sealed partial record JsonNested(
    List<JsonItem> Items,
    Dictionary<string, JsonItem> ByName,
    JsonItem? Featured,
    JsonItem[]? Archive,
    Dictionary<string, List<JsonTag>> TagGroups,
    List<Dictionary<string, int?>> Tables);

/// <summary>A recursive type: a tree of nodes.</summary>
[SocketEvent("json_node")]
public sealed partial record JsonTreeNode(string Name, int Value, List<JsonTreeNode>? Children);

/// <summary>A class with a parameterless constructor: settable, init-only and required members.</summary>
[SocketEvent("json_members")]
public sealed partial class JsonMembers
{
    public required string Title { get; init; }

    public required int Count { get; set; }

    public required List<JsonTag> Tags { get; set; }

    public required JsonSize Size { get; init; }

    public string? Note { get; set; }

    public int Level { get; set; } = 3;

    public double Ratio { get; init; }

    public List<int>? Items { get; set; }

    public Dictionary<string, string>? Map { get; init; }
}

/// <summary>
/// Init-only members that have initializers: when the JSON leaves them out, System.Text.Json keeps
/// the initializer's value.
/// </summary>
[SocketEvent("json_init_defaults")]
public sealed partial class JsonInitDefaults
{
    public required string Id { get; init; }

    public int Retries { get; init; } = 3;

    public string? Label { get; init; } = "none";

    public JsonIntEnum Kind { get; init; } = JsonIntEnum.Negative;

    public List<int>? Values { get; init; } = [1, 2];

    public int Settable { get; set; } = 9;
}

/// <summary>
/// The documented stricter case: a non-nullable, settable, non-required reference member. TypedSockets
/// requires it; System.Text.Json would leave it at its initial value.
/// </summary>
[SocketEvent("json_loose")]
public sealed partial class JsonLoose
{
    public string Name { get; set; } = string.Empty;

    public List<int> Values { get; init; } = [];

    public int Count { get; set; }
}

/// <summary>Names: [JsonPropertyName] with special characters and camel-case edge cases.</summary>
[SocketEvent("json_names")]
public sealed partial record JsonNames(
    [property: JsonPropertyName("a b")] int Spaced,
    [property: JsonPropertyName("ünï")] string Unicode,
    [property: JsonPropertyName("x-y")] bool Dashed,
    [property: JsonPropertyName("<tag>&'q\"")] int Escaped,
    [property: JsonPropertyName("😀")] int Emoji,
    [property: JsonPropertyName("")] int EmptyName,
    [property: JsonPropertyName("$.[0]")] int PathLike,
    [property: JsonPropertyName("Upper")] int KeptUpper,
    [property: JsonPropertyName("tab\there\u0001")] int ControlChars,
    [property: JsonPropertyName("long_name_0123456789_abcdefghij_0123456789_abcdefghij_0123456789_abcdefghij_0123456789_abcdefghij_0123456789_abcdefghij_0123456789_abcdefghij_é")] int LongName,
    int URLValue,
    int ID,
    int IOStream,
    int A,
    int ABc,
    int X1Y,
    int ÜberName,
    int _Under,
    int lower,
    int HTMLParser2,
    int @class,
    string @event);

/// <summary>Every [JsonIgnore] condition.</summary>
[SocketEvent("json_ignores")]
public sealed partial record JsonIgnores(int Id)
{
    [JsonIgnore] public string? Always { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Always)] public int AlwaysNumber { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Never { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? WhenNull { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? WhenNullNumber { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<int>? WhenNullList { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public int WhenDefault { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public string? WhenDefaultText { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public double WhenDefaultDouble { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public decimal WhenDefaultMoney { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public JsonPoint WhenDefaultPoint { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public int? WhenDefaultNullable { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public JsonIntEnum WhenDefaultEnum { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWriting)] public string? NotWritten { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)] public string? NotRead { get; set; }
}

/// <summary>Constructor parameters with default values: optional when reading.</summary>
[SocketEvent("json_defaults")]
public sealed partial record JsonDefaults(
    int Required,
    string Text = "text",
    int? Maybe = null,
    JsonIntEnum Kind = JsonIntEnum.Large,
    double Ratio = 1.5,
    decimal Money = 2.50m,
    string? Note = null,
    bool Flag = true,
    long Big = long.MinValue,
    JsonULongEnum Huge = JsonULongEnum.Max);

/// <summary>Members System.Text.Json writes but never reads: computed and private-set properties.</summary>
[SocketEvent("json_get_only")]
public sealed partial record JsonGetOnly(int Value, string Name)
{
    public int Doubled => Value * 2;

    public string Shout => Name.ToUpperInvariant();

    public int Stored { get; private set; } = 11;
}

/// <summary>A base record, so the event's members come from two levels of a hierarchy.</summary>
public record JsonBaseRecord(int BaseValue, string BaseName);

/// <summary>A derived event: System.Text.Json writes the base type's properties first.</summary>
[SocketEvent("json_derived")]
public sealed partial record JsonDerived(int BaseValue, string BaseName, string Extra, double More) : JsonBaseRecord(BaseValue, BaseName);

/// <summary>A base class with settable properties.</summary>
public class JsonBaseClass
{
    public int Alpha { get; set; }

    public string? Beta { get; set; }
}

/// <summary>A derived class used as a member.</summary>
public sealed class JsonDerivedClass : JsonBaseClass
{
    public int Gamma { get; set; }
}

/// <summary>A closed generic type used as a member.</summary>
public sealed record JsonBox<T>(T Value, List<T> More);

/// <summary>Holds a derived class and closed generic types as members.</summary>
[SocketEvent("json_holder")]
public sealed partial record JsonHolder(JsonDerivedClass Thing, List<JsonDerivedClass> Things, JsonBox<int> Numbers, JsonBox<JsonPoint>? Points, JsonBox<string> Texts);

/// <summary>Event types nested in a class.</summary>
public static partial class JsonContainer
{
    /// <summary>A nested event.</summary>
    [SocketEvent("json_inner")]
    public sealed partial record Inner(int X, string Y);
}

/// <summary>A struct event.</summary>
[SocketEvent("json_struct")]
public partial record struct JsonStructEvent(int Seq, string Text, JsonPoint Where);

/// <summary>An event with no members at all.</summary>
[SocketEvent("json_nothing")]
public sealed partial record JsonNothing;

/// <summary>A small event for the error-path tests.</summary>
[SocketEvent("json_order")]
public sealed partial record JsonOrder(
    List<JsonLine> Items,
    Dictionary<string, int> Scores,
    [property: JsonPropertyName("a b")] int Spaced,
    byte[] Blob,
    JsonTreeNode? Tree);

/// <summary>A line of <see cref="JsonOrder"/>.</summary>
public sealed record JsonLine(string Name, int Quantity);

/// <summary>
/// Collections whose elements are nullable references. Today the generated writer passes
/// <c>List&lt;string?&gt;</c> to a <c>Write(…, List&lt;string&gt;?)</c> overload: CS8620, an error under
/// TreatWarningsAsErrors, so the project does not compile. Define the symbol once that is fixed.
/// </summary>
[SocketEvent("json_nullable_elements")]
public sealed partial record JsonNullableElements(
    List<string?> Tags,
    IDictionary<string, string?> Labels,
    Dictionary<string, byte[]?> Blobs,
    JsonTag?[] MaybeTags);

/// <summary>
/// A constructor parameter whose default is a negative enum value. Today the generated reader emits
/// <c>(global::…JsonIntEnum)-5</c>: CS0075, so the project does not compile.
/// </summary>
[SocketEvent("json_negative_default")]
public sealed partial record JsonNegativeDefault(int Required, JsonIntEnum Kind = JsonIntEnum.Negative, JsonSByteEnum Small = JsonSByteEnum.Min);
