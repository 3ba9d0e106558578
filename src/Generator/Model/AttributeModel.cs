namespace TypedSockets.Generator.Model;

/// <summary>An attribute to recreate in generated code (an endpoint's <c>[Authorize]</c>, say), as data.</summary>
/// <param name="TypeName">The attribute type, fully qualified with <c>global::</c>.</param>
/// <param name="Arguments">Its constructor arguments, in order.</param>
/// <param name="Properties">Its named arguments, in the order written.</param>
internal sealed record AttributeModel(string TypeName, EquatableArray<ConstantModel> Arguments, EquatableArray<NamedConstantModel> Properties);

/// <summary>A named argument of an attribute: <c>Roles = "admin"</c>.</summary>
internal sealed record NamedConstantModel(string Name, ConstantModel Value);

/// <summary>What kind of constant an attribute argument holds.</summary>
internal enum ConstantKind
{
    Null,
    String,
    Char,
    Boolean,

    /// <summary>A number of the primitive type <see cref="ConstantModel.TypeName"/>.</summary>
    Number,

    /// <summary>A value of the enum <see cref="ConstantModel.TypeName"/>, given as its underlying number.</summary>
    Enum,

    /// <summary><c>typeof(</c><see cref="ConstantModel.TypeName"/><c>)</c>.</summary>
    Type,

    /// <summary>An array of <see cref="ConstantModel.TypeName"/> holding <see cref="ConstantModel.Items"/>.</summary>
    Array,
}

/// <summary>A compile-time constant as data: the emitter writes it as C#, another emitter could write it otherwise.</summary>
/// <param name="Kind">The kind of constant.</param>
/// <param name="Text">The value, invariant: a string's own text, a number's digits, <c>true</c>/<c>false</c>; empty otherwise.</param>
/// <param name="TypeName">For numbers, enums, types and arrays: the type (the element type for arrays), fully qualified.</param>
/// <param name="Items">For arrays: the elements.</param>
internal sealed record ConstantModel(ConstantKind Kind, string Text, string? TypeName = null, EquatableArray<ConstantModel> Items = default);
