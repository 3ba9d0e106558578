namespace TypedSockets.Generator.Model;

/// <summary>
/// Enough about a user's type to write a <c>partial</c> declaration of it: its namespace, the
/// types it is nested in, and its own keyword and name.
/// </summary>
/// <param name="Namespace">The namespace, empty for the global one.</param>
/// <param name="ContainingTypes">The enclosing types, outermost first.</param>
/// <param name="Keyword">The declaration keyword: <c>class</c>, <c>struct</c>, <c>record</c> or <c>record struct</c>.</param>
/// <param name="Name">The type's simple name.</param>
/// <param name="FullyQualifiedName">The name with <c>global::</c>, as generated code refers to it.</param>
/// <param name="HintName">A file-name-safe, unique name for the generated files.</param>
internal sealed record TypeDeclarationModel(
    string Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Keyword,
    string Name,
    string FullyQualifiedName,
    string HintName);

/// <summary>A type a user's type is nested in, enough to redeclare it <c>partial</c>.</summary>
/// <param name="Keyword">Its declaration keyword: <c>class</c>, <c>struct</c>, <c>interface</c>, <c>record</c> or <c>record struct</c>.</param>
/// <param name="Name">Its simple name.</param>
/// <param name="TypeParameters">Its type parameters' names, in order.</param>
internal sealed record ContainingTypeModel(string Keyword, string Name, EquatableArray<string> TypeParameters);
