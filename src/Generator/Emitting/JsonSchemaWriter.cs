using System.Collections.Generic;
using System.Linq;
using TypedSockets.Generator.Model;

namespace TypedSockets.Generator.Emitting;

/// <summary>
/// Describes event types as JSON Schema (the AsyncAPI schema format, a superset of draft 07),
/// from the same <see cref="TypeShape"/>s the JSON code is generated from: camelCase names,
/// <c>required</c> and <c>null</c> as the generated reader enforces them, enums as the writer
/// writes them, dictionaries, and polymorphism with its discriminator. Objects and enums become
/// named components that schemas refer to, so recursive types are described once.
/// </summary>
internal sealed class JsonSchemaWriter
{
    public const string ComponentsPath = "#/components/schemas/";

    private readonly Dictionary<string, TypeShape> _shapes;

    public JsonSchemaWriter(IEnumerable<TypeShape> shapes)
    {
        _shapes = new Dictionary<string, TypeShape>();
        foreach (var shape in shapes)
        {
            _shapes[shape.TypeName] = shape;
        }
    }

    /// <summary>The schema of a value of <paramref name="typeName"/>, as a member or an event's data.</summary>
    public void Write(JsonTextWriter w, string typeName, bool allowsNull = false, bool enumAsString = false, NumberHandling? numberHandling = null)
    {
        if (!_shapes.TryGetValue(typeName, out var shape))
        {
            w.StartObject().EndObject(); // unknown: any JSON
            return;
        }
        if (shape.Kind == ShapeKind.Nullable)
        {
            Write(w, shape.ElementTypeName!, allowsNull: true, enumAsString, numberHandling);
            return;
        }
        var nullable = allowsNull && !(shape.Kind == ShapeKind.Primitive && shape.Primitive is PrimitiveKind.JsonNode or PrimitiveKind.JsonElement);
        if (nullable)
        {
            w.StartObject().Name("anyOf").StartArray();
        }
        WriteNonNull(w, shape, enumAsString, numberHandling);
        if (nullable)
        {
            w.StartObject().Property("type", "null").EndObject();
            w.EndArray().EndObject();
        }
    }

    /// <summary>The component names of the objects and enums reachable from <paramref name="roots"/>, each with its shape, sorted.</summary>
    public IReadOnlyList<(string Name, TypeShape Shape)> Components(IEnumerable<string> roots)
    {
        var found = new SortedDictionary<string, TypeShape>(System.StringComparer.Ordinal);
        foreach (var shape in Declarations(_shapes, roots))
        {
            found[ComponentName(shape)] = shape;
        }
        return found.Select(pair => (pair.Key, pair.Value)).ToList();
    }

    /// <summary>
    /// The objects and enums reachable from <paramref name="roots"/>: what a document or a module
    /// declares by name (the TypeScript writer's types, this writer's components).
    /// </summary>
    internal static IEnumerable<TypeShape> Declarations(IReadOnlyDictionary<string, TypeShape> shapes, IEnumerable<string> roots)
    {
        var pending = new Stack<string>(roots);
        var seen = new HashSet<string>();
        while (pending.Count > 0)
        {
            var typeName = pending.Pop();
            if (!seen.Add(typeName) || !shapes.TryGetValue(typeName, out var shape))
            {
                continue;
            }
            if (shape.Kind is ShapeKind.Object or ShapeKind.Enum)
            {
                yield return shape;
            }
            foreach (var next in Reached(shape))
            {
                pending.Push(next);
            }
        }
    }

    /// <summary>A component's schema: an object with its properties, or an enum.</summary>
    public void WriteComponent(JsonTextWriter w, TypeShape shape)
    {
        if (shape.Kind == ShapeKind.Enum)
        {
            WriteEnum(w, shape, asString: shape.Enum!.WritesAsString);
            return;
        }
        var @object = shape.Object!;
        if (@object.Polymorphism is { } polymorphism)
        {
            WritePolymorphic(w, polymorphism);
            return;
        }
        w.StartObject();
        w.Property("title", shape.DisplayName);
        w.Property("type", "object");
        var members = @object.Members.Where(m => m.Ignore != IgnoreKind.Always).ToList();
        w.Name("properties").StartObject();
        foreach (var member in members)
        {
            w.Name(member.JsonName);
            Write(w, member.TypeName, member.AllowsNull, member.EnumAsString, member.NumberHandling);
        }
        w.EndObject();
        var required = members.Where(m => m.IsRequired).Select(m => m.JsonName).ToList();
        if (required.Count > 0)
        {
            w.Name("required").StartArray();
            foreach (var name in required)
            {
                w.String(name);
            }
            w.EndArray();
        }
        if (@object.ExtensionData is not null)
        {
            // [JsonExtensionData] takes every other property, of any JSON value.
            w.Name("additionalProperties").Bool(true);
        }
        w.EndObject();
    }

