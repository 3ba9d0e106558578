namespace TypedSockets.Generator.Model;

/// <summary>How a .NET type looks in JSON, for the JSON emitter.</summary>
internal enum ShapeKind
{
    /// <summary>A value the runtime reads and writes itself (<see cref="PrimitiveKind"/>).</summary>
    Primitive,

    /// <summary>An enum, as its underlying number.</summary>
    Enum,

    /// <summary><c>Nullable&lt;T&gt;</c> of a supported struct.</summary>
    Nullable,

    /// <summary><c>T[]</c>.</summary>
    Array,

    /// <summary><c>List&lt;T&gt;</c>, or an interface a <c>List&lt;T&gt;</c> implements (read as one).</summary>
    List,

    /// <summary><c>Dictionary&lt;string, T&gt;</c>, or an interface it implements (read as one).</summary>
    Dictionary,

    /// <summary>A record, class or struct written as a JSON object of its properties.</summary>
    Object,
}

/// <summary>The primitives the runtime's <c>SocketJsonReader</c> reads.</summary>
internal enum PrimitiveKind
{
    None,
    String,
    Boolean,
    Byte,
    SByte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
    Decimal,
    Guid,
    DateTime,
    DateTimeOffset,

    /// <summary><c>byte[]</c>, as base64.</summary>
    Bytes,

    Char,
    DateOnly,
    TimeOnly,
    TimeSpan,
    Uri,
    Version,
    Half,
    Int128,
    UInt128,

    /// <summary>Any JSON, kept as it is.</summary>
    JsonElement,

    /// <summary>Any JSON, kept as it is; <c>null</c> allowed.</summary>
    JsonNode,
}

/// <summary>Questions about a primitive asked by more than one emitter.</summary>
internal static class PrimitiveKindExtensions
{
    /// <summary>Whether the primitive is a JSON number (which <c>[JsonNumberHandling]</c> applies to).</summary>
    public static bool IsNumber(this PrimitiveKind primitive) =>
        primitive is PrimitiveKind.Byte or PrimitiveKind.SByte or PrimitiveKind.Int16 or PrimitiveKind.UInt16
            or PrimitiveKind.Int32 or PrimitiveKind.UInt32 or PrimitiveKind.Int64 or PrimitiveKind.UInt64
            or PrimitiveKind.Single or PrimitiveKind.Double or PrimitiveKind.Decimal or PrimitiveKind.Half
            or PrimitiveKind.Int128 or PrimitiveKind.UInt128;
}

/// <summary>What the keys of a dictionary are, and so how they are written as property names.</summary>
internal enum KeyKind
{
    String,
    Number,
    Guid,
    Enum,
}

/// <summary>What a collection is read into, and so how the read items become the declared type.</summary>
internal enum CollectionKind
{
    /// <summary>Not a collection (or an array, which <see cref="ShapeKind.Array"/> says).</summary>
    None,

    /// <summary><c>List&lt;T&gt;</c> or an interface it implements: the read list itself.</summary>
    List,

    /// <summary><c>HashSet&lt;T&gt;</c>, <c>ISet&lt;T&gt;</c>, <c>IReadOnlySet&lt;T&gt;</c>: a set made of the read list.</summary>
    HashSet,

    /// <summary><c>ImmutableArray&lt;T&gt;</c>.</summary>
    ImmutableArray,

    /// <summary><c>ImmutableList&lt;T&gt;</c> or <c>IImmutableList&lt;T&gt;</c>.</summary>
    ImmutableList,

    /// <summary><c>Dictionary&lt;TKey, TValue&gt;</c> or an interface it implements: the read dictionary itself.</summary>
    Dictionary,

    /// <summary><c>ImmutableDictionary&lt;TKey, TValue&gt;</c> or <c>IImmutableDictionary&lt;TKey, TValue&gt;</c>.</summary>
    ImmutableDictionary,
}

/// <summary>The JSON type of a polymorphic type's discriminator values.</summary>
internal enum DiscriminatorKind
{
    String,
    Number,
}

/// <summary><c>JsonNumberHandling</c>, as <c>[JsonNumberHandling]</c> sets it (same values).</summary>
[System.Flags]
internal enum NumberHandling
{
    Strict = 0,
    AllowReadingFromString = 1,
    WriteAsString = 2,
    AllowNamedFloatingPointLiterals = 4,
}

/// <summary>What kind of constant a constructor parameter's default value is.</summary>
internal enum DefaultValueKind
{
    /// <summary><c>null</c>, or <c>default</c> for a struct.</summary>
    Null,
    String,
    Char,
    Boolean,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
    Decimal,

    /// <summary>Any other integer the constant converts to without a suffix (byte, short, ...).</summary>
    OtherInteger,
}

