using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedSockets.Generator.Symbols;

namespace TypedSockets.Generator.Parsing;

/// <summary>
/// Turns the authorization attributes of an endpoint class (<c>[Authorize]</c>, <c>[AllowAnonymous]</c>
/// and anything else implementing their interfaces) into C# expressions that recreate them, so the
/// route carries them as metadata without reflection at run time.
/// </summary>
internal static class MetadataParser
{
    public static IEnumerable<string> Authorization(INamedTypeSymbol type, KnownTypeSymbols known, CancellationToken cancellationToken)
    {
        foreach (var attribute in type.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (attribute.AttributeClass is not { } attributeClass
                || !attributeClass.AllInterfaces.Any(i => KnownTypeSymbols.Is(i, known.IAuthorizeData) || KnownTypeSymbols.Is(i, known.IAllowAnonymous)))
            {
                continue;
            }
            var name = attributeClass.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            var arguments = string.Join(", ", attribute.ConstructorArguments.Select(Expression));
            var properties = string.Join(", ", attribute.NamedArguments.Select(a => $"{a.Key} = {Expression(a.Value)}"));
            yield return properties.Length == 0
                ? $"new {name}({arguments})"
                : $"new {name}({arguments}) {{ {properties} }}";
        }
    }

    private static string Expression(TypedConstant constant) =>
        constant.IsNull
            ? "null"
            : constant.Kind switch
            {
                TypedConstantKind.Primitive when constant.Value is string text => SymbolDisplay.FormatLiteral(text, quote: true),
                TypedConstantKind.Primitive when constant.Value is bool flag => flag ? "true" : "false",
                TypedConstantKind.Enum => $"({constant.Type!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)})({SymbolDisplay.FormatPrimitive(constant.Value!, quoteStrings: false, useHexadecimalNumbers: false)})",
                _ => constant.ToCSharpString(),
            };
}