    /// <summary>The component name of an object or enum: its qualified name, in the characters AsyncAPI keys allow.</summary>
    public static string ComponentName(TypeShape shape)
    {
        var name = new System.Text.StringBuilder(shape.DisplayName.Length);
        foreach (var c in shape.DisplayName)
        {
            name.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '-' or '_' ? c : '_');
        }
        return name.ToString();
    }

    private void WriteNonNull(JsonTextWriter w, TypeShape shape, bool enumAsString, NumberHandling? numberHandling)
    {
        switch (shape.Kind)
        {
            case ShapeKind.Primitive:
                WritePrimitive(w, shape.Primitive, numberHandling);
                break;
            case ShapeKind.Enum when enumAsString && !shape.Enum!.WritesAsString:
                // The member asks for names where the type is written as numbers: described in place.
                WriteEnum(w, shape, asString: true);
                break;
            case ShapeKind.Enum:
            case ShapeKind.Object:
                w.StartObject().Property("$ref", ComponentsPath + ComponentName(shape)).EndObject();
                break;
            case ShapeKind.Array:
            case ShapeKind.List:
                w.StartObject().Property("type", "array").Name("items");
                Write(w, shape.ElementTypeName!, enumAsString: enumAsString, numberHandling: numberHandling);
                w.EndObject();
                break;
            case ShapeKind.Dictionary:
                w.StartObject().Property("type", "object");
                WriteKeys(w, shape);
                w.Name("additionalProperties");
                Write(w, shape.ElementTypeName!, enumAsString: enumAsString, numberHandling: numberHandling);
                w.EndObject();
                break;
            default:
                w.StartObject().EndObject();
                break;
        }
    }

    private void WriteKeys(JsonTextWriter w, TypeShape dictionary)
    {
        switch (dictionary.Key)
        {
            case KeyKind.Number:
                w.Name("propertyNames").StartObject().Property("pattern", "^-?[0-9]+$").EndObject();
                break;
            case KeyKind.Guid:
                w.Name("propertyNames").StartObject().Property("format", "uuid").EndObject();
                break;
            case KeyKind.Enum when _shapes.TryGetValue(dictionary.KeyTypeName!, out var key) && key.Enum is { IsFlags: false } names:
                w.Name("propertyNames").StartObject().Name("enum").StartArray();
                foreach (var member in names.Members)
                {
                    w.String(member.JsonName);
                }
                w.EndArray().EndObject();
                break;
        }
    }

    private static void WriteEnum(JsonTextWriter w, TypeShape shape, bool asString)
    {
        var @enum = shape.Enum!;
        w.StartObject();
        w.Property("title", shape.DisplayName);
        w.Property("type", asString ? "string" : "integer");
        if (@enum.IsFlags)
        {
            // Any combination: "A, B" as a string, the OR of the values as a number.
            w.Property("description", asString
                ? "Flags: one or more of " + string.Join(", ", @enum.Members.Select(m => m.JsonName)) + ", separated by \", \"."
                : "Flags: any combination of " + string.Join(", ", @enum.Members.Select(m => $"{m.JsonName} = {m.Value}")) + ".");
        }
        else
        {
            w.Name("enum").StartArray();
            foreach (var member in @enum.Members)
            {
                if (asString)
                {
                    w.String(member.JsonName);
                }
                else
                {
                    w.Number(member.Value);
                }
            }
            w.EndArray();
        }
        w.EndObject();
    }

    private void WritePolymorphic(JsonTextWriter w, PolymorphismShape polymorphism)
    {
        // Written as the runtime type's object with the discriminator first; read by the discriminator.
        w.StartObject();
        w.Name("oneOf").StartArray();
        foreach (var derived in polymorphism.Derived)
        {
            w.StartObject().Name("allOf").StartArray();
            if (_shapes.TryGetValue(derived.TypeName, out var shape))
            {
                w.StartObject().Property("$ref", ComponentsPath + ComponentName(shape)).EndObject();
            }
            w.StartObject().Property("type", "object");
            w.Name("properties").StartObject().Name(polymorphism.DiscriminatorName).StartObject().Name("const");
            if (derived.Kind == DiscriminatorKind.Number)
            {
                w.Number(derived.Discriminator);
            }
            else
            {
                w.String(derived.Discriminator);
            }
            w.EndObject().EndObject();
            w.Name("required").StartArray().String(polymorphism.DiscriminatorName).EndArray();
            w.EndObject();
            w.EndArray().EndObject();
        }
        w.EndArray();
        w.Property("discriminator", polymorphism.DiscriminatorName);
        w.EndObject();
    }

    private static void WritePrimitive(JsonTextWriter w, PrimitiveKind primitive, NumberHandling? handling)
    {
        var isNumber = primitive.IsNumber();
        var flags = handling ?? NumberHandling.AllowReadingFromString;
        if (isNumber && (flags & NumberHandling.WriteAsString) != 0)
        {
            w.StartObject().Property("type", "string").Property("description", "A number written as a string.").EndObject();
            return;
        }
        var namedLiterals = isNumber && (flags & NumberHandling.AllowNamedFloatingPointLiterals) != 0
            && primitive is PrimitiveKind.Single or PrimitiveKind.Double or PrimitiveKind.Half;
        if (namedLiterals)
        {
            w.StartObject().Name("anyOf").StartArray();
        }
        w.StartObject();
        switch (primitive)
        {
            case PrimitiveKind.String:
            case PrimitiveKind.Version:
            case PrimitiveKind.TimeOnly:
            case PrimitiveKind.TimeSpan:
                w.Property("type", "string");
                break;
            case PrimitiveKind.Char:
                w.Property("type", "string").Name("minLength").Number(1).Name("maxLength").Number(1);
                break;
            case PrimitiveKind.Boolean:
                w.Property("type", "boolean");
                break;
            case PrimitiveKind.Byte:
                Integer(w, "0", "255");
                break;
            case PrimitiveKind.SByte:
                Integer(w, "-128", "127");
                break;
            case PrimitiveKind.Int16:
                Integer(w, "-32768", "32767");
                break;
            case PrimitiveKind.UInt16:
                Integer(w, "0", "65535");
                break;
            case PrimitiveKind.Int32:
                w.Property("type", "integer").Property("format", "int32");
                break;
            case PrimitiveKind.UInt32:
                Integer(w, "0", "4294967295");
                break;
            case PrimitiveKind.Int64:
                w.Property("type", "integer").Property("format", "int64");
                break;
            case PrimitiveKind.UInt64:
                Integer(w, "0", "18446744073709551615");
                break;
            case PrimitiveKind.Int128:
            case PrimitiveKind.UInt128:
                w.Property("type", "integer");
                break;
            case PrimitiveKind.Single:
                w.Property("type", "number").Property("format", "float");
                break;
            case PrimitiveKind.Double:
                w.Property("type", "number").Property("format", "double");
                break;
            case PrimitiveKind.Half:
            case PrimitiveKind.Decimal:
                w.Property("type", "number");
                break;
            case PrimitiveKind.Guid:
                w.Property("type", "string").Property("format", "uuid");
                break;
            case PrimitiveKind.DateTime:
            case PrimitiveKind.DateTimeOffset:
                w.Property("type", "string").Property("format", "date-time");
                break;
            case PrimitiveKind.DateOnly:
                w.Property("type", "string").Property("format", "date");
                break;
            case PrimitiveKind.Uri:
                w.Property("type", "string").Property("format", "uri-reference");
                break;
            case PrimitiveKind.Bytes:
                w.Property("type", "string").Property("contentEncoding", "base64");
                break;
            default:
                // JsonElement, JsonNode: any JSON value.
                break;
        }
        w.EndObject();
        if (namedLiterals)
        {
            w.StartObject().Name("enum").StartArray().String("NaN").String("Infinity").String("-Infinity").EndArray().EndObject();
            w.EndArray().EndObject();
        }
    }

    private static void Integer(JsonTextWriter w, string minimum, string maximum) =>
        w.Property("type", "integer").Name("minimum").Number(minimum).Name("maximum").Number(maximum);

    /// <summary>The type names a shape refers to.</summary>
    internal static IEnumerable<string> Reached(TypeShape shape)
    {
        if (shape.ElementTypeName is { } element)
        {
            yield return element;
        }
        if (shape.KeyTypeName is { } key)
        {
            yield return key;
        }
        if (shape.Object is { } @object)
        {
            foreach (var member in @object.Members)
            {
                yield return member.TypeName;
            }
            if (@object.Polymorphism is { } polymorphism)
            {
                foreach (var derived in polymorphism.Derived)
                {
                    yield return derived.TypeName;
                }
            }
        }
    }
}
