using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using TypedSockets.Generator.Diagnostics;
using TypedSockets.Generator.Model;
using static TypedSockets.Generator.Symbols.SymbolNames;

namespace TypedSockets.Generator.Parsing;

/// <summary>
/// Turns a type and everything it reaches into <see cref="TypeShape"/>s, reporting each member
/// whose type cannot be serialized (that member is left out, so generated code still compiles).
/// </summary>
internal sealed class ShapeBuilder(CancellationToken cancellationToken)
{
    private readonly Dictionary<string, TypeShape?> _shapes = new();
    private readonly List<string> _order = new();
    private readonly List<DiagnosticInfo> _diagnostics = new();

    public List<DiagnosticInfo> Diagnostics => _diagnostics;

    /// <summary>The shapes built so far, in the order they were first reached.</summary>
    public EquatableArray<TypeShape> Shapes =>
        _order.Select(name => _shapes[name]).Where(shape => shape is not null).Select(shape => shape!).ToEquatableArray();

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
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying } enumType)
        {
            Add(name, new TypeShape(name, ShapeKind.Enum, PrimitiveKind.None, true, null, null, underlying.ToDisplayString(), null, Enum: EnumShapeOf(enumType)));
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
        var definition = type.OriginalDefinition.ToDisplayString();
        if (kind == ShapeKind.Dictionary)
        {
            var keyType = type.TypeArguments[0];
            var key = KeyKindOf(keyType);
            if (key is null)
            {
                problem = "dictionary keys must be strings, integers, Guids or enums";
                return false;
            }
            if (key == KeyKind.Enum && !TryAdd(keyType, location, out problem))
            {
                return false;
            }
            var value = type.TypeArguments[1];
            if (!TryAdd(value, location, out problem))
            {
                return false;
            }
            var concrete = $"global::System.Collections.Generic.Dictionary<{TypeName(keyType)}, {TypeName(value)}>";
            var construction = definition.StartsWith("System.Collections.Immutable.", System.StringComparison.Ordinal)
                ? "global::System.Collections.Immutable.ImmutableDictionary.CreateRange({0})"
                : "{0}";
            Add(name, new TypeShape(name, ShapeKind.Dictionary, PrimitiveKind.None, type.IsValueType, TypeName(value), concrete, null, null,
                construction, TypeName(keyType), key.Value));
            return true;
        }
        var element = type.TypeArguments[0];
        if (!TryAdd(element, location, out problem))
        {
            return false;
        }
        var list = $"global::System.Collections.Generic.List<{TypeName(element)}>";
        var build = definition switch
        {
            "System.Collections.Generic.HashSet<T>" or "System.Collections.Generic.ISet<T>" or "System.Collections.Generic.IReadOnlySet<T>"
                => $"new global::System.Collections.Generic.HashSet<{TypeName(element)}>({{0}})",
            "System.Collections.Immutable.ImmutableArray<T>" => "global::System.Collections.Immutable.ImmutableArray.CreateRange({0})",
            "System.Collections.Immutable.ImmutableList<T>" or "System.Collections.Immutable.IImmutableList<T>"
                => "global::System.Collections.Immutable.ImmutableList.CreateRange({0})",
            _ => "{0}",
        };
        Add(name, new TypeShape(name, ShapeKind.List, PrimitiveKind.None, type.IsValueType, TypeName(element), list, null, null, build));
        return true;
    }

    private static KeyKind? KeyKindOf(ITypeSymbol key)
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
        return key.ToDisplayString() == "System.Guid" ? KeyKind.Guid : null;
    }

    private static EnumShape EnumShapeOf(INamedTypeSymbol type)
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
                if (attribute.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute"
                    && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string custom)
                {
                    jsonName = custom;
                }
            }
            members.Add(new EnumMemberShape(field.Name, jsonName, System.Convert.ToString(field.ConstantValue, System.Globalization.CultureInfo.InvariantCulture)!));
        }
        var isFlags = type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.FlagsAttribute");
        return new EnumShape(members.ToEquatableArray(), isFlags, IsStringEnumConverter(ConverterOf(type)));
    }

    /// <summary>The type named by a <c>[JsonConverter(typeof(…))]</c> on a symbol, if any.</summary>
    private static ITypeSymbol? ConverterOf(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonConverterAttribute"
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is ITypeSymbol converter)
            {
                return converter;
            }
        }
        return null;
    }

    private static bool IsStringEnumConverter(ITypeSymbol? converter) =>
        converter?.OriginalDefinition.ToDisplayString() is "System.Text.Json.Serialization.JsonStringEnumConverter<TEnum>"
            or "System.Text.Json.Serialization.JsonStringEnumConverter";

    private static bool HasAttribute(ISymbol symbol, string name) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == name);

    private static int? NumberHandlingOf(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonNumberHandlingAttribute"
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int handling)
            {
                return handling;
            }
        }
        return null;
    }

    private static int OrderOf(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonPropertyOrderAttribute"
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int order)
            {
                return order;
            }
        }
        return 0;
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
        var derivedTypes = DerivedTypesOf(named);
        if (named.IsStatic || (named.IsAbstract && derivedTypes.Count == 0))
        {
            problem = "abstract and static types cannot be created when reading (an abstract base needs [JsonDerivedType]s)";
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
        var ordered = new List<(int Order, int Index, MemberShape Member)>();
        MemberShape? extensionData = null;
        var skippedNames = new List<string>();
        for (var current = named; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
        {
            // Reflection lists a type's properties before its fields; System.Text.Json keeps that order.
            foreach (var member in current.GetMembers().OrderBy(m => m is IFieldSymbol ? 1 : 0))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!IsDataMember(member, out var memberType, out var setter, out var isField) || !seen.Add(member.Name))
                {
                    continue;
                }
                var ignore = IgnoreOf(member);
                if (ignore == IgnoreKind.Always)
                {
                    // Not read or written, but still a known name: a duplicate of it is an error.
                    skippedNames.Add(JsonNameOf(member));
                    continue;
                }
                if (HasAttribute(member, "System.Text.Json.Serialization.JsonExtensionDataAttribute"))
                {
                    if (ExtensionDataKind(memberType) is null)
                    {
                        _diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.UnsupportedMemberType,
                            member.Locations.FirstOrDefault(l => l.IsInSource) ?? location,
                            member.Name,
                            named.Name,
                            memberType.ToDisplayString(),
                            "[JsonExtensionData] needs a Dictionary<string, JsonElement> (or IDictionary<string, JsonElement>)"));
                        continue;
                    }
                    extensionData = new MemberShape(
                        member.Name, member.Name, TypeName(memberType), false, true, false, -1, null,
                        setter is null ? MemberAssignment.None : setter.IsInitOnly ? MemberAssignment.Initializer : MemberAssignment.Setter,
                        IgnoreKind.Never);
                    continue;
                }
                var memberLocation = member.Locations.FirstOrDefault(l => l.IsInSource) ?? location;
                var converter = ConverterOf(member);
                string? memberProblem = null;
                var enumAsString = converter is not null && IsStringEnumConverter(converter)
                    && (memberType.TypeKind == TypeKind.Enum
                        || (memberType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullableEnum
                            && nullableEnum.TypeArguments[0].TypeKind == TypeKind.Enum));
                if (converter is not null && !enumAsString)
                {
                    memberProblem = $"custom converters ({converter.Name}) need reflection; only JsonStringEnumConverter on enums is supported";
                }
                if (memberProblem is not null || !TryAdd(memberType, memberLocation, out memberProblem))
                {
                    _diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.UnsupportedMemberType,
                        memberLocation,
                        member.Name,
                        named.Name,
                        memberType.ToDisplayString(),
                        memberProblem ?? "it is not supported"));
                    continue;
                }
                var parameterIndex = IndexOfParameter(parameters, member.Name);
                if (parameterIndex >= 0)
                {
                    usedParameters.Add(parameterIndex);
                }
                var parameter = parameterIndex >= 0 ? parameters[parameterIndex] : null;
                var isRequiredKeyword = member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true };
                var assignment = parameterIndex >= 0 ? MemberAssignment.None
                    : setter switch
                    {
                        null => MemberAssignment.None,
                        { IsInitOnly: true } => MemberAssignment.Initializer,
                        _ when isRequiredKeyword => MemberAssignment.Initializer,
                        _ => MemberAssignment.Setter,
                    };
                if (isField && assignment == MemberAssignment.None && parameterIndex < 0 && !IsReadOnlyField(member))
                {
                    assignment = isRequiredKeyword ? MemberAssignment.Initializer : MemberAssignment.Setter;
                }
                var annotation = member is IPropertySymbol p ? p.NullableAnnotation : ((IFieldSymbol)member).NullableAnnotation;
                var allowsNull = memberType.IsValueType
                    ? memberType.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
                    : annotation != NullableAnnotation.NotAnnotated
                        && (parameter is null || parameter.NullableAnnotation != NullableAnnotation.NotAnnotated);
                var isRequired = isRequiredKeyword
                    || HasAttribute(member, "System.Text.Json.Serialization.JsonRequiredAttribute")
                    || (parameter is not null && !parameter.HasExplicitDefaultValue)
                    || (!memberType.IsValueType && !allowsNull && assignment != MemberAssignment.None && parameter is null);
                ordered.Add((OrderOf(member), ordered.Count, new MemberShape(
                    member.Name,
                    JsonNameOf(member),
                    TypeName(memberType),
                    memberType.IsValueType,
                    allowsNull,
                    isRequired,
                    parameterIndex,
                    parameter is { HasExplicitDefaultValue: true } ? DefaultValue(parameter) : null,
                    assignment,
                    ignore,
                    enumAsString,
                    NumberHandlingOf(member) ?? NumberHandlingOf(named) ?? -1)));
            }
        }
        // [JsonPropertyOrder] sorts, stably, what reflection order gives.
        members.AddRange(ordered.OrderBy(m => m.Order).ThenBy(m => m.Index).Select(m => m.Member));
        var readable = !named.IsAbstract && constructor is not null && usedParameters.Count == parameters.Length;
        PolymorphismShape? polymorphism = null;
        if (derivedTypes.Count > 0)
        {
            var derived = new List<(int Depth, DerivedTypeShape Shape)>();
            foreach (var (derivedType, discriminator) in derivedTypes)
            {
                if (!TryAdd(derivedType, location, out var derivedProblem))
                {
                    _diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.UnsupportedMemberType, location, derivedType.Name, named.Name, derivedType.ToDisplayString(),
                        derivedProblem ?? "the derived type is not supported"));
                    continue;
                }
                derived.Add((Depth(derivedType, named), new DerivedTypeShape(TypeName(derivedType), discriminator)));
            }
            polymorphism = new PolymorphismShape(
                DiscriminatorNameOf(named),
                derived.OrderByDescending(d => d.Depth).Select(d => d.Shape).ToEquatableArray());
        }
        _inProgress.Remove(name);
        _shapes[name] = new TypeShape(
            name,
            ShapeKind.Object,
            PrimitiveKind.None,
            named.IsValueType,
            null,
            null,
            null,
            new ObjectShape(members.ToEquatableArray(), readable, parameters.Length, extensionData, polymorphism, skippedNames.ToEquatableArray()));
        problem = null;
        return true;
    }

    /// <summary>
    /// Whether a member is serialized, as System.Text.Json decides: public instance properties with a
    /// public getter, and public fields marked <c>[JsonInclude]</c>.
    /// </summary>
    private static bool IsDataMember(ISymbol member, out ITypeSymbol type, out IMethodSymbol? setter, out bool isField)
    {
        type = null!;
        setter = null;
        isField = false;
        if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public)
        {
            return false;
        }
        switch (member)
        {
            case IPropertySymbol { IsIndexer: false, GetMethod.DeclaredAccessibility: Accessibility.Public } property:
                type = property.Type;
                setter = property.SetMethod is { DeclaredAccessibility: Accessibility.Public } set ? set : null;
                return true;
            case IFieldSymbol { IsConst: false, IsImplicitlyDeclared: false } field
                when HasAttribute(field, "System.Text.Json.Serialization.JsonIncludeAttribute"):
                type = field.Type;
                isField = true;
                return true;
            default:
                return false;
        }
    }

    private static bool IsReadOnlyField(ISymbol member) => member is IFieldSymbol { IsReadOnly: true };

    /// <summary>The extension-data shapes supported without reflection: JsonElement values or a JsonObject.</summary>
    private static string? ExtensionDataKind(ITypeSymbol type)
    {
        var name = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString();
        return name switch
        {
            "System.Collections.Generic.Dictionary<string, System.Text.Json.JsonElement>"
                or "System.Collections.Generic.IDictionary<string, System.Text.Json.JsonElement>" => "elements",
            _ => null,
        };
    }

    /// <summary>The <c>[JsonDerivedType]</c>s of a base: the type and its discriminator as a JSON literal.</summary>
    private static List<(INamedTypeSymbol Type, string Discriminator)> DerivedTypesOf(INamedTypeSymbol type)
    {
        var result = new List<(INamedTypeSymbol, string)>();
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() != "System.Text.Json.Serialization.JsonDerivedTypeAttribute"
                || attribute.ConstructorArguments.Length == 0
                || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol derived)
            {
                continue;
            }
            var discriminator = attribute.ConstructorArguments.Length > 1 ? attribute.ConstructorArguments[1].Value : null;
            var literal = discriminator switch
            {
                string text => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(text, quote: true),
                int number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => string.Empty,
            };
            result.Add((derived, literal));
        }
        return result;
    }

    private static string DiscriminatorNameOf(INamedTypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonPolymorphicAttribute")
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

    private static int Depth(INamedTypeSymbol derived, INamedTypeSymbol root)
    {
        var depth = 0;
        for (var current = derived; current is not null && !SymbolEqualityComparer.Default.Equals(current, root); current = current.BaseType)
        {
            depth++;
        }
        return depth;
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

    private static string JsonNameOf(ISymbol property)
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

    private static IgnoreKind IgnoreOf(ISymbol property)
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
            return $"({typeName})({Literal(value)})";
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
        if (type.SpecialType == SpecialType.System_Char)
        {
            return PrimitiveKind.Char;
        }
        return type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString() switch
        {
            "System.Guid" => PrimitiveKind.Guid,
            "System.DateTimeOffset" => PrimitiveKind.DateTimeOffset,
            "System.DateOnly" => PrimitiveKind.DateOnly,
            "System.TimeOnly" => PrimitiveKind.TimeOnly,
            "System.TimeSpan" => PrimitiveKind.TimeSpan,
            "System.Uri" => PrimitiveKind.Uri,
            "System.Version" => PrimitiveKind.Version,
            "System.Half" => PrimitiveKind.Half,
            "System.Int128" => PrimitiveKind.Int128,
            "System.UInt128" => PrimitiveKind.UInt128,
            "System.Text.Json.JsonElement" => PrimitiveKind.JsonElement,
            "System.Text.Json.Nodes.JsonNode" => PrimitiveKind.JsonNode,
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
        "System.Collections.Generic.HashSet<T>"
            or "System.Collections.Generic.ISet<T>"
            or "System.Collections.Generic.IReadOnlySet<T>"
            or "System.Collections.Immutable.ImmutableArray<T>"
            or "System.Collections.Immutable.ImmutableList<T>"
            or "System.Collections.Immutable.IImmutableList<T>" => ShapeKind.List,
        "System.Collections.Generic.Dictionary<TKey, TValue>"
            or "System.Collections.Generic.IDictionary<TKey, TValue>"
            or "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>"
            or "System.Collections.Immutable.ImmutableDictionary<TKey, TValue>"
            or "System.Collections.Immutable.IImmutableDictionary<TKey, TValue>" => ShapeKind.Dictionary,
        _ => null,
    };
}
