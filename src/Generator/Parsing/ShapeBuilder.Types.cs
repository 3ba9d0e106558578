using Microsoft.CodeAnalysis;
using TypedSockets.Generator.Model;
using TypedSockets.Generator.Symbols;

namespace TypedSockets.Generator.Parsing;

/// <summary>Which types have a shape of their own: primitives, supported collections, dictionary keys, extension data, framework types.</summary>
internal sealed partial class ShapeBuilder
{
    private KeyKind? KeyKindOf(ITypeSymbol key)
    {
        switch (key.SpecialType)
        {
            case SpecialType.System_String:
                return KeyKind.String;
            case SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_UInt16
                or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64:
                return KeyKind.Number;
        }
        if (key.TypeKind == TypeKind.Enum)
        {
            return KeyKind.Enum;
        }
        return KnownTypeSymbols.Is(key, known.Guid) ? KeyKind.Guid : null;
    }

    /// <summary>The extension-data types supported without reflection: a (I)Dictionary of string to JsonElement.</summary>
    private bool IsExtensionDataType(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeArguments.Length: 2 } named
        && named.TypeArguments[0].SpecialType == SpecialType.System_String
        && KnownTypeSymbols.Is(named.TypeArguments[1], known.JsonElement)
        && (KnownTypeSymbols.Is(named.OriginalDefinition, known.DictionaryOfTKeyTValue) || KnownTypeSymbols.Is(named.OriginalDefinition, known.IDictionaryOfTKeyTValue));

    /// <summary>The outermost namespace a type is in ("System" for System.Collections.Generic), or null in the global one.</summary>
    private static string? RootNamespace(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace;
        if (ns is null || ns.IsGlobalNamespace)
        {
            return null;
        }
        while (ns.ContainingNamespace is { IsGlobalNamespace: false } parent)
        {
            ns = parent;
        }
        return ns.Name;
    }

    private PrimitiveKind Primitive(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_String: return PrimitiveKind.String;
            case SpecialType.System_Boolean: return PrimitiveKind.Boolean;
            case SpecialType.System_Byte: return PrimitiveKind.Byte;
            case SpecialType.System_SByte: return PrimitiveKind.SByte;
            case SpecialType.System_Int16: return PrimitiveKind.Int16;
            case SpecialType.System_UInt16: return PrimitiveKind.UInt16;
            case SpecialType.System_Int32: return PrimitiveKind.Int32;
            case SpecialType.System_UInt32: return PrimitiveKind.UInt32;
            case SpecialType.System_Int64: return PrimitiveKind.Int64;
            case SpecialType.System_UInt64: return PrimitiveKind.UInt64;
            case SpecialType.System_Single: return PrimitiveKind.Single;
            case SpecialType.System_Double: return PrimitiveKind.Double;
            case SpecialType.System_Decimal: return PrimitiveKind.Decimal;
            case SpecialType.System_DateTime: return PrimitiveKind.DateTime;
            case SpecialType.System_Char: return PrimitiveKind.Char;
        }
        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
        {
            return PrimitiveKind.Bytes;
        }
        var plain = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        return
            KnownTypeSymbols.Is(plain, known.Guid) ? PrimitiveKind.Guid
            : KnownTypeSymbols.Is(plain, known.DateTimeOffset) ? PrimitiveKind.DateTimeOffset
            : KnownTypeSymbols.Is(plain, known.DateOnly) ? PrimitiveKind.DateOnly
            : KnownTypeSymbols.Is(plain, known.TimeOnly) ? PrimitiveKind.TimeOnly
            : KnownTypeSymbols.Is(plain, known.TimeSpan) ? PrimitiveKind.TimeSpan
            : KnownTypeSymbols.Is(plain, known.Uri) ? PrimitiveKind.Uri
            : KnownTypeSymbols.Is(plain, known.Version) ? PrimitiveKind.Version
            : KnownTypeSymbols.Is(plain, known.Half) ? PrimitiveKind.Half
            : KnownTypeSymbols.Is(plain, known.Int128) ? PrimitiveKind.Int128
            : KnownTypeSymbols.Is(plain, known.UInt128) ? PrimitiveKind.UInt128
            : KnownTypeSymbols.Is(plain, known.JsonElement) ? PrimitiveKind.JsonElement
            : KnownTypeSymbols.Is(plain, known.JsonNode) ? PrimitiveKind.JsonNode
            : PrimitiveKind.None;
    }

    /// <summary>Which supported collection a generic type is, by its definition.</summary>
    private CollectionKind CollectionOf(INamedTypeSymbol type)
    {
        var definition = type.OriginalDefinition;
        bool Is(INamedTypeSymbol? known) => KnownTypeSymbols.Is(definition, known);
        if (Is(known.ListOfT) || Is(known.IReadOnlyListOfT) || Is(known.IListOfT) || Is(known.ICollectionOfT)
            || Is(known.IReadOnlyCollectionOfT) || Is(known.IEnumerableOfT))
        {
            return CollectionKind.List;
        }
        if (Is(known.HashSetOfT) || Is(known.ISetOfT) || Is(known.IReadOnlySetOfT))
        {
            return CollectionKind.HashSet;
        }
        if (Is(known.ImmutableArrayOfT))
        {
            return CollectionKind.ImmutableArray;
        }
        if (Is(known.ImmutableListOfT) || Is(known.IImmutableListOfT))
        {
            return CollectionKind.ImmutableList;
        }
        if (Is(known.DictionaryOfTKeyTValue) || Is(known.IDictionaryOfTKeyTValue) || Is(known.IReadOnlyDictionaryOfTKeyTValue))
        {
            return CollectionKind.Dictionary;
        }
        if (Is(known.ImmutableDictionaryOfTKeyTValue) || Is(known.IImmutableDictionaryOfTKeyTValue))
        {
            return CollectionKind.ImmutableDictionary;
        }
        return CollectionKind.None;
    }
}