/// <summary>A constructor parameter's default value, as plain data.</summary>
/// <param name="Kind">The kind of constant.</param>
/// <param name="Text">The value, invariant (a string's own text, unquoted); empty for <see cref="DefaultValueKind.Null"/>.</param>
/// <param name="EnumTypeName">For an enum parameter, the enum type (the value is its underlying number).</param>
internal sealed record DefaultValueShape(DefaultValueKind Kind, string Text, string? EnumTypeName = null);

/// <summary>One named value of an enum.</summary>
/// <param name="ClrName">The C# member name.</param>
/// <param name="JsonName">The name written as a string (after <c>[JsonStringEnumMemberName]</c>).</param>
/// <param name="Value">The value, a decimal integer (invariant) of the underlying type.</param>
internal sealed record EnumMemberShape(string ClrName, string JsonName, string Value);

/// <summary>An enum's names, for writing and reading it as a string.</summary>
/// <param name="Members">The named values, in declaration order.</param>
/// <param name="IsFlags">Whether it has <c>[Flags]</c>, so combinations are written <c>"A, B"</c>.</param>
/// <param name="WritesAsString">Whether the enum type itself asks for <c>JsonStringEnumConverter</c>.</param>
internal sealed record EnumShape(EquatableArray<EnumMemberShape> Members, bool IsFlags, bool WritesAsString);

/// <summary>
/// One type's JSON shape. Shapes refer to each other by <see cref="TypeName"/>, so recursive types
/// are fine and a list of shapes is a plain, equatable value. Made by one factory per kind.
/// </summary>
internal sealed record TypeShape
{
    private TypeShape()
    {
    }

    /// <summary>The fully qualified type name (with <c>global::</c>), without nullable annotations.</summary>
    public string TypeName { get; private init; } = string.Empty;

    /// <summary>The type's name for people (messages): qualified, without <c>global::</c>.</summary>
    public string DisplayName { get; private init; } = string.Empty;

    public ShapeKind Kind { get; private init; }

    /// <summary>For <see cref="ShapeKind.Primitive"/>, which one.</summary>
    public PrimitiveKind Primitive { get; private init; }

    /// <summary>Whether the type is a struct (so it can never be <c>null</c> itself).</summary>
    public bool IsValueType { get; private init; }

    /// <summary>For nullables, arrays, lists and dictionaries: the element or value type.</summary>
    public string? ElementTypeName { get; private init; }

    /// <summary>For dictionaries: the <c>Dictionary&lt;TKey, TValue&gt;</c> type items are read into.</summary>
    public string? ConcreteTypeName { get; private init; }

    /// <summary>For enums: the C# keyword of the underlying type.</summary>
    public string? EnumUnderlyingType { get; private init; }

    /// <summary>For objects: members and construction.</summary>
    public ObjectShape? Object { get; private init; }

    /// <summary>For lists and dictionaries: what is read, and so how it becomes the declared type.</summary>
    public CollectionKind Collection { get; private init; }

    /// <summary>For arrays and lists: whether the declared type has an indexer and a count to write with.</summary>
    public bool IsIndexable { get; private init; }

    /// <summary>For dictionaries: the key type.</summary>
    public string? KeyTypeName { get; private init; }

    /// <summary>For dictionaries: the key type's name for people.</summary>
    public string? KeyDisplayName { get; private init; }

    /// <summary>For dictionaries: how keys are written.</summary>
    public KeyKind Key { get; private init; }

    /// <summary>For enums: names and how they are written.</summary>
    public EnumShape? Enum { get; private init; }

    public static TypeShape ForPrimitive(string typeName, string displayName, PrimitiveKind primitive, bool isValueType) =>
        new() { TypeName = typeName, DisplayName = displayName, Kind = ShapeKind.Primitive, Primitive = primitive, IsValueType = isValueType };

    public static TypeShape ForEnum(string typeName, string displayName, string underlyingType, EnumShape @enum) =>
        new() { TypeName = typeName, DisplayName = displayName, Kind = ShapeKind.Enum, IsValueType = true, EnumUnderlyingType = underlyingType, Enum = @enum };

    public static TypeShape ForNullable(string typeName, string displayName, string elementTypeName) =>
        new() { TypeName = typeName, DisplayName = displayName, Kind = ShapeKind.Nullable, IsValueType = true, ElementTypeName = elementTypeName };

    public static TypeShape ForArray(string typeName, string displayName, string elementTypeName) =>
        new() { TypeName = typeName, DisplayName = displayName, Kind = ShapeKind.Array, ElementTypeName = elementTypeName, IsIndexable = true };

    public static TypeShape ForList(string typeName, string displayName, bool isValueType, string elementTypeName, CollectionKind collection, bool isIndexable) =>
        new()
        {
            TypeName = typeName, DisplayName = displayName, Kind = ShapeKind.List, IsValueType = isValueType,
            ElementTypeName = elementTypeName, Collection = collection, IsIndexable = isIndexable,
        };

