using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using TypedSockets.Generator.Diagnostics;
using TypedSockets.Generator.Model;

namespace TypedSockets.Generator.Parsing;

/// <summary>
/// Turns a type and everything it reaches into <see cref="TypeShape"/>s, reporting each member
/// whose type cannot be serialized (that member is left out, so generated code still compiles).
/// </summary>
internal sealed class ShapeBuilder(CancellationToken cancellationToken)
{
    private static readonly SymbolDisplayFormat TypeNameFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(
            SymbolDisplayMiscellaneousOptions.UseSpecialTypes
            | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    private readonly Dictionary<string, TypeShape?> _shapes = new();
    private readonly List<string> _order = new();
    private readonly List<DiagnosticInfo> _diagnostics = new();

    public List<DiagnosticInfo> Diagnostics => _diagnostics;

    /// <summary>The shapes built so far, in the order they were first reached.</summary>
    public EquatableArray<TypeShape> Shapes =>
        _order.Select(name => _shapes[name]).Where(shape => shape is not null).Select(shape => shape!).ToEquatableArray();

    public static string TypeName(ITypeSymbol type) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeNameFormat);

    /// <summary>Adds the shape of <paramref name="type"/>; false with a reason when it cannot be serialized.</summary>
    public bool TryAdd(ITypeSymbol type, Location? fallbackLocation, out string? problem)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var name = TypeName(type);
        if (_shapes.TryGetValue(name, out var existing))
        {
            problem = existing is null && !_inProgress.Contains(name) ? "it is not supported" : null;
            return problem is null;
        }
        if (Primitive(type) is var primitive && primitive != PrimitiveKind.None)
        {
            Add(name, new TypeShape(name, ShapeKind.Primitive, primitive, type.IsValueType, null, null, null, null));
            problem = null;
            return true;
        }
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
        {
            Add(name, new TypeShape(name, ShapeKind.Enum, PrimitiveKind.None, true, null, null, underlying.ToDisplayString(), null));
            problem = null;
            return true;
        }
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            var element = nullable.TypeArguments[0];
            if (!TryAdd(element, fallbackLocation, out problem))
            {
                return false;
            }
            Add(name, new TypeShape(name, ShapeKind.Nullable, PrimitiveKind.None, true, TypeName(element), null, null, null));
            return true;
        }
        if (type is IArrayTypeSymbol array)
        {
            if (array.Rank != 1)
            {
                problem = "multi-dimensional arrays are not supported";
                return false;
            }
            if (!TryAdd(array.ElementType, fallbackLocation, out problem))
            {
                return false;
            }
            Add(name, new TypeShape(name, ShapeKind.Array, PrimitiveKind.None, false, TypeName(array.ElementType), null, null, null));
            return true;
        }
        if (type is INamedTypeSymbol { IsGenericType: true } generic && Collection(generic) is { } collection)
        {
            return TryAddCollection(name, generic, collection, fallbackLocation, out problem);
        }
        return TryAddObject(name, type, fallbackLocation, out problem);
    }

    private readonly HashSet<string> _inProgress = new();

    private bool TryAddCollection(string name, INamedTypeSymbol type, ShapeKind kind, Location? location, out string? problem)
    {
        if (kind == ShapeKind.Dictionary)
        {
            if (type.TypeArguments[0].SpecialType != SpecialType.System_String)
            {
                problem = "only dictionaries with string keys are supported";
                return false;
            }
            var value = type.TypeArguments[1];
            if (!TryAdd(value, location, out problem))
            {
                return false;
            }
            var concrete = $"global::System.Collections.Generic.Dictionary<string, {TypeName(value)}>";
            Add(name, new TypeShape(name, ShapeKind.Dictionary, PrimitiveKind.None, false, TypeName(value), concrete, null, null));
            return true;
        }
        var element = type.TypeArguments[0];
        if (!TryAdd(element, location, out problem))
        {
            return false;
        }
        var list = $"global::System.Collections.Generic.List<{TypeName(element)}>";
        Add(name, new TypeShape(name, ShapeKind.List, PrimitiveKind.None, false, TypeName(element), list, null, null));
        return true;
    }

    private bool TryAddObject(string name, ITypeSymbol type, Location? location, out string? problem)
    {
        if (type is not INamedTypeSymbol named || named.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            problem = type.TypeKind switch
            {
                TypeKind.Interface => "interfaces other than the supported collections cannot be read",
                TypeKind.TypeParameter => "open generic types are not supported",
                _ => "it is not a class, struct or record",
            };
            return false;
        }
        if (named.SpecialType == SpecialType.System_Object)
        {
            problem = "'object' has no fixed shape";
            return false;
        }
        if (named.IsAbstract || named.IsStatic)
        {
            problem = "abstract and static types cannot be created when reading";
            return false;
        }
        if (named.TypeKind == TypeKind.Class && named.BaseType?.SpecialType == SpecialType.System_MulticastDelegate)
        {
            problem = "delegates are not data";
            return false;
        }
        var ns = named.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        if (ns == "System" || ns.StartsWith("System.", System.StringComparison.Ordinal)
            || ns == "Microsoft" || ns.StartsWith("Microsoft.", System.StringComparison.Ordinal))
        {
            problem = "this framework type is not supported yet";
            return false;
        }
        if (named.IsGenericType && named.TypeArguments.Any(t => t.TypeKind == TypeKind.TypeParameter))
        {
            problem = "open generic types are not supported";
            return false;
        }

        // Reserve the name first, so a type that contains itself refers to its own shape.
        _shapes[name] = null;
        _order.Add(name);
        _inProgress.Add(name);
        var constructor = ChooseConstructor(named);
        var parameters = constructor?.Parameters ?? ImmutableArrayEmpty;
        var members = new List<MemberShape>();
        var seen = new HashSet<string>();
        var usedParameters = new HashSet<int>();
        for (var current = named; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
        {
            foreach (var property in current.GetMembers().OfType<IPropertySymbol>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public
                    || property.GetMethod is not { DeclaredAccessibility: Accessibility.Public } || !seen.Add(property.Name))
                {
                    continue;
                }
                var ignore = IgnoreOf(property);
                if (ignore == IgnoreKind.Always)
                {
                    continue;
                }
                var memberLocation = property.Locations.FirstOrDefault(l => l.IsInSource) ?? location;
                if (!TryAdd(property.Type, memberLocation, out var memberProblem))
                {
                    _diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.UnsupportedMemberType,
                        memberLocation,
                        property.Name,
                        named.Name,
                        property.Type.ToDisplayString(),
                        memberProblem ?? "it is not supported"));
                    continue;
                }
                var parameterIndex = IndexOfParameter(parameters, property.Name);
                if (parameterIndex >= 0)
                {
                    usedParameters.Add(parameterIndex);
                }
                var parameter = parameterIndex >= 0 ? parameters[parameterIndex] : null;
                var assignment = parameterIndex >= 0 ? MemberAssignment.None
                    : property.SetMethod is { DeclaredAccessibility: Accessibility.Public } setter
                        ? (setter.IsInitOnly || property.IsRequired ? MemberAssignment.Initializer : MemberAssignment.Setter)
                        : MemberAssignment.None;
                var allowsNull = property.Type.IsValueType
                    ? property.Type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
                    : property.NullableAnnotation != NullableAnnotation.NotAnnotated
                        && (parameter is null || parameter.NullableAnnotation != NullableAnnotation.NotAnnotated);
                var isRequired = property.IsRequired
                    || (parameter is not null && !parameter.HasExplicitDefaultValue)
                    || (!property.Type.IsValueType && !allowsNull && assignment != MemberAssignment.None && parameter is null)
                    || (!property.Type.IsValueType && !allowsNull && parameter is not null && !parameter.HasExplicitDefaultValue);
                members.Add(new MemberShape(
                    property.Name,
                    JsonNameOf(property),
                    TypeName(property.Type),
                    property.Type.IsValueType,
                    allowsNull,
                    isRequired,
                    parameterIndex,
                    parameter is { HasExplicitDefaultValue: true } ? DefaultValue(parameter) : null,
                    assignment,
                    ignore));
            }
        }
        var readable = constructor is not null && usedParameters.Count == parameters.Length;
        _inProgress.Remove(name);
        _shapes[name] = new TypeShape(
            name,
            ShapeKind.Object,
            PrimitiveKind.None,
            named.IsValueType,
            null,
            null,
            null,
            new ObjectShape(members.ToEquatableArray(), readable, parameters.Length));
        problem = null;
        return true;
    }

    private static readonly System.Collections.Immutable.ImmutableArray<IParameterSymbol> ImmutableArrayEmpty =
        System.Collections.Immutable.ImmutableArray<IParameterSymbol>.Empty;

    /// <summary>Why an object type cannot be constructed when reading, or null when it can.</summary>
    public static string? WhyNotConstructible(INamedTypeSymbol type)
    {
        var constructor = ChooseConstructor(type);
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
    private static IMethodSymbol? ChooseConstructor(INamedTypeSymbol type)
    {
        var constructors = type.InstanceConstructors;
        var marked = constructors.FirstOrDefault(c => c.GetAttributes().Any(a =>
            a.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonConstructorAttribute"));
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

    private static string JsonNameOf(IPropertySymbol property)
    {
        foreach (var attribute in property.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonPropertyNameAttribute"
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string name)
            {
                return name;
            }
        }
        return Naming.CamelCase(property.Name);
    }

    private static IgnoreKind IgnoreOf(IPropertySymbol property)
    {
        foreach (var attribute in property.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() != "System.Text.Json.Serialization.JsonIgnoreAttribute")
            {
                continue;
            }
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == "Condition" && argument.Value.Value is int condition)
                {
                    return condition switch
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
            return IgnoreKind.Always;
        }
        return IgnoreKind.Never;
    }

    private static string DefaultValue(IParameterSymbol parameter)
    {
        var value = parameter.ExplicitDefaultValue;
        var typeName = TypeName(parameter.Type);
        if (value is null)
        {
            return parameter.Type.IsValueType ? "default" : "null";
        }
        if (parameter.Type.TypeKind == TypeKind.Enum)
        {
            return $"({typeName}){Literal(value)}";
        }
        return Literal(value);
    }

    private static string Literal(object value) => value switch
    {
        string s => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(s, quote: true),
        bool b => b ? "true" : "false",
        char c => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(c, quote: true),
        float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "F",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "D",
        decimal m => m.ToString(System.Globalization.CultureInfo.InvariantCulture) + "M",
        long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture) + "L",
        ulong ul => ul.ToString(System.Globalization.CultureInfo.InvariantCulture) + "UL",
        uint ui => ui.ToString(System.Globalization.CultureInfo.InvariantCulture) + "U",
        System.IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "default",
    };

    private void Add(string name, TypeShape shape)
    {
        _shapes[name] = shape;
        _order.Add(name);
    }

    private static PrimitiveKind Primitive(ITypeSymbol type)
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
        }
        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
        {
            return PrimitiveKind.Bytes;
        }
        return type.ToDisplayString() switch
        {
            "System.Guid" => PrimitiveKind.Guid,
            "System.DateTimeOffset" => PrimitiveKind.DateTimeOffset,
            _ => PrimitiveKind.None,
        };
    }

    private static ShapeKind? Collection(INamedTypeSymbol type) => type.OriginalDefinition.ToDisplayString() switch
    {
        "System.Collections.Generic.List<T>"
            or "System.Collections.Generic.IReadOnlyList<T>"
            or "System.Collections.Generic.IList<T>"
            or "System.Collections.Generic.ICollection<T>"
            or "System.Collections.Generic.IReadOnlyCollection<T>"
            or "System.Collections.Generic.IEnumerable<T>" => ShapeKind.List,
        "System.Collections.Generic.Dictionary<TKey, TValue>"
            or "System.Collections.Generic.IDictionary<TKey, TValue>"
            or "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>" => ShapeKind.Dictionary,
        _ => null,
    };
}
