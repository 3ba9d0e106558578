namespace TypedSockets.Generator.Model;

/// <summary>
/// Enough about a user's type to write a <c>partial</c> declaration of it: its namespace, the
/// types it is nested in, and its own keyword and name.
/// </summary>
/// <param name="Namespace">The namespace, empty for the global one.</param>
/// <param name="ContainingTypes">Headers of the enclosing types, outermost first, e.g. <c>partial class Outer</c>.</param>
/// <param name="Keyword">The declaration keyword: <c>class</c>, <c>struct</c>, <c>record</c> or <c>record struct</c>.</param>
/// <param name="Name">The type's simple name.</param>
/// <param name="FullyQualifiedName">The name with <c>global::</c>, as generated code refers to it.</param>
/// <param name="HintName">A file-name-safe, unique name for the generated files.</param>
internal sealed record TypeDeclarationModel(
    string Namespace,
    EquatableArray<string> ContainingTypes,
    string Keyword,
    string Name,
    string FullyQualifiedName,
    string HintName);