    public static TypeShape ForDictionary(
        string typeName, string displayName, bool isValueType, string keyTypeName, string keyDisplayName, KeyKind key, string valueTypeName, CollectionKind collection) =>
        new()
        {
            TypeName = typeName, DisplayName = displayName, Kind = ShapeKind.Dictionary, IsValueType = isValueType,
            ElementTypeName = valueTypeName, KeyTypeName = keyTypeName, KeyDisplayName = keyDisplayName, Key = key, Collection = collection,
            ConcreteTypeName = $"global::System.Collections.Generic.Dictionary<{keyTypeName}, {valueTypeName}>",
        };

    public static TypeShape ForObject(string typeName, string displayName, bool isValueType, ObjectShape @object) =>
        new() { TypeName = typeName, DisplayName = displayName, Kind = ShapeKind.Object, IsValueType = isValueType, Object = @object };
}

/// <summary>How an object is written and constructed.</summary>
/// <param name="Members">The JSON properties, in the order they are written.</param>
/// <param name="IsReadable">Whether generated code can construct it when reading.</param>
/// <param name="ConstructorParameterCount">How many constructor arguments the reader passes.</param>
/// <param name="ExtensionData">The <c>[JsonExtensionData]</c> member, which takes the properties no other member does.</param>
/// <param name="Polymorphism">For a base with <c>[JsonDerivedType]</c>s: its discriminator and derived types.</param>
/// <param name="IgnoredNames">JSON names of members that are never read (<c>[JsonIgnore]</c>), kept so duplicates are still caught.</param>
internal sealed record ObjectShape(
    EquatableArray<MemberShape> Members,
    bool IsReadable,
    int ConstructorParameterCount,
    MemberShape? ExtensionData = null,
    PolymorphismShape? Polymorphism = null,
    EquatableArray<string> IgnoredNames = default);

/// <summary>The derived types a polymorphic base is written and read as.</summary>
/// <param name="DiscriminatorName">The discriminator property, <c>$type</c> unless the base says otherwise.</param>
/// <param name="Derived">The derived types, most derived first.</param>
internal sealed record PolymorphismShape(string DiscriminatorName, EquatableArray<DerivedTypeShape> Derived);

/// <summary>One <c>[JsonDerivedType]</c>.</summary>
/// <param name="TypeName">The derived type.</param>
/// <param name="Kind">Whether the discriminator is a string or a number.</param>
/// <param name="Discriminator">The discriminator's value: the string itself (unquoted), or the number (invariant).</param>
internal sealed record DerivedTypeShape(string TypeName, DiscriminatorKind Kind, string Discriminator);

/// <summary>How a member is ignored, after <c>[JsonIgnore(Condition = …)]</c>.</summary>
internal enum IgnoreKind
{
    Never,
    Always,
    WhenWritingNull,
    WhenWritingDefault,
    WhenWriting,
    WhenReading,
}

/// <summary>One JSON property of an object.</summary>
/// <param name="ClrName">The property's C# name.</param>
/// <param name="JsonName">The name on the wire.</param>
/// <param name="TypeName">The property type's fully qualified name, without nullable annotations.</param>
/// <param name="IsValueType">Whether the property type is a struct.</param>
/// <param name="AllowsNull">Whether <c>null</c> is acceptable when reading (nullable annotation or Nullable&lt;T&gt;).</param>
/// <param name="IsRequired">Whether the property must be present when reading.</param>
/// <param name="ConstructorIndex">The constructor parameter it is passed as, or -1.</param>
/// <param name="ConstructorDefault">The parameter's default value, when it has one.</param>
/// <param name="Assignment">How it is set when it is not a constructor parameter.</param>
/// <param name="Ignore">The <c>[JsonIgnore]</c> condition.</param>
/// <param name="NumberHandling">The <c>[JsonNumberHandling]</c> of the member or its type; <see langword="null"/> for the web default.</param>
/// <param name="EnumAsString">Whether the member asks for its enum as a string (<c>[JsonConverter(typeof(JsonStringEnumConverter&lt;T&gt;))]</c>).</param>
internal sealed record MemberShape(
    string ClrName,
    string JsonName,
    string TypeName,
    bool IsValueType,
    bool AllowsNull,
    bool IsRequired,
    int ConstructorIndex,
    DefaultValueShape? ConstructorDefault,
    MemberAssignment Assignment,
    IgnoreKind Ignore,
    bool EnumAsString = false,
    NumberHandling? NumberHandling = null);

/// <summary>How a reader sets a member that is not a constructor parameter.</summary>
internal enum MemberAssignment
{
    /// <summary>It cannot be set (get-only): read and dropped.</summary>
    None,

    /// <summary>In the object initializer (<c>init</c> or <c>required</c>).</summary>
    Initializer,

    /// <summary>After construction, only when present.</summary>
    Setter,
}
