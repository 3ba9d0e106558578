using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using TypedSockets.Generator.Model;

namespace TypedSockets.Generator.Emitting;

/// <summary>
/// The stable hash of an endpoint's wire contract: what travels, not how C# spells it. It covers
/// the ref and path, each event's name and direction, the reply each request gets, and each
/// event's JSON shape (property names, JSON types, required and nullable, enum values,
/// dictionary keys, polymorphic discriminators), read from the same shapes the JSON code is made
/// from. Renaming a C# type, property or namespace, reordering members or declarations, or marking
/// an event volatile leaves it unchanged; any change a client could notice changes it.
/// </summary>
internal static class ContractHash
{
    /// <summary>The first 64 bits of SHA-256 over <see cref="Canonical"/>, as 16 lowercase hex digits.</summary>
    public static string Of(string @ref, string path, ContractModel contract)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(Canonical(@ref, path, contract)));
        var text = new StringBuilder(16);
        for (var i = 0; i < 8; i++)
        {
            text.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    /// <summary>One line per fact of the contract, in an order that does not depend on declarations.</summary>
    public static string Canonical(string @ref, string path, ContractModel contract)
    {
        var shapes = contract.ShapesByName();
        var lines = new List<string>();
        foreach (var inbound in contract.Inbound)
        {
            var line = $"in {inbound.EventName} {Describe(shapes, inbound.TypeName)}";
            if (inbound.ReplyEventName is not null)
            {
                line += $" -> {inbound.ReplyEventName} {Describe(shapes, inbound.ReplyTypeName!)}";
            }
            lines.Add(line);
        }
        foreach (var outbound in contract.Outbound)
        {
            lines.Add($"out {outbound.EventName} {Describe(shapes, outbound.TypeName)}");
        }
        lines.Sort(System.StringComparer.Ordinal);
        return $"typedsockets-contract 1\nref {@ref}\npath {path}\n" + string.Join("\n", lines) + "\n";
    }

    private static string Describe(Dictionary<string, TypeShape> shapes, string typeName) =>
        new Describer(shapes).Type(typeName, enumAsString: false, numberHandling: null);

    /// <summary>A value's JSON structure in the hash's words, as a member with these settings holds it.</summary>
    public static string Describe(Dictionary<string, TypeShape> shapes, string typeName, bool enumAsString, NumberHandling? numberHandling) =>
        new Describer(shapes).Type(typeName, enumAsString, numberHandling);

    /// <summary>Writes a type's JSON structure; a type met again inside itself is written as a back reference.</summary>
    private sealed class Describer(Dictionary<string, TypeShape> shapes)
    {
        private readonly List<string> _open = new();

        public string Type(string typeName, bool enumAsString, NumberHandling? numberHandling)
        {
            if (!shapes.TryGetValue(typeName, out var shape))
            {
                return "any";
            }
            switch (shape.Kind)
            {
                case ShapeKind.Primitive:
                    return Primitive(shape.Primitive, numberHandling);
                case ShapeKind.Nullable:
                    return Type(shape.ElementTypeName!, enumAsString, numberHandling) + "?";
                case ShapeKind.Enum:
                    return Enum(shape.Enum!, enumAsString || shape.Enum!.WritesAsString);
                case ShapeKind.Array:
                case ShapeKind.List:
                    return "[" + Type(shape.ElementTypeName!, enumAsString, numberHandling) + "]";
                case ShapeKind.Dictionary:
                    return "{" + shape.Key.ToString().ToLowerInvariant() + ":" + Type(shape.ElementTypeName!, enumAsString, numberHandling) + "}";
                default:
                    return Object(shape);
            }
        }

        private string Object(TypeShape shape)
        {
            var depth = _open.IndexOf(shape.TypeName);
            if (depth >= 0)
            {
                return "^" + (_open.Count - depth).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            _open.Add(shape.TypeName);
            try
            {
                var @object = shape.Object!;
                if (@object.Polymorphism is { } polymorphism)
                {
                    var cases = polymorphism.Derived
                        .Select(d => $"{d.Discriminator}={Type(d.TypeName, false, null)}")
                        .OrderBy(c => c, System.StringComparer.Ordinal);
                    return $"oneOf({polymorphism.DiscriminatorName}:{string.Join(",", cases)})";
                }
                var members = @object.Members
                    .Where(m => m.Ignore != IgnoreKind.Always)
                    .Select(m => m.JsonName + (m.IsRequired ? "!" : string.Empty) + ":" + Type(m.TypeName, m.EnumAsString, m.NumberHandling)
                        + (m.AllowsNull ? "|null" : string.Empty))
                    .OrderBy(m => m, System.StringComparer.Ordinal);
                return "{" + string.Join(",", members) + (@object.ExtensionData is null ? string.Empty : ",*") + "}";
            }
            finally
            {
                _open.RemoveAt(_open.Count - 1);
            }
        }

        private static string Enum(EnumShape @enum, bool asString)
        {
            var values = @enum.Members.Select(m => asString ? m.JsonName : m.Value).OrderBy(v => v, System.StringComparer.Ordinal);
            return (@enum.IsFlags ? "flags" : "enum") + (asString ? "<string>(" : "<number>(") + string.Join(",", values) + ")";
        }

        private static string Primitive(PrimitiveKind primitive, NumberHandling? handling)
        {
            var name = primitive.ToString().ToLowerInvariant();
            if (!primitive.IsNumber())
            {
                return name;
            }
            var flags = handling ?? NumberHandling.AllowReadingFromString;
            if ((flags & NumberHandling.WriteAsString) != 0)
            {
                name += "~string";
            }
            if ((flags & NumberHandling.AllowNamedFloatingPointLiterals) != 0)
            {
                name += "~named";
            }
            return name;
        }
    }
}
