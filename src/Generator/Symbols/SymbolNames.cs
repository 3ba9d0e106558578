using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TypedSockets.Generator.Symbols;

/// <summary>What every parser reads off symbols the same way: the names generated code uses, and where an attribute's argument is.</summary>
internal static class SymbolNames
{
    private static readonly SymbolDisplayFormat TypeNameFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(
            SymbolDisplayMiscellaneousOptions.UseSpecialTypes
            | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    private static readonly SymbolDisplayFormat DisplayNameFormat = TypeNameFormat
        .WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

    /// <summary>
    /// The name generated code writes for <paramref name="type"/>: fully qualified with
    /// <c>global::</c>, keywords for special types, without a nullable annotation.
    /// </summary>
    public static string TypeName(ITypeSymbol type) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeNameFormat);

    /// <summary>The name of <paramref name="type"/> for people (messages): as <see cref="TypeName"/>, without <c>global::</c>.</summary>
    public static string DisplayName(ITypeSymbol type) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(DisplayNameFormat);

    /// <summary>The location of an attribute's first argument (a name or ref, say), else of the attribute.</summary>
    public static Location? FirstArgumentLocation(AttributeData attribute)
    {
        var reference = attribute.ApplicationSyntaxReference;
        if (reference?.GetSyntax() is AttributeSyntax { ArgumentList.Arguments.Count: > 0 } syntax)
        {
            return syntax.ArgumentList.Arguments[0].GetLocation();
        }
        return reference?.GetSyntax().GetLocation();
    }
}
