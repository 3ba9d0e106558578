using System.Collections.Generic;
using System.Linq;
using TypedSockets.Generator.Model;

namespace TypedSockets.Generator.Emitting;

/// <summary>
/// The contract snapshot: the wire contracts of a project as sorted lines of text, one fact per
/// line, so that a file of them (<c>SocketContracts.Shipped.txt</c>) reads and diffs like
/// <c>PublicAPI.Shipped.txt</c>. Each endpoint (or shared contract type) has a line for itself, one
/// per event and direction (with the reply of a request), and one per JSON property of each event,
/// nested properties by their path:
/// <code>
/// chat /ws/chat
/// chat in ping -> pong
/// chat in ping .seq int32 required
/// chat out said
/// chat out said .from string required
/// </code>
/// </summary>
internal static class ContractSnapshot
{
    public const string FileName = "SocketContracts.Shipped.txt";

    public const string Header =
        "# The wire contracts deployed clients rely on, one fact per line. TypedSockets reports every\n" +
        "# change to them that would break those clients (TSK027) and every compatible one (TSK028);\n" +
        "# the code fix of either records the change here. See docs/contract.md.\n";

    /// <summary>The lines of one endpoint's contract, sorted.</summary>
    public static List<string> Lines(string @ref, string path, ContractModel contract)
    {
        var shapes = contract.ShapesByName();
        var lines = new SortedSet<string>(System.StringComparer.Ordinal) { $"{@ref} {path}" };
        foreach (var @event in contract.Inbound)
        {
            lines.Add($"{@ref} in {@event.EventName}" + (@event.ReplyEventName is null ? string.Empty : $" -> {@event.ReplyEventName}"));
            Members(lines, $"{@ref} in {@event.EventName}", shapes, @event.TypeName);
        }
        foreach (var @event in contract.Sent())
        {
            lines.Add($"{@ref} out {@event.EventName}");
            Members(lines, $"{@ref} out {@event.EventName}", shapes, @event.TypeName);
        }
        return lines.ToList();
    }

    /// <summary>The whole file: the header, then every contract's lines, sorted.</summary>
    public static string File(IEnumerable<IEnumerable<string>> contracts) =>
        Header + string.Concat(contracts.SelectMany(c => c).OrderBy(l => l, System.StringComparer.Ordinal).Select(l => l + "\n"));

    /// <summary>The contract lines of a snapshot file's text: comments and blank lines dropped.</summary>
    public static List<string> Parse(string text) =>
        text.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith("#", System.StringComparison.Ordinal))
            .ToList();

    private static void Members(ISet<string> lines, string prefix, Dictionary<string, TypeShape> shapes, string typeName) =>
        Members(lines, prefix, shapes, typeName, string.Empty, new List<string>());

    private static void Members(ISet<string> lines, string prefix, Dictionary<string, TypeShape> shapes, string typeName, string path, List<string> open)
    {
        if (!shapes.TryGetValue(typeName, out var shape) || shape.Object is not { Polymorphism: null } @object || open.Contains(typeName))
        {
            return;
        }
        open.Add(typeName);
        foreach (var member in @object.Members.Where(m => m.Ignore != IgnoreKind.Always))
        {
            var memberPath = MemberPath(path, member.JsonName);
            var (type, nested) = Describe(shapes, member.TypeName, member.EnumAsString, member.NumberHandling);
            lines.Add($"{prefix} {memberPath} {type}" + (member.IsRequired ? " required" : string.Empty) + (member.AllowsNull ? " nullable" : string.Empty));
            if (nested is not null)
            {
                Members(lines, prefix, shapes, nested, memberPath + (type.StartsWith("[", System.StringComparison.Ordinal) ? "[]" : type.StartsWith("{", System.StringComparison.Ordinal) ? "{}" : string.Empty), open);
            }
        }
        open.RemoveAt(open.Count - 1);
    }

    /// <summary>A property's path in a snapshot line: a JSON name may hold any character, and a space would split the line.</summary>
    public static string MemberPath(string parent, string jsonName) =>
        parent + "." + jsonName.Replace("%", "%25").Replace(" ", "%20");

    /// <summary>A member's JSON type in one word, and the object type whose properties follow on lines of their own.</summary>
    private static (string Type, string? Nested) Describe(Dictionary<string, TypeShape> shapes, string typeName, bool enumAsString, NumberHandling? numberHandling)
    {
        if (!shapes.TryGetValue(typeName, out var shape))
        {
            return ("any", null);
        }
        switch (shape.Kind)
        {
            case ShapeKind.Nullable:
                return Describe(shapes, shape.ElementTypeName!, enumAsString, numberHandling);
            case ShapeKind.Array:
            case ShapeKind.List:
                var (item, itemNested) = Describe(shapes, shape.ElementTypeName!, enumAsString, numberHandling);
                return ("[" + item + "]", itemNested);
            case ShapeKind.Dictionary:
                var (value, valueNested) = Describe(shapes, shape.ElementTypeName!, enumAsString, numberHandling);
                return ("{" + shape.Key.ToString().ToLowerInvariant() + ":" + value + "}", valueNested);
            case ShapeKind.Object when shape.Object!.Polymorphism is { } polymorphism:
                return ("oneOf(" + polymorphism.DiscriminatorName + ":" + string.Join(",", polymorphism.Derived.Select(d => d.Discriminator).OrderBy(d => d, System.StringComparer.Ordinal)) + ")", null);
            case ShapeKind.Object:
                return ("object", typeName);
            default:
                // Primitives and enums: the same words the contract hash is made of.
                return (ContractHash.Describe(shapes, typeName, enumAsString, numberHandling), null);
        }
    }
}
