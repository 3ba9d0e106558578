using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TypedSockets.Generator.Parsing;

/// <summary>
/// Turns the authorization attributes of an endpoint class (<c>[Authorize]</c>, <c>[AllowAnonymous]</c>
/// and anything else implementing their interfaces) into C# expressions that recreate them, so the
/// route carries them as metadata without reflection at run time.
/// </summary>
internal static class MetadataParser
{
    private const string AuthorizeData = "Microsoft.AspNetCore.Authorization.IAuthorizeData";
    private const string AllowAnonymous = "Microsoft.AspNetCore.Authorization.IAllowAnonymous";

    public static IEnumerable<string> Authorization(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var attribute in type.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (attribute.AttributeClass is not { } attributeClass
                || !attributeClass.AllInterfaces.Any(i => i.ToDisplayString() is AuthorizeData or AllowAnonymous))
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
