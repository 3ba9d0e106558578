using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using TypedSockets.Generator.Model;
using TypedSockets.Generator.Symbols;

namespace TypedSockets.Generator.Parsing;

/// <summary>
/// Reads the authorization attributes of an endpoint class (<c>[Authorize]</c>, <c>[AllowAnonymous]</c>
/// and anything else implementing their interfaces) as data, so generated code can recreate them and
/// the route carries them as metadata without reflection at run time.
/// </summary>
internal static class MetadataParser
{
    public static IEnumerable<AttributeModel> Authorization(INamedTypeSymbol type, KnownTypeSymbols known, CancellationToken cancellationToken)
    {
        foreach (var attribute in type.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (attribute.AttributeClass is not { } attributeClass
                || !attributeClass.AllInterfaces.Any(i => KnownTypeSymbols.Is(i, known.IAuthorizeData) || KnownTypeSymbols.Is(i, known.IAllowAnonymous)))
            {
                continue;
            }
            yield return new AttributeModel(
                SymbolNames.TypeName(attributeClass),
                attribute.ConstructorArguments.Select(Constant).ToEquatableArray(),
                attribute.NamedArguments.Select(a => new NamedConstantModel(a.Key, Constant(a.Value))).ToEquatableArray());
        }
    }

    private static ConstantModel Constant(TypedConstant constant)
    {
        if (constant.Kind == TypedConstantKind.Array)
        {
            var elementType = constant.Type is IArrayTypeSymbol array ? SymbolNames.TypeName(array.ElementType) : "object";
            return constant.IsNull
                ? new ConstantModel(ConstantKind.Null, string.Empty)
                : new ConstantModel(ConstantKind.Array, string.Empty, elementType, constant.Values.Select(Constant).ToEquatableArray());
        }
        if (constant.IsNull)
        {
            return new ConstantModel(ConstantKind.Null, string.Empty);
        }
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        return constant.Kind switch
        {
            TypedConstantKind.Enum => new ConstantModel(
                ConstantKind.Enum, System.Convert.ToString(constant.Value, invariant)!, SymbolNames.TypeName(constant.Type!)),
            TypedConstantKind.Type when constant.Value is ITypeSymbol typeArgument => new ConstantModel(
                ConstantKind.Type, string.Empty, SymbolNames.TypeName(typeArgument)),
            _ => constant.Value switch
            {
                string text => new ConstantModel(ConstantKind.String, text),
                char c => new ConstantModel(ConstantKind.Char, c.ToString()),
                bool flag => new ConstantModel(ConstantKind.Boolean, flag ? "true" : "false"),
                // "R" keeps every digit of a float or double, on any runtime the compiler runs on.
                float single => new ConstantModel(ConstantKind.Number, single.ToString("R", invariant), SymbolNames.TypeName(constant.Type!)),
                double number => new ConstantModel(ConstantKind.Number, number.ToString("R", invariant), SymbolNames.TypeName(constant.Type!)),
                System.IFormattable number => new ConstantModel(
                    ConstantKind.Number, number.ToString(null, invariant), SymbolNames.TypeName(constant.Type!)),
                _ => new ConstantModel(ConstantKind.Null, string.Empty),
            },
        };
    }
}
