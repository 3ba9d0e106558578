using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using TypedSockets.Generator.Diagnostics;
using TypedSockets.Generator.Model;
using TypedSockets.Generator.Symbols;
using static TypedSockets.Generator.Symbols.SymbolNames;

namespace TypedSockets.Generator.Parsing;

/// <summary>Which constructor reading uses (as System.Text.Json chooses it), how members map to its parameters, and their default values.</summary>
internal sealed partial class ShapeBuilder
{
    private static readonly System.Collections.Immutable.ImmutableArray<IParameterSymbol> ImmutableArrayEmpty =
        System.Collections.Immutable.ImmutableArray<IParameterSymbol>.Empty;

    /// <summary>Why an object type cannot be constructed when reading, or null when it can.</summary>
    public static string? WhyNotConstructible(INamedTypeSymbol type, KnownTypeSymbols known)
    {
        var constructor = ChooseConstructor(type, known);
        if (constructor is null)
        {
            return "it needs a public parameterless constructor, a single public constructor, or one marked [JsonConstructor]";
        }
        foreach (var parameter in constructor.Parameters)
        {
            var matches = AllProperties(type).Any(p => string.Equals(p.Name, parameter.Name, System.StringComparison.OrdinalIgnoreCase));
            if (!matches)
            {
                return $"constructor parameter '{parameter.Name}' does not match a public property";
            }
        }
        return null;
    }

    private static IEnumerable<IPropertySymbol> AllProperties(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var property in current.GetMembers().OfType<IPropertySymbol>())
            {
                if (!property.IsStatic && property.DeclaredAccessibility == Accessibility.Public && property.GetMethod is not null)
                {
                    yield return property;
                }
            }
        }
    }

    /// <summary>The constructor System.Text.Json would use: [JsonConstructor], else a public parameterless one, else the only public one.</summary>
    private static IMethodSymbol? ChooseConstructor(INamedTypeSymbol type, KnownTypeSymbols known)
    {
        var constructors = type.InstanceConstructors;
        var marked = constructors.FirstOrDefault(c => HasAttribute(c, known.JsonConstructorAttribute));
        if (marked is not null)
        {
            return marked;
        }
        var publicOnes = constructors.Where(c => c.DeclaredAccessibility == Accessibility.Public && !IsCopyConstructor(type, c)).ToList();
        var parameterless = publicOnes.FirstOrDefault(c => c.Parameters.Length == 0);
        if (parameterless is not null || type.IsValueType)
        {
            return parameterless ?? constructors.FirstOrDefault(c => c.Parameters.Length == 0);
        }
        return publicOnes.Count == 1 ? publicOnes[0] : null;
    }

    private static bool IsCopyConstructor(INamedTypeSymbol type, IMethodSymbol constructor) =>
        type.IsRecord && constructor.Parameters.Length == 1
        && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type);

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
