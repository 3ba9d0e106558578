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
internal sealed partial class ShapeBuilder(KnownTypeSymbols known, CancellationToken cancellationToken)
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
        var constructor = JsonConstructors.ChooseConstructor(named, known);
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

    private static int Depth(INamedTypeSymbol derived, INamedTypeSymbol root)
    {
        var depth = 0;
        for (var current = derived; current is not null && !SymbolEqualityComparer.Default.Equals(current, root); current = current.BaseType)
        {
            depth++;
        }
        return depth;
    }

    private void Add(string name, TypeShape shape)
    {
        _shapes[name] = shape;
        _order.Add(name);
    }
}
