using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TypedSockets.Tests.Json;

/// <summary>
/// Tells a new reading mismatch from the documented difference and from the known bugs (each of which
/// has its own skipped test in <see cref="KnownBugTests"/>), so the property tests keep looking for
/// new ones instead of stopping at the first known one.
/// </summary>
/// <remarks>
/// A mismatch counts as a known bug only when rewriting the JSON to avoid exactly that bug makes the
/// two readers agree: the rewrite is the proof that nothing else was wrong. Delete a rewrite when its
/// bug is fixed.
/// </remarks>
internal static class KnownDivergences
{
    /// <summary>A known bug and the rewrite of the JSON tree that avoids it.</summary>
    private sealed record Rewrite(string Bug, Action<JsonTreeValue, Type> Apply);

    // Every divergence found so far has been fixed; a new one gets a rewrite here and a
    // reproduction in KnownBugTests until it is fixed too.
    private static readonly Rewrite[] Rewrites = [];

    /// <summary>The name of the known bug that explains the mismatch, or null when it is new.</summary>
    public static string? Explain<T>(byte[] json) where T : ISocketEvent<T>
    {
        if (JsonMutations.Parse(json) is not { } tree)
        {
            return null;
        }
        foreach (var rewrite in Rewrites)
        {
            rewrite.Apply(tree, typeof(T));
            var rewritten = JsonMutations.Write(tree);
            if (JsonReference.CompareReading<T>(rewritten, explainKnown: false) is null)
            {
                return rewrite.Bug;
            }
        }
        return null;
    }

    /// <summary>
    /// The documented difference: TypedSockets requires a non-nullable reference member that is settable
    /// (not a constructor parameter, not <c>required</c>); System.Text.Json leaves it at its initial value.
    /// </summary>
    public static bool IsDocumentedStricterCase(Type root, SocketJsonError error)
    {
        if (error.Reason != "required property is missing" || !TryParsePath(error.Path, out var segments) || segments.Count == 0)
        {
            return false;
        }
        var type = root;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            var info = Info(type);
            Type? next = segments[i] switch
            {
                int when info.Kind == JsonTypeInfoKind.Enumerable => info.ElementType,
                string when info.Kind == JsonTypeInfoKind.Dictionary => info.ElementType,
                string name when info.Kind == JsonTypeInfoKind.Object => info.Properties.FirstOrDefault(p => p.Name == name)?.PropertyType,
                _ => null,
            };
            if (next is null)
            {
                return false;
            }
            type = next;
        }
        var owner = Info(type);
        var member = owner.Kind == JsonTypeInfoKind.Object && segments[^1] is string last
            ? owner.Properties.FirstOrDefault(p => p.Name == last)
            : null;
        return member is { IsRequired: false, AssociatedParameter: null, IsSetNullable: false, Set: not null }
            && !member.PropertyType.IsValueType;
    }

    private static JsonTypeInfo Info(Type type) => JsonReference.Strict.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);

    /// <summary>Walks JSON and type together, calling back for objects of object types and for leaves.</summary>
    private static void Walk(JsonTreeValue node, Type type, Action<JsonTreeValue, Type>? leaf = null, Action<JsonTreeValue, JsonTypeInfo>? onObject = null)
    {
        var info = Info(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when node.Kind == JsonValueKind.Object:
                onObject?.Invoke(node, info);
                foreach (var property in node.Properties)
                {
                    if (Find(info, property.Name) is { } member)
                    {
                        Walk(property.Value, member.PropertyType, leaf, onObject);
                    }
                }
                break;
            case JsonTypeInfoKind.Enumerable when node.Kind == JsonValueKind.Array:
                foreach (var item in node.Items)
                {
                    Walk(item, info.ElementType!, leaf, onObject);
                }
                break;
            case JsonTypeInfoKind.Dictionary when node.Kind == JsonValueKind.Object:
                foreach (var property in node.Properties)
                {
                    Walk(property.Value, info.ElementType!, leaf, onObject);
                }
                break;
            case JsonTypeInfoKind.None:
                leaf?.Invoke(node, Nullable.GetUnderlyingType(type) ?? type);
                break;
        }
    }

    private static JsonPropertyInfo? Find(JsonTypeInfo info, string name) =>
        info.Properties.FirstOrDefault(p => p.Name == name)
        ?? info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    private static bool IsUnread(JsonPropertyInfo member) => member.Set is null && member.AssociatedParameter is null;

    private static void DeduplicateUnread(JsonTreeValue node, JsonTypeInfo info)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        node.Properties.RemoveAll(p => Find(info, p.Name) is { } member && IsUnread(member) && !seen.Add(member.Name));
    }

    private static void RemoveUnread(JsonTreeValue node, JsonTypeInfo info) =>
        node.Properties.RemoveAll(p => Find(info, p.Name) is { } member && IsUnread(member));

    private static readonly HashSet<Type> NumberTypes =
    [
        typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint),
        typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal),
    ];

    /// <summary>A quoted number (or enum value) becomes the plain JSON number both readers agree on.</summary>
    private static void RespellQuotedNumber(JsonTreeValue node, Type type)
    {
        if (node.Kind != JsonValueKind.String || !(NumberTypes.Contains(type) || type.IsEnum))
        {
            return;
        }
        const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        string? respelled = null;
        if (decimal.TryParse(node.Text, Styles, CultureInfo.InvariantCulture, out var number))
        {
            respelled = IsPlainJsonNumber(node.Text) ? node.Text : number.ToString(CultureInfo.InvariantCulture);
        }
        else if (double.TryParse(node.Text, Styles, CultureInfo.InvariantCulture, out var big) || node.Text is "NaN" or "Infinity" or "-Infinity")
        {
            respelled = double.IsFinite(big) ? big.ToString("R", CultureInfo.InvariantCulture) : "0";
        }
        if (respelled is not null)
        {
            node.Raw = null;
            node.Kind = JsonValueKind.Number;
            node.Text = respelled;
        }
    }

    private static bool IsPlainJsonNumber(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes);
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.BytesConsumed == bytes.Length;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Splits <c>$.a['b c'][2]</c> into "a", "b c", 2.</summary>
    private static bool TryParsePath(string path, out List<object> segments)
    {
        segments = [];
        if (!path.StartsWith('$'))
        {
            return false;
        }
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] != '.' && path[end] != '[')
                {
                    end++;
                }
                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['", StringComparison.Ordinal))
            {
                var name = new StringBuilder();
                var j = i + 2;
                for (; j < path.Length && !(path[j] == '\'' && path[j - 1] != '\\'); j++)
                {
                    if (!(path[j] == '\\' && j + 1 < path.Length && path[j + 1] == '\''))
                    {
                        name.Append(path[j]);
                    }
                }
                segments.Add(name.ToString());
                i = j + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    return false;
                }
                segments.Add(index);
                i = end + 1;
            }
            else
            {
                return false;
            }
        }
        return true;
    }
}
