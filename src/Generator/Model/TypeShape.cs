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

/// <summary>What the keys of a dictionary are, and so how they are written as property names.</summary>
internal enum KeyKind
{
    String,
    Number,
    Guid,
    Enum,
}

/// <summary>One named value of an enum.</summary>
/// <param name="ClrName">The C# member name.</param>
/// <param name="JsonName">The name written as a string (after <c>[JsonStringEnumMemberName]</c>).</param>
/// <param name="Value">The value as a C# literal of the underlying type.</param>
internal sealed record EnumMemberShape(string ClrName, string JsonName, string Value);

/// <summary>An enum's names, for writing and reading it as a string.</summary>
/// <param name="Members">The named values, in declaration order.</param>
/// <param name="IsFlags">Whether it has <c>[Flags]</c>, so combinations are written <c>"A, B"</c>.</param>
/// <param name="WritesAsString">Whether the enum type itself asks for <c>JsonStringEnumConverter</c>.</param>
internal sealed record EnumShape(EquatableArray<EnumMemberShape> Members, bool IsFlags, bool WritesAsString);

/// <summary>
/// One type's JSON shape. Shapes refer to each other by <see cref="TypeName"/>, so recursive types
/// are fine and a list of shapes is a plain, equatable value.
/// </summary>
/// <param name="TypeName">The fully qualified type name (with <c>global::</c>), without nullable annotations.</param>
/// <param name="Kind">The shape's kind.</param>
/// <param name="Primitive">For <see cref="ShapeKind.Primitive"/>, which one.</param>
/// <param name="IsValueType">Whether the type is a struct (so it can never be <c>null</c> itself).</param>
/// <param name="ElementTypeName">For nullables, arrays, lists and dictionaries: the element or value type.</param>
/// <param name="ConcreteTypeName">For lists and dictionaries: the type created when reading.</param>
/// <param name="EnumUnderlyingType">For enums: the C# keyword of the underlying type.</param>
/// <param name="Object">For objects: members and construction.</param>
/// <param name="Construction">For collections: how the read <c>List</c> or <c>Dictionary</c> (<c>{0}</c>) becomes the type.</param>
/// <param name="KeyTypeName">For dictionaries: the key type.</param>
/// <param name="Key">For dictionaries: how keys are written.</param>
/// <param name="Enum">For enums: names and how they are written.</param>
internal sealed record TypeShape(
    string TypeName,
    ShapeKind Kind,
    PrimitiveKind Primitive,
    bool IsValueType,
    string? ElementTypeName,
    string? ConcreteTypeName,
    string? EnumUnderlyingType,
    ObjectShape? Object,
    string? Construction = null,
    string? KeyTypeName = null,
    KeyKind Key = KeyKind.String,
    EnumShape? Enum = null);

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
/// <param name="Discriminator">The discriminator as a JSON literal: a string in quotes, or a number.</param>
internal sealed record DerivedTypeShape(string TypeName, string Discriminator);

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
/// <param name="ConstructorDefault">The parameter's default value as C#, when it has one.</param>
/// <param name="Assignment">How it is set when it is not a constructor parameter.</param>
/// <param name="Ignore">The <c>[JsonIgnore]</c> condition.</param>
/// <param name="NumberHandling">The <c>JsonNumberHandling</c> flags from <c>[JsonNumberHandling]</c> on the member or its type; -1 for the web default.</param>
/// <param name="EnumAsString">Whether the member asks for its enum as a string (<c>[JsonConverter(typeof(JsonStringEnumConverter&lt;T&gt;))]</c>).</param>
internal sealed record MemberShape(
    string ClrName,
    string JsonName,
    string TypeName,
    bool IsValueType,
    bool AllowsNull,
    bool IsRequired,
    int ConstructorIndex,
    string? ConstructorDefault,
    MemberAssignment Assignment,
    IgnoreKind Ignore,
    bool EnumAsString = false,
    int NumberHandling = -1);

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
