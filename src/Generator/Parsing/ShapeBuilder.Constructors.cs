using Microsoft.CodeAnalysis;
using TypedSockets.Generator.Model;
using static TypedSockets.Generator.Symbols.SymbolNames;

namespace TypedSockets.Generator.Parsing;

/// <summary>Which constructor reading uses (as System.Text.Json chooses it), how members map to its parameters, and their default values.</summary>
internal sealed partial class ShapeBuilder
{
    private static readonly System.Collections.Immutable.ImmutableArray<IParameterSymbol> ImmutableArrayEmpty =
        System.Collections.Immutable.ImmutableArray<IParameterSymbol>.Empty;

    private static int IndexOfParameter(System.Collections.Immutable.ImmutableArray<IParameterSymbol> parameters, string propertyName)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            if (string.Equals(parameters[i].Name, propertyName, System.StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>A constructor parameter's default value as data; the emitter writes it as C#.</summary>
    private static DefaultValueShape DefaultValue(IParameterSymbol parameter)
    {
        var value = parameter.ExplicitDefaultValue;
        var enumType = parameter.Type.TypeKind == TypeKind.Enum ? TypeName(parameter.Type) : null;
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        return value switch
        {
            null => new DefaultValueShape(DefaultValueKind.Null, string.Empty),
            string text => new DefaultValueShape(DefaultValueKind.String, text),
            char c => new DefaultValueShape(DefaultValueKind.Char, c.ToString()),
            bool b => new DefaultValueShape(DefaultValueKind.Boolean, b ? "true" : "false"),
            float f => new DefaultValueShape(DefaultValueKind.Single, f.ToString("R", invariant)),
            double d => new DefaultValueShape(DefaultValueKind.Double, d.ToString("R", invariant)),
            decimal m => new DefaultValueShape(DefaultValueKind.Decimal, m.ToString(invariant)),
            int i => new DefaultValueShape(DefaultValueKind.Int32, i.ToString(invariant), enumType),
            long l => new DefaultValueShape(DefaultValueKind.Int64, l.ToString(invariant), enumType),
            ulong ul => new DefaultValueShape(DefaultValueKind.UInt64, ul.ToString(invariant), enumType),
            uint ui => new DefaultValueShape(DefaultValueKind.UInt32, ui.ToString(invariant), enumType),
            System.IFormattable other => new DefaultValueShape(DefaultValueKind.OtherInteger, other.ToString(null, invariant), enumType),
            _ => new DefaultValueShape(DefaultValueKind.Null, string.Empty),
        };
    }
}
