using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TypedSockets.Generator.Symbols;

/// <summary>
/// How System.Text.Json constructs a type when reading, which the JSON shapes follow and the
/// handler checks (TSK009) ask about: one place for the rule, shared by both parsers.
/// </summary>
internal static class JsonConstructors
{
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
    public static IMethodSymbol? ChooseConstructor(INamedTypeSymbol type, KnownTypeSymbols known)
    {
        var constructors = type.InstanceConstructors;
        var marked = constructors.FirstOrDefault(c => c.GetAttributes().Any(a => KnownTypeSymbols.Is(a.AttributeClass, known.JsonConstructorAttribute)));
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
}
