using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using TypedSockets.Generator.Diagnostics;
using TypedSockets.Generator.Model;
using TypedSockets.Generator.Symbols;
using static TypedSockets.Generator.Symbols.SymbolNames;

namespace TypedSockets.Generator.Parsing;

/// <summary>
/// Turns a type and everything it reaches into <see cref="TypeShape"/>s, reporting each member
/// whose type cannot be serialized (that member is left out, so generated code still compiles).
/// </summary>
internal sealed class ShapeBuilder(KnownTypeSymbols known, CancellationToken cancellationToken)
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
            Add(name, TypeShape.ForPrimitive(name, DisplayName(type), primitive, type.IsValueType));
            problem = null;
            return true;
        }
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying } enumType)
        {
            Add(name, TypeShape.ForEnum(name, DisplayName(type), underlying.ToDisplayString(), EnumShapeOf(enumType)));
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
            Add(name, TypeShape.ForNullable(name, DisplayName(type), TypeName(element)));
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
            Add(name, TypeShape.ForArray(name, DisplayName(type), TypeName(array.ElementType)));
            return true;
        }
        if (type is INamedTypeSymbol { IsGenericType: true } generic && CollectionOf(generic) is var collection && collection != CollectionKind.None)
        {
            return TryAddCollection(name, generic, collection, fallbackLocation, out problem);
        }
        return TryAddObject(name, type, fallbackLocation, out problem);
    }

    private readonly HashSet<string> _inProgress = new();

    private bool TryAddCollection(string name, INamedTypeSymbol type, CollectionKind collection, Location? location, out string? problem)
    {
        if (collection is CollectionKind.Dictionary or CollectionKind.ImmutableDictionary)
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
            Add(name, TypeShape.ForDictionary(
                name, DisplayName(type), type.IsValueType, TypeName(keyType), DisplayName(keyType), key.Value, TypeName(value), collection));
            return true;
        }
        var element = type.TypeArguments[0];
        if (!TryAdd(element, location, out problem))
        {
            return false;
        }
        var definition = type.OriginalDefinition;
        var indexable = KnownTypeSymbols.Is(definition, known.ListOfT) || KnownTypeSymbols.Is(definition, known.IReadOnlyListOfT)
            || KnownTypeSymbols.Is(definition, known.IListOfT) || KnownTypeSymbols.Is(definition, known.ImmutableArrayOfT);
        Add(name, TypeShape.ForList(name, DisplayName(type), type.IsValueType, TypeName(element), collection, indexable));
        return true;
    }

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
        if (RootNamespace(named) is "System" or "Microsoft")
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
        var constructor = ChooseConstructor(named, known);
        var parameters = constructor?.Parameters ?? ImmutableArrayEmpty;
        var typeAttributes = ReadJsonAttributes(named);
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
                var attributes = ReadJsonAttributes(member);
                var jsonName = attributes.Name ?? Naming.CamelCase(member.Name);
                var ignore = attributes.Ignore;
                if (ignore == IgnoreKind.Always)
                {
                    // Not read or written, but still a known name: a duplicate of it is an error.
                    skippedNames.Add(jsonName);
                    continue;
                }
                if (attributes.IsExtensionData)
                {
                    if (!IsExtensionDataType(memberType))
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
                var converter = attributes.Converter;
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
                    || attributes.IsRequired
                    || (parameter is not null && !parameter.HasExplicitDefaultValue)
                    || (!memberType.IsValueType && !allowsNull && assignment != MemberAssignment.None && parameter is null);
                ordered.Add((attributes.Order, ordered.Count, new MemberShape(
                    member.Name,
                    jsonName,
                    TypeName(memberType),
                    memberType.IsValueType,
                    allowsNull,
                    isRequired,
                    parameterIndex,
                    parameter is { HasExplicitDefaultValue: true } ? DefaultValue(parameter) : null,
                    assignment,
                    ignore,
                    enumAsString,
                    attributes.NumberHandling ?? typeAttributes.NumberHandling)));
            }
        }
        // [JsonPropertyOrder] sorts, stably, what reflection order gives.
        members.AddRange(ordered.OrderBy(m => m.Order).ThenBy(m => m.Index).Select(m => m.Member));
        var readable = !named.IsAbstract && constructor is not null && usedParameters.Count == parameters.Length;
        PolymorphismShape? polymorphism = null;
        if (derivedTypes.Count > 0)
        {
            var derived = new List<(int Depth, DerivedTypeShape Shape)>();
            foreach (var (derivedType, kind, discriminator) in derivedTypes)
            {
                if (kind is null)
                {
                    _diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.UnsupportedMemberType, location, derivedType.Name, named.Name, derivedType.ToDisplayString(),
                        "a [JsonDerivedType] needs a discriminator (a string or an int) to be read back"));
                    continue;
                }
                if (!TryAdd(derivedType, location, out var derivedProblem))
                {
                    _diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.UnsupportedMemberType, location, derivedType.Name, named.Name, derivedType.ToDisplayString(),
                        derivedProblem ?? "the derived type is not supported"));
                    continue;
                }
                derived.Add((Depth(derivedType, named), new DerivedTypeShape(TypeName(derivedType), kind.Value, discriminator)));
            }
            polymorphism = new PolymorphismShape(
                DiscriminatorNameOf(named),
                derived.OrderByDescending(d => d.Depth).Select(d => d.Shape).ToEquatableArray());
        }
        _inProgress.Remove(name);
        _shapes[name] = TypeShape.ForObject(
            name,
            DisplayName(named),
            named.IsValueType,
            new ObjectShape(members.ToEquatableArray(), readable, parameters.Length, extensionData, polymorphism, skippedNames.ToEquatableArray()));
        problem = null;
        return true;
    }

    /// <summary>
    /// Whether a member is serialized, as System.Text.Json decides: public instance properties with a
    /// public getter, and public fields marked <c>[JsonInclude]</c>.
    /// </summary>
    private bool IsDataMember(ISymbol member, out ITypeSymbol type, out IMethodSymbol? setter, out bool isField)
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
                when HasAttribute(field, known.JsonIncludeAttribute):
                type = field.Type;
                isField = true;
                return true;
            default:
                return false;
        }
    }

    private static bool IsReadOnlyField(ISymbol member) => member is IFieldSymbol { IsReadOnly: true };

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

    private void Add(string name, TypeShape shape)
    {
        _shapes[name] = shape;
        _order.Add(name);
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
