using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using TypedSockets.Generator.Model;
using TypedSockets.Generator.Symbols;

namespace TypedSockets.Generator.Parsing;

/// <summary>The System.Text.Json attributes a shape depends on: names, ignore conditions, converters, number handling, order, enums' names, polymorphism.</summary>
internal sealed partial class ShapeBuilder
{
    private EnumShape EnumShapeOf(INamedTypeSymbol type)
    {
        var members = new List<EnumMemberShape>();
        foreach (var field in type.GetMembers().OfType<IFieldSymbol>())
        {
            if (!field.HasConstantValue)
            {
                continue;
            }
            var jsonName = field.Name;
            foreach (var attribute in field.GetAttributes())
            {
                if (KnownTypeSymbols.Is(attribute.AttributeClass, known.JsonStringEnumMemberNameAttribute)
                    && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string custom)
                {
                    jsonName = custom;
                }
            }
            members.Add(new EnumMemberShape(field.Name, jsonName, System.Convert.ToString(field.ConstantValue, System.Globalization.CultureInfo.InvariantCulture)!));
        }
        var isFlags = HasAttribute(type, known.FlagsAttribute);
        return new EnumShape(members.ToEquatableArray(), isFlags, IsStringEnumConverter(ReadJsonAttributes(type).Converter));
    }

    private bool IsStringEnumConverter(ITypeSymbol? converter) =>
        converter is not null
        && (KnownTypeSymbols.Is(converter.OriginalDefinition, known.JsonStringEnumConverterOfT)
            || KnownTypeSymbols.Is(converter, known.JsonStringEnumConverter));

    private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attributeType) =>
        symbol.GetAttributes().Any(a => KnownTypeSymbols.Is(a.AttributeClass, attributeType));

    /// <summary>The System.Text.Json attributes of a type or member, read in one pass over its attributes.</summary>
    private JsonAttributes ReadJsonAttributes(ISymbol symbol)
    {
        var result = new JsonAttributes { Ignore = IgnoreKind.Never };
        foreach (var attribute in symbol.GetAttributes())
        {
            var type = attribute.AttributeClass;
            var arguments = attribute.ConstructorArguments;
            if (KnownTypeSymbols.Is(type, known.JsonPropertyNameAttribute) && arguments.Length == 1 && arguments[0].Value is string name)
            {
                result.Name = name;
            }
            else if (KnownTypeSymbols.Is(type, known.JsonIgnoreAttribute))
            {
                result.Ignore = IgnoreKind.Always;
                foreach (var argument in attribute.NamedArguments)
                {
                    if (argument.Key == "Condition" && argument.Value.Value is int condition)
                    {
                        result.Ignore = condition switch
                        {
                            0 => IgnoreKind.Never,
                            2 => IgnoreKind.WhenWritingDefault,
                            3 => IgnoreKind.WhenWritingNull,
                            4 => IgnoreKind.WhenWriting,
                            5 => IgnoreKind.WhenReading,
                            _ => IgnoreKind.Always,
                        };
                    }
                }
            }
            else if (KnownTypeSymbols.Is(type, known.JsonConverterAttribute) && arguments.Length == 1 && arguments[0].Value is ITypeSymbol converter)
            {
                result.Converter = converter;
            }
            else if (KnownTypeSymbols.Is(type, known.JsonNumberHandlingAttribute) && arguments.Length == 1 && arguments[0].Value is int handling)
            {
                result.NumberHandling = (NumberHandling)handling;
            }
            else if (KnownTypeSymbols.Is(type, known.JsonPropertyOrderAttribute) && arguments.Length == 1 && arguments[0].Value is int order)
            {
                result.Order = order;
            }
            else if (KnownTypeSymbols.Is(type, known.JsonExtensionDataAttribute))
            {
                result.IsExtensionData = true;
            }
            else if (KnownTypeSymbols.Is(type, known.JsonRequiredAttribute))
            {
                result.IsRequired = true;
            }
        }
        return result;
    }

    /// <summary>What <see cref="ReadJsonAttributes"/> found.</summary>
    private struct JsonAttributes
    {
        public string? Name;
        public IgnoreKind Ignore;
        public ITypeSymbol? Converter;
        public NumberHandling? NumberHandling;
        public int Order;
        public bool IsExtensionData;
        public bool IsRequired;
    }

    /// <summary>The <c>[JsonDerivedType]</c>s of a base: the type and its discriminator (kind null when it has none).</summary>
    private List<(INamedTypeSymbol Type, DiscriminatorKind? Kind, string Discriminator)> DerivedTypesOf(INamedTypeSymbol type)
    {
        var result = new List<(INamedTypeSymbol, DiscriminatorKind?, string)>();
        foreach (var attribute in type.GetAttributes())
        {
            if (!KnownTypeSymbols.Is(attribute.AttributeClass, known.JsonDerivedTypeAttribute)
                || attribute.ConstructorArguments.Length == 0
                || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol derived)
            {
                continue;
            }
            var discriminator = attribute.ConstructorArguments.Length > 1 ? attribute.ConstructorArguments[1].Value : null;
            result.Add(discriminator switch
            {
                string text => (derived, DiscriminatorKind.String, text),
                int number => (derived, DiscriminatorKind.Number, number.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                _ => (derived, null, string.Empty),
            });
        }
        return result;
    }

    private string DiscriminatorNameOf(INamedTypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (KnownTypeSymbols.Is(attribute.AttributeClass, known.JsonPolymorphicAttribute))
            {
                foreach (var argument in attribute.NamedArguments)
                {
                    if (argument.Key == "TypeDiscriminatorPropertyName" && argument.Value.Value is string custom)
                    {
                        return custom;
                    }
                }
            }
        }
        return "$type";
    }
}
