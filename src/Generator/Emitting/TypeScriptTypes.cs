using System.Collections.Generic;
using System.Linq;
using System.Text;
using TypedSockets.Generator.Model;

namespace TypedSockets.Generator.Emitting;

/// <summary>
/// Describes one contract's types in TypeScript, from the same <see cref="TypeShape"/>s the JSON
/// code is generated from, so the types say what the server writes and reads: camelCase names as
/// written; <c>string</c> for dates, times, Guid, Uri, Version, TimeSpan, char and bytes (base64);
/// <c>number</c> for numbers (<c>string</c> where <c>[JsonNumberHandling]</c> writes them as
/// strings); <c>T | null</c> where null is written or accepted; optional (<c>?</c>) where the
/// reader accepts absence or the writer may leave the property out; enums as the union of the
/// values written; dictionaries as <c>Record</c>; polymorphic types as a union discriminated by
/// their discriminator; <c>JsonElement</c> and <c>JsonNode</c> as <c>unknown</c>. One interface
/// serves both directions, so a property the server always writes but does not require is still
/// optional.
/// </summary>
internal sealed class TypeScriptTypes
{
    private readonly Dictionary<string, TypeShape> _shapes;
    private readonly Dictionary<string, string> _names = new();

    /// <param name="shapes">The contract's shapes.</param>
    /// <param name="roots">The event types, whose declarations are written with all they reach.</param>
    /// <param name="reserved">Names the module declares itself, which no type may take.</param>
    public TypeScriptTypes(IEnumerable<TypeShape> shapes, IEnumerable<string> roots, IEnumerable<string> reserved)
    {
        _shapes = new Dictionary<string, TypeShape>();
        foreach (var shape in shapes)
        {
            _shapes[shape.TypeName] = shape;
        }
        var taken = new HashSet<string>(reserved.Concat(GlobalNames), System.StringComparer.Ordinal);
        // Named in the order of their qualified names, so a name does not depend on declaration order.
        foreach (var shape in JsonSchemaWriter.Declarations(_shapes, roots).OrderBy(s => s.DisplayName, System.StringComparer.Ordinal))
        {
            var name = SimpleName(shape.DisplayName);
            if (!taken.Add(name))
            {
                name = Sanitize(shape.DisplayName);
                for (var i = 2; !taken.Add(name); i++)
                {
                    name = Sanitize(shape.DisplayName) + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            _names[shape.TypeName] = name;
        }
    }

    /// <summary>JavaScript's reserved words: no type, and no module's name in <c>index</c>, may be one.</summary>
    internal static readonly string[] ReservedWords =
    [
        "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
        "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null",
        "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield",
        "let", "static", "implements", "interface", "package", "private", "protected", "public", "await", "arguments", "eval",
    ];

    /// <summary>
    /// Names a type may not take besides the reserved words: TypeScript's own keywords and
    /// predefined types, and the library's types a declaration would hide in the module.
    /// </summary>
    private static readonly string[] GlobalNames =
    [
        .. ReservedWords,
        "as", "async", "declare", "module", "namespace", "type", "from", "of", "get", "set", "is", "keyof", "infer", "readonly", "satisfies",
        "any", "unknown", "never", "object", "string", "number", "boolean", "symbol", "bigint", "undefined",
        "Array", "ReadonlyArray", "Record", "Partial", "Promise", "Date", "Error", "Object", "String", "Number",
        "Boolean", "Function", "Symbol", "BigInt", "Map", "Set", "JSON", "Math", "URL", "WebSocket", "AbortSignal",
    ];

    /// <summary>The TypeScript name of each object and enum, in the order they are declared.</summary>
    public IEnumerable<(TypeShape Shape, string Name)> Declarations =>
        _names.Select(pair => (_shapes[pair.Key], pair.Value)).OrderBy(d => d.Value, System.StringComparer.Ordinal);

    /// <summary>The type of an event's data.</summary>
    public string EventType(string typeName) => Type(typeName, allowsNull: false, enumAsString: false, numberHandling: null);

    /// <summary>The declaration of an object or enum: an interface, or a type alias.</summary>
    public void WriteDeclaration(StringBuilder ts, TypeShape shape, string name)
    {
        ts.Append("/** `").Append(shape.DisplayName).Append('`');
        if (shape.Kind == ShapeKind.Enum && !shape.Enum!.WritesAsString && shape.Enum.Members.Count > 0)
        {
            ts.Append(": ").Append(string.Join(", ", shape.Enum.Members.Select(m => $"{m.ClrName} = {m.Value}")));
        }
        if (shape.Kind == ShapeKind.Enum && shape.Enum!.IsFlags)
        {
            ts.Append(shape.Enum.WritesAsString
                ? " (flags: one or more names, separated by \", \")"
                : " (flags: any combination of the values)");
        }
        ts.Append(". */\n");
        if (shape.Kind == ShapeKind.Enum)
        {
            ts.Append("export type ").Append(name).Append(" = ").Append(Enum(shape, shape.Enum!.WritesAsString)).Append(";\n");
            return;
        }
        var @object = shape.Object!;
        if (@object.Polymorphism is { } polymorphism)
        {
            // Written as the runtime type's members with the discriminator first; read by the
            // discriminator, or, when the base itself can be created, as the base without one.
            ts.Append("export type ").Append(name).Append(" =");
            foreach (var derived in polymorphism.Derived)
            {
                var discriminator = derived.Kind == DiscriminatorKind.Number ? derived.Discriminator : JsonTextWriter.Quote(derived.Discriminator);
                ts.Append("\n  | ({ ").Append(PropertyName(polymorphism.DiscriminatorName)).Append(": ").Append(discriminator).Append(" } & ")
                    .Append(MembersOf(derived.TypeName)).Append(')');
            }
            if (@object.IsReadable)
            {
                ts.Append("\n  | ").Append(name).Append(MembersSuffix);
            }
            else if (polymorphism.Derived.Count == 0)
            {
                ts.Append(" never");
            }
            ts.Append(";\n\n");
            ts.Append("/** The members of `").Append(shape.DisplayName).Append("` itself, which each of its derived types has too. */\n");
            name += MembersSuffix;
        }
        ts.Append("export interface ").Append(name).Append(" {\n");
        foreach (var member in @object.Members.Where(m => m.Ignore != IgnoreKind.Always))
        {
            // Optional where the reader does without it, or the writer may leave it out.
            var optional = !member.IsRequired || member.Ignore != IgnoreKind.Never;
            ts.Append("  ").Append(PropertyName(member.JsonName)).Append(optional ? "?: " : ": ")
                .Append(Type(member.TypeName, member.AllowsNull, member.EnumAsString, member.NumberHandling)).Append(";\n");
        }
        if (@object.ExtensionData is not null)
        {
            // [JsonExtensionData] takes every other property, of any JSON value.
            ts.Append("  [property: string]: unknown;\n");
        }
        ts.Append("}\n");
    }

    /// <summary>
    /// A polymorphic type's name stands for the union of its derived types; its own members are
    /// declared under this suffix, which no C# name can end with.
    /// </summary>
    private const string MembersSuffix = "$Members";

    /// <summary>The members of a derived type: its interface, or, when it is polymorphic itself, its members'.</summary>
    private string MembersOf(string typeName)
    {
        if (!_names.TryGetValue(typeName, out var name))
        {
            return "{}";
        }
        return _shapes[typeName].Object?.Polymorphism is null ? name : name + MembersSuffix;
    }

    /// <summary>A property name as written in an interface or object literal: quoted unless it is an identifier.</summary>
    public static string PropertyName(string name) => IsIdentifier(name) ? name : JsonTextWriter.Quote(name);

    /// <summary>Whether <paramref name="name"/> can stand unquoted as a property name.</summary>
    public static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || char.IsDigit(name[0]))
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '$'))
            {
                return false;
            }
        }
        return true;
    }

    private string Type(string typeName, bool allowsNull, bool enumAsString, NumberHandling? numberHandling)
    {
        if (!_shapes.TryGetValue(typeName, out var shape))
        {
            return "unknown";
        }
        if (shape.Kind == ShapeKind.Nullable)
        {
            return Type(shape.ElementTypeName!, allowsNull: true, enumAsString, numberHandling);
        }
        if (shape.Kind == ShapeKind.Primitive && shape.Primitive is PrimitiveKind.JsonElement or PrimitiveKind.JsonNode)
        {
            return "unknown";
        }
        var type = NonNull(shape, enumAsString, numberHandling);
        return allowsNull ? type + " | null" : type;
    }

    private string NonNull(TypeShape shape, bool enumAsString, NumberHandling? numberHandling)
    {
        switch (shape.Kind)
        {
            case ShapeKind.Primitive:
                return Primitive(shape.Primitive, numberHandling);
            case ShapeKind.Enum when enumAsString && !shape.Enum!.WritesAsString:
                // The member asks for names where the type is written as numbers: spelled out in place.
                return Enum(shape, asString: true);
            case ShapeKind.Enum:
            case ShapeKind.Object:
                return _names.TryGetValue(shape.TypeName, out var name) ? name : "unknown";
            case ShapeKind.Array:
            case ShapeKind.List:
                // [JsonNumberHandling] on a member applies to the member's own number only.
                var element = Type(shape.ElementTypeName!, allowsNull: false, enumAsString, numberHandling: null);
                return element.IndexOf(' ') >= 0 ? $"({element})[]" : element + "[]";
            case ShapeKind.Dictionary:
                var value = Type(shape.ElementTypeName!, allowsNull: false, enumAsString, numberHandling: null);
                if (shape.Key == KeyKind.Enum && _shapes.TryGetValue(shape.KeyTypeName!, out var key) && key.Enum is { IsFlags: false, Members.Count: > 0 } names)
                {
                    // Keys are written as the enum's names, and not every name need be present.
                    return $"Partial<Record<{string.Join(" | ", names.Members.Select(m => JsonTextWriter.Quote(m.JsonName)))}, {value}>>";
                }
                return $"Record<string, {value}>";
            default:
                return "unknown";
        }
    }

    private static string Enum(TypeShape shape, bool asString)
    {
        var @enum = shape.Enum!;
        if (@enum.IsFlags || @enum.Members.Count == 0)
        {
            // Any combination ("A, B", or the OR of the values), or any value of an enum without names.
            return asString ? "string" : "number";
        }
        var values = asString ? @enum.Members.Select(m => JsonTextWriter.Quote(m.JsonName)) : @enum.Members.Select(m => m.Value);
        return string.Join(" | ", values.Distinct());
    }

    private static string Primitive(PrimitiveKind primitive, NumberHandling? handling)
    {
        if (primitive.IsNumber())
        {
            var flags = handling ?? NumberHandling.AllowReadingFromString;
            if ((flags & NumberHandling.WriteAsString) != 0)
            {
                // Written quoted; read quoted only when reading from strings is allowed too.
                return (flags & NumberHandling.AllowReadingFromString) != 0 ? "string" : "string | number";
            }
            if ((flags & NumberHandling.AllowNamedFloatingPointLiterals) != 0
                && primitive is PrimitiveKind.Single or PrimitiveKind.Double or PrimitiveKind.Half)
            {
                return "number | 'NaN' | 'Infinity' | '-Infinity'";
            }
            return "number";
        }
        return primitive switch
        {
            PrimitiveKind.Boolean => "boolean",
            PrimitiveKind.None => "unknown",
            _ => "string", // strings, chars, dates and times, Guid, Uri, Version, TimeSpan, bytes as base64
        };
    }

    /// <summary><c>Chat.Said</c> gives <c>Said</c>; <c>Demo.Box&lt;Demo.Item, int&gt;</c> gives <c>Box_Item_int</c>.</summary>
    private static string SimpleName(string displayName)
    {
        var name = new StringBuilder(displayName.Length);
        var word = new StringBuilder();
        foreach (var c in displayName + "\0")
        {
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                word.Append(c);
                continue;
            }
            if (c != '.' && word.Length > 0)
            {
                // A qualified name's last part ends here.
                if (name.Length > 0)
                {
                    name.Append('_');
                }
                name.Append(word);
            }
            word.Clear();
        }
        return Sanitize(name.ToString());
    }

    /// <summary>An identifier made of a name's letters, digits and underscores.</summary>
    private static string Sanitize(string name)
    {
        var result = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                result.Append(c);
            }
            else if (result.Length > 0 && result[result.Length - 1] != '_')
            {
                result.Append('_');
            }
        }
        var text = result.ToString().TrimEnd('_');
        return text.Length == 0 || char.IsDigit(text[0]) ? "_" + text : text;
    }
}
