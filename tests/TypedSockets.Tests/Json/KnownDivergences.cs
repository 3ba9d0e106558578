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

    // A new divergence gets a rewrite here and a reproduction in KnownBugTests until it is fixed.
    private static readonly Rewrite[] Rewrites =
    [
        new("an escaped property name holding invalid UTF-8 is rejected (KnownBugTests.EscapedPropertyNameWithInvalidUtf8)",
            (tree, _) => ReplaceInvalidEscapedNames(tree)),
        new("a type discriminator that is repeated or not first, or another '$' property, is ignored in a polymorphic object (KnownBugTests.DiscriminatorRepeatedOrNotFirst)",
            (tree, type) => Walk(tree, type, onPolymorphic: RemoveLateDiscriminators)),
        new("duplicate names inside JsonElement, JsonNode and extension data are accepted (KnownBugTests.DuplicateNamesInRawJson)",
            (tree, type) => Walk(tree, type, leaf: DeduplicateRawJson, onObject: DeduplicateExtensionData)),
        new("null for a member typed by a generic parameter (JsonBox<string>.Value) is refused (KnownBugTests.NullForGenericParameterMember)",
            (tree, type) => Walk(tree, type, onObject: BreakNullForGenericParameter)),
        new("NaN read from a string (or a number too large) under AllowReadingFromString cannot be written with WriteAsString (KnownBugTests.WriteAsStringNaN)",
            (tree, type) => Walk(tree, type, leaf: RespellNamedFloatingPoint)),
        new("TimeOnly strings System.Text.Json refuses are accepted (KnownBugTests.TimeOnlySpellings)",
            (tree, type) => Walk(tree, type, leaf: BreakTimeOnlySystemTextJsonRefuses)),
        new("TimeSpan strings with whitespace, Version strings, Half/Int128/UInt128 spellings and string enum values are read unlike System.Text.Json (KnownBugTests.ScalarSpellings, TimeSpanWithWhitespace, QuotedInt128WithLeadingZeros, QuotedInt128Elements, NewNumberSpellings, StringEnumMembersReadQuotedIntegers)",
            (tree, type) => Walk(tree, type, leaf: RespellScalar)),
        new("integer keys with a trailing NUL, Guid keys with whitespace are accepted (KnownBugTests.IntegerKeyWithTrailingNul, KnownBugTests.GuidKeyWithWhitespace)",
            (tree, type) => Walk(tree, type, onDictionary: RespellEnumKeys)),
        new("invalid UTF-8 or a lone surrogate in raw JSON (KnownBugTests.InvalidTextInRawJson)",
            (tree, type) => Walk(tree, type, leaf: CleanRawJsonText, onObject: CleanExtensionDataText)),
    ];

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

    /// <summary>
    /// Walks JSON and type together, calling back for objects of object types (after resolving a
    /// polymorphic type by its leading discriminator), for polymorphic objects (with the declared
    /// type), for dictionaries and for leaves.
    /// </summary>
    private static void Walk(
        JsonTreeValue node,
        Type type,
        Action<JsonTreeValue, Type>? leaf = null,
        Action<JsonTreeValue, JsonTypeInfo>? onObject = null,
        Action<JsonTreeValue, JsonTypeInfo>? onPolymorphic = null,
        Action<JsonTreeValue, JsonTypeInfo>? onDictionary = null)
    {
        var info = Info(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when node.Kind == JsonValueKind.Object:
                if (info.PolymorphismOptions is { } polymorphism)
                {
                    onPolymorphic?.Invoke(node, info);
                    info = Resolve(node, info, polymorphism);
                }
                onObject?.Invoke(node, info);
                foreach (var property in node.Properties)
                {
                    if (Find(info, property.Name) is { } member)
                    {
                        Walk(property.Value, member.PropertyType, leaf, onObject, onPolymorphic, onDictionary);
                    }
                }
                break;
            case JsonTypeInfoKind.Enumerable when node.Kind == JsonValueKind.Array:
                foreach (var item in node.Items)
                {
                    Walk(item, info.ElementType!, leaf, onObject, onPolymorphic, onDictionary);
                }
                break;
            case JsonTypeInfoKind.Dictionary when node.Kind == JsonValueKind.Object:
                onDictionary?.Invoke(node, info);
                foreach (var property in node.Properties)
                {
                    Walk(property.Value, info.ElementType!, leaf, onObject, onPolymorphic, onDictionary);
                }
                break;
            case JsonTypeInfoKind.None:
                leaf?.Invoke(node, Nullable.GetUnderlyingType(type) ?? type);
                break;
        }
    }

    /// <summary>The derived type a leading discriminator names, or the declared type.</summary>
    private static JsonTypeInfo Resolve(JsonTreeValue node, JsonTypeInfo info, JsonPolymorphismOptions polymorphism)
    {
        if (node.Properties.Count == 0 || node.Properties[0].Name != polymorphism.TypeDiscriminatorPropertyName)
        {
            return info;
        }
        var discriminator = node.Properties[0].Value;
        foreach (var derived in polymorphism.DerivedTypes)
        {
            var matches = derived.TypeDiscriminator switch
            {
                string name => discriminator.Kind == JsonValueKind.String && discriminator.Text == name,
                int number => discriminator.Kind == JsonValueKind.Number && discriminator.Text == number.ToString(CultureInfo.InvariantCulture),
                _ => false,
            };
            if (matches)
            {
                return Info(derived.DerivedType);
            }
        }
        return info;
    }

    // ---- the rewrites ----

    /// <summary>An escaped property name that is not valid UTF-8 gets the replacement character instead.</summary>
    private static void ReplaceInvalidEscapedNames(JsonTreeValue node)
    {
        for (var i = 0; i < node.Properties.Count; i++)
        {
            var property = node.Properties[i];
            if (property.Raw is { } raw && raw.Contains((byte)'\\'))
            {
                node.Properties[i] = property with { Raw = null };
            }
            ReplaceInvalidEscapedNames(property.Value);
        }
        foreach (var item in node.Items)
        {
            ReplaceInvalidEscapedNames(item);
        }
    }

    /// <summary>Drops a discriminator that is not the first property (System.Text.Json refuses it).</summary>
    private static void RemoveLateDiscriminators(JsonTreeValue node, JsonTypeInfo info)
    {
        var name = info.PolymorphismOptions!.TypeDiscriminatorPropertyName;
        for (var i = node.Properties.Count - 1; i >= 0; i--)
        {
            if ((i > 0 && node.Properties[i].Name == name) || (node.Properties[i].Name.StartsWith('$') && node.Properties[i].Name != name))
            {
                node.Properties.RemoveAt(i);
            }
        }
    }

    /// <summary>Inside a JsonElement (ordinal) or JsonNode (ignoring case, as the web options do) only the first of equal names stays.</summary>
    private static void DeduplicateRawJson(JsonTreeValue node, Type type)
    {
        if (type == typeof(JsonElement))
        {
            Deduplicate(node, StringComparer.Ordinal);
        }
        else if (typeof(System.Text.Json.Nodes.JsonNode).IsAssignableFrom(type))
        {
            Deduplicate(node, StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>Extension data: the values of properties that are not members are JsonElements.</summary>
    private static void DeduplicateExtensionData(JsonTreeValue node, JsonTypeInfo info)
    {
        if (!info.Properties.Any(p => p.IsExtensionData))
        {
            return;
        }
        foreach (var property in node.Properties)
        {
            if (Find(info, property.Name) is null)
            {
                Deduplicate(property.Value, StringComparer.Ordinal);
            }
        }
    }

    private static void Deduplicate(JsonTreeValue node, StringComparer comparer)
    {
        var seen = new HashSet<string>(comparer);
        node.Properties.RemoveAll(p => !seen.Add(p.Name));
        foreach (var property in node.Properties)
        {
            Deduplicate(property.Value, comparer);
        }
        foreach (var item in node.Items)
        {
            Deduplicate(item, comparer);
        }
    }

    /// <summary>
    /// An enum key becomes the number System.Text.Json reads it as, or, when System.Text.Json refuses it,
    /// a key nothing accepts.
    /// </summary>
    private static void RespellEnumKeys(JsonTreeValue node, JsonTypeInfo info)
    {
        if (info.KeyType is not { } keyType || !(keyType.IsEnum || keyType == typeof(Guid) || IntegerKeyTypes.Contains(keyType)))
        {
            return;
        }
        var dictionaryType = typeof(Dictionary<,>).MakeGenericType(keyType, typeof(int));
        for (var i = 0; i < node.Properties.Count; i++)
        {
            var property = node.Properties[i];
            string respelled;
            try
            {
                var json = "{" + JsonSerializer.Serialize(property.Name) + ":0}";
                var read = (System.Collections.IDictionary)JsonSerializer.Deserialize(json, dictionaryType, JsonReference.Strict)!;
                var key = read.Keys.Cast<object>().Single();
                respelled = key is Guid guid ? guid.ToString("D") : Convert.ToString(Convert.ChangeType(key, keyType.IsEnum ? Enum.GetUnderlyingType(keyType) : keyType, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)!;
            }
            catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
            {
                respelled = "\u0001not a key";
            }
            node.Properties[i] = property with { Name = respelled, Raw = null, EscapeAll = false };
        }
    }

    private static readonly HashSet<Type> IntegerKeyTypes =
    [
        typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong),
    ];

    private static readonly HashSet<Type> ParsedScalars = [typeof(Version), typeof(TimeOnly), typeof(TimeSpan)];

    private static readonly HashSet<Type> NewNumbers = [typeof(Half), typeof(Int128), typeof(UInt128)];

    /// <summary>Reads enums from names and from numbers, as a string-enum member does.</summary>
    private static readonly JsonSerializerOptions EnumOracle = new(JsonReference.Strict)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>
    /// A string for one of <see cref="ParsedScalars"/> that System.Text.Json refuses on its own becomes one
    /// nothing accepts; a string enum value System.Text.Json reads becomes its number.
    /// </summary>
    private static void RespellScalar(JsonTreeValue node, Type type)
    {
        var number = NewNumbers.Contains(type) && node.Kind is JsonValueKind.String or JsonValueKind.Number;
        if (!number && (node.Kind != JsonValueKind.String || !(type.IsEnum || ParsedScalars.Contains(type))))
        {
            return;
        }
        try
        {
            var json = node.Kind == JsonValueKind.Number ? node.Text : JsonSerializer.Serialize(node.Text);
            var value = JsonSerializer.Deserialize(json, type, EnumOracle)!;
            if (number)
            {
                node.Raw = null;
                node.Kind = JsonValueKind.Number;
                node.Text = JsonSerializer.Serialize(value, type, JsonReference.Web);
            }
            else if (type.IsEnum)
            {
                node.Raw = null;
                node.Kind = JsonValueKind.Number;
                node.Text = Convert.ToString(Convert.ChangeType(value, Enum.GetUnderlyingType(type), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)!;
            }
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException)
        {
            node.Raw = null;
            node.Text = "not a value";
        }
    }

    /// <summary>Strings inside raw JSON that are not valid UTF-8 or hold a lone surrogate become "x".</summary>
    private static void CleanRawJsonText(JsonTreeValue node, Type type)
    {
        if (type == typeof(JsonElement) || typeof(System.Text.Json.Nodes.JsonNode).IsAssignableFrom(type))
        {
            CleanText(node);
        }
    }

    private static void CleanExtensionDataText(JsonTreeValue node, JsonTypeInfo info)
    {
        if (info.Properties.Any(p => p.IsExtensionData))
        {
            foreach (var property in node.Properties.Where(p => Find(info, p.Name) is null))
            {
                CleanText(property.Value);
            }
        }
    }

    private static void CleanText(JsonTreeValue node)
    {
        if (node.Kind == JsonValueKind.String && (node.Raw is not null || node.Text.Any(char.IsSurrogate) && !IsValidUtf16(node.Text)))
        {
            node.Raw = null;
            node.Text = "x";
        }
        foreach (var item in node.Items)
        {
            CleanText(item);
        }
        for (var i = 0; i < node.Properties.Count; i++)
        {
            if (node.Properties[i].Raw is not null)
            {
                node.Properties[i] = node.Properties[i] with { Raw = null };
            }
            CleanText(node.Properties[i].Value);
        }
    }

    private static bool IsValidUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A Half named literal becomes 0.</summary>
    private static void RespellNamedHalf(JsonTreeValue node, Type type)
    {
        if (type == typeof(Half) && node.Kind == JsonValueKind.String && node.Text is "NaN" or "Infinity" or "-Infinity")
        {
            node.Raw = null;
            node.Kind = JsonValueKind.Number;
            node.Text = "0";
        }
    }

    /// <summary>
    /// null for a member whose type is a generic parameter (whose nullability System.Text.Json cannot see)
    /// becomes true, which neither reader accepts for a reference type.
    /// </summary>
    private static void BreakNullForGenericParameter(JsonTreeValue node, JsonTypeInfo info)
    {
        if (!info.Type.IsConstructedGenericType)
        {
            return;
        }
        var definition = info.Type.GetGenericTypeDefinition();
        foreach (var property in node.Properties)
        {
            if (property.Value.Kind == JsonValueKind.Null && Find(info, property.Name) is { AttributeProvider: System.Reflection.MemberInfo member }
                && definition.GetProperty(member.Name)?.PropertyType.IsGenericParameter == true)
            {
                property.Value.Kind = JsonValueKind.True;
                property.Value.Text = "true";
            }
        }
    }

    /// <summary>A float or double named literal (or a number too large for it) becomes 0.</summary>
    private static void RespellNamedFloatingPoint(JsonTreeValue node, Type type)
    {
        var overflows = node.Kind == JsonValueKind.Number
            && (type == typeof(float) ? float.IsInfinity(float.Parse(node.Text, CultureInfo.InvariantCulture)) : type == typeof(double) && double.IsInfinity(double.Parse(node.Text, CultureInfo.InvariantCulture)));
        if ((type == typeof(double) || type == typeof(float)) && (overflows || (node.Kind == JsonValueKind.String && node.Text is "NaN" or "Infinity" or "-Infinity")))
        {
            node.Raw = null;
            node.Kind = JsonValueKind.Number;
            node.Text = "0";
        }
    }

    /// <summary>A TimeOnly string System.Text.Json refuses becomes one nothing accepts.</summary>
    private static void BreakTimeOnlySystemTextJsonRefuses(JsonTreeValue node, Type type)
    {
        if (type != typeof(TimeOnly) || node.Kind != JsonValueKind.String)
        {
            return;
        }
        try
        {
            JsonSerializer.Deserialize<TimeOnly>(JsonSerializer.Serialize(node.Text), JsonReference.Strict);
        }
        catch (JsonException)
        {
            node.Raw = null;
            node.Text = "not a time";
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
