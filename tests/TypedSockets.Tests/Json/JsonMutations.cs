using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace TypedSockets.Tests.Json;

/// <summary>What a mutation does.</summary>
internal enum MutationKind
{
    // On the JSON tree.
    RemoveProperty,
    DuplicateProperty,
    DuplicatePropertyOtherValue,
    ChangeNameCase,
    RenameToUnknown,
    AddUnknownProperty,
    ShuffleProperties,
    ReplaceValue,
    NumberToString,
    StringToNumber,
    WrapInArray,
    WrapInObject,
    NestDeep,
    RemoveElement,
    DuplicateElement,
    InsertNullElement,
    EscapeEverything,
    TweakNumber,
    TweakString,

    // On the bytes.
    DeleteByte,
    InsertByte,
    Truncate,
    InsertWhitespace,
    ReplaceByte,
    PrefixByteOrderMark,
    AppendTrailing,
    DuplicateRange,
}

/// <summary>One mutation; its numbers choose the node, the position and the replacement.</summary>
internal readonly record struct Mutation(MutationKind Kind, int A, int B, int C)
{
    public bool OnBytes => Kind >= MutationKind.DeleteByte;

    public override string ToString() => $"{Kind}({A},{B},{C})";
}

/// <summary>
/// Mutates JSON written by System.Text.Json into JSON that is malformed, mistyped, reordered, renamed,
/// duplicated, deeper, or just spelled differently, for comparing what two readers accept.
/// </summary>
internal static class JsonMutations
{
    private static readonly Gen<Mutation> One = Gen.Select(
        Gen.Frequency(
            (6, Gen.Enum<MutationKind>()),
            (2, Gen.OneOf(MutationKind.ReplaceValue, MutationKind.NumberToString, MutationKind.TweakNumber, MutationKind.DuplicateProperty, MutationKind.ChangeNameCase, MutationKind.RemoveProperty))),
        Gen.Int[0, 1 << 20],
        Gen.Int[0, 1 << 20],
        Gen.Int[0, 1 << 20],
        (kind, a, b, c) => new Mutation(kind, a, b, c));

    /// <summary>Zero to three mutations (none now and then, so plain JSON is compared too).</summary>
    public static readonly Gen<Mutation[]> Sequence = Gen.Frequency((1, Gen.Const(Array.Empty<Mutation>())), (8, One.Array[1, 3]));

    /// <summary>Replacement values: wrong types, numbers at and past every limit, quoted numbers in every spelling.</summary>
    private static readonly string[] Replacements =
    [
        "null", "true", "false", "0", "-0", "-1", "1", "1.5", "1e2", "1E+2", "0.0", "-0.0", "1e40", "-1e40", "1e400", "5e-324", "1e-400",
        "127", "128", "-128", "-129", "255", "256", "32767", "32768", "-32769", "65535", "65536",
        "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551615", "18446744073709551616",
        "79228162514264337593543950335", "79228162514264337593543950336", "0.0000000000000000000000000001", "1e-29", "3.4028236e38",
        "\"\"", "\"x\"", "\"42\"", "\"-7\"", "\"+5\"", "\"007\"", "\" 5\"", "\"5 \"", "\"1e3\"", "\"1.5\"", "\"0x10\"", "\"1_000\"",
        "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"nan\"", "\"\\u0035\"", "\"-0\"", "\"1e40\"", "\"true\"", "\"null\"",
        "{}", "[]", "[1]", "[null]", "{\"a\":1}", "[[[]]]",
        "\"2020-01-01\"", "\"2020-01-01T00:00:00\"", "\"2020-01-01T00:00:00Z\"", "\"2020-01-01T00:00:00.123456789Z\"", "\"2020-01-01 00:00:00\"",
        "\"2020-13-01T00:00:00\"", "\"2020-01-01T24:00:00\"", "\"2020-01-01T00:00:00+14:00\"", "\"2020-01-01T00:00:00+14:01\"", "\"9999-12-31T23:59:59.9999999-01:00\"",
        "\"0001-01-01T00:00:00+01:00\"", "\"AAAA\"", "\"AA==\"", "\"A\"", "\"AA=\"", "\"A A=\"", "\"AQID\"",
        "\"00000000-0000-0000-0000-000000000000\"", "\"{00000000-0000-0000-0000-000000000000}\"", "\"00000000000000000000000000000000\"",
    ];

    private static readonly string[] NameSuffixes = ["_x", "2", " ", "\u0000", "é", "S"];

    private static readonly byte[] InsertableBytes = "{}[],:\"\\ 0123456789-+.eEntfrul\t\n\r\u007f"u8.ToArray().Concat(new byte[] { 0x00, 0xC3, 0xE2, 0xF0, 0x80, 0xFF }).ToArray();

    private static readonly string[] Trailing = [" ", "\n", "x", "{}", ",", "null", "\u0000", "/", "]", "}"];

    public static byte[] Apply(byte[] json, Mutation[] mutations)
    {
        var onTree = mutations.Where(m => !m.OnBytes).ToList();
        var result = json;
        if (onTree.Count > 0 && Parse(json) is { } root)
        {
            var box = new JsonTreeValue { Kind = JsonValueKind.Array, Items = [root] };
            foreach (var mutation in onTree)
            {
                MutateTree(box, mutation);
            }
            result = Write(box.Items.Count > 0 ? box.Items[0] : JsonTreeValue.Literal("null"));
        }
        foreach (var mutation in mutations.Where(m => m.OnBytes))
        {
            result = MutateBytes(result, mutation);
        }
        return result;
    }

    // ---- the tree ----

    private static void MutateTree(JsonTreeValue box, Mutation m)
    {
        var all = new List<(JsonTreeValue Node, JsonTreeValue? Parent)>();
        Collect(box.Items[0], box, all);
        var objects = all.Where(n => n.Node.Kind == JsonValueKind.Object && n.Node.Properties.Count > 0).Select(n => n.Node).ToList();
        var arrays = all.Where(n => n.Node.Kind == JsonValueKind.Array && n.Node.Items.Count > 0).Select(n => n.Node).ToList();
        switch (m.Kind)
        {
            case MutationKind.RemoveProperty when objects.Count > 0:
                {
                    var target = Pick(objects, m.A);
                    target.Properties.RemoveAt(m.B % target.Properties.Count);
                    break;
                }
            case MutationKind.DuplicateProperty when objects.Count > 0:
                {
                    var target = Pick(objects, m.A);
                    var property = Pick(target.Properties, m.B);
                    target.Properties.Insert(m.C % (target.Properties.Count + 1), property with { Value = property.Value.Clone() });
                    break;
                }
            case MutationKind.DuplicatePropertyOtherValue when objects.Count > 0:
                {
                    var target = Pick(objects, m.A);
                    var property = Pick(target.Properties, m.B);
                    target.Properties.Insert(m.C % (target.Properties.Count + 1), property with { Value = Replacement(m.C) });
                    break;
                }
            case MutationKind.ChangeNameCase when objects.Count > 0:
                {
                    var target = Pick(objects, m.A);
                    var index = m.B % target.Properties.Count;
                    target.Properties[index] = target.Properties[index] with { Name = ChangeCase(target.Properties[index].Name, m.C) };
                    break;
                }
            case MutationKind.RenameToUnknown when objects.Count > 0:
                {
                    var target = Pick(objects, m.A);
                    var index = m.B % target.Properties.Count;
                    target.Properties[index] = target.Properties[index] with { Name = target.Properties[index].Name + Pick(NameSuffixes, m.C) };
                    break;
                }
            case MutationKind.AddUnknownProperty:
                {
                    var target = objects.Count > 0 ? Pick(objects, m.A) : all.Select(n => n.Node).FirstOrDefault(n => n.Kind == JsonValueKind.Object);
                    if (target is null)
                    {
                        break;
                    }
                    var value = m.C % 5 == 0 ? Deep(m.C % 80) : Replacement(m.C);
                    target.Properties.Insert(m.B % (target.Properties.Count + 1), new JsonTreeProperty("unknown" + (m.C % 3 == 0 ? string.Empty : (m.C % 7).ToString(CultureInfo.InvariantCulture)), value, false));
                    break;
                }
            case MutationKind.ShuffleProperties when objects.Count > 0:
                {
                    var target = Pick(objects, m.A);
                    var random = new Random(m.B);
                    var shuffled = target.Properties.OrderBy(_ => random.Next()).ToList();
                    target.Properties.Clear();
                    target.Properties.AddRange(shuffled);
                    break;
                }
            case MutationKind.ReplaceValue:
                Replace(all, m.A, Replacement(m.B));
                break;
            case MutationKind.NumberToString:
                {
                    var numbers = all.Where(n => n.Node.Kind == JsonValueKind.Number).ToList();
                    if (numbers.Count > 0)
                    {
                        var target = Pick(numbers, m.A).Node;
                        target.Kind = JsonValueKind.String;
                    }
                    break;
                }
            case MutationKind.StringToNumber:
                {
                    var strings = all.Where(n => n.Node.Kind == JsonValueKind.String && IsJsonNumber(n.Node.Text)).ToList();
                    if (strings.Count > 0)
                    {
                        Pick(strings, m.A).Node.Kind = JsonValueKind.Number;
                    }
                    break;
                }
            case MutationKind.WrapInArray:
                {
                    var (node, _) = Pick(all, m.A);
                    Replace(all, m.A, new JsonTreeValue { Kind = JsonValueKind.Array, Items = [node.Clone()] });
                    break;
                }
            case MutationKind.WrapInObject:
                {
                    var (node, _) = Pick(all, m.A);
                    Replace(all, m.A, new JsonTreeValue { Kind = JsonValueKind.Object, Properties = [new JsonTreeProperty("v", node.Clone(), false)] });
                    break;
                }
            case MutationKind.NestDeep:
                Replace(all, m.A, Deep(40 + (m.B % 40)));
                break;
            case MutationKind.RemoveElement when arrays.Count > 0:
                {
                    var target = Pick(arrays, m.A);
                    target.Items.RemoveAt(m.B % target.Items.Count);
                    break;
                }
            case MutationKind.DuplicateElement when arrays.Count > 0:
                {
                    var target = Pick(arrays, m.A);
                    target.Items.Insert(m.C % (target.Items.Count + 1), Pick(target.Items, m.B).Clone());
                    break;
                }
            case MutationKind.InsertNullElement:
                {
                    var target = arrays.Count > 0 ? Pick(arrays, m.A) : all.Select(n => n.Node).FirstOrDefault(n => n.Kind == JsonValueKind.Array);
                    target?.Items.Insert(m.B % (target.Items.Count + 1), JsonTreeValue.Literal("null"));
                    break;
                }
            case MutationKind.EscapeEverything:
                {
                    if (objects.Count > 0 && m.B % 2 == 0)
                    {
                        var target = Pick(objects, m.A);
                        var index = m.C % target.Properties.Count;
                        target.Properties[index] = target.Properties[index] with { EscapeAll = true };
                    }
                    else if (all.Where(n => n.Node.Kind == JsonValueKind.String).ToList() is { Count: > 0 } strings)
                    {
                        Pick(strings, m.A).Node.EscapeAll = true;
                    }
                    break;
                }
            case MutationKind.TweakNumber:
                {
                    var numbers = all.Where(n => n.Node.Kind == JsonValueKind.Number || (n.Node.Kind == JsonValueKind.String && IsJsonNumber(n.Node.Text))).ToList();
                    if (numbers.Count > 0)
                    {
                        var target = Pick(numbers, m.A).Node;
                        target.Text = TweakNumber(target.Text, m.B);
                    }
                    break;
                }
            case MutationKind.TweakString:
                {
                    var strings = all.Where(n => n.Node.Kind == JsonValueKind.String).ToList();
                    if (strings.Count > 0)
                    {
                        var target = Pick(strings, m.A).Node;
                        target.Text = TweakString(target.Text, m.B, m.C);
                    }
                    break;
                }
        }
    }

    private static void Collect(JsonTreeValue node, JsonTreeValue parent, List<(JsonTreeValue, JsonTreeValue?)> all)
    {
        all.Add((node, parent));
        foreach (var item in node.Items)
        {
            Collect(item, node, all);
        }
        foreach (var property in node.Properties)
        {
            Collect(property.Value, node, all);
        }
    }

    private static void Replace(List<(JsonTreeValue Node, JsonTreeValue? Parent)> all, int pick, JsonTreeValue replacement)
    {
        var (node, parent) = Pick(all, pick);
        if (parent is null)
        {
            return;
        }
        var index = parent.Items.IndexOf(node);
        if (index >= 0)
        {
            parent.Items[index] = replacement;
            return;
        }
        for (var i = 0; i < parent.Properties.Count; i++)
        {
            if (ReferenceEquals(parent.Properties[i].Value, node))
            {
                parent.Properties[i] = parent.Properties[i] with { Value = replacement };
                return;
            }
        }
    }

    private static JsonTreeValue Replacement(int pick) => Parse(Encoding.UTF8.GetBytes(Pick(Replacements, pick)))!;

    private static JsonTreeValue Deep(int depth)
    {
        var node = JsonTreeValue.Literal(depth % 2 == 0 ? "null" : "1");
        for (var i = 0; i < depth; i++)
        {
            node = i % 3 == 0
                ? new JsonTreeValue { Kind = JsonValueKind.Object, Properties = [new JsonTreeProperty("d", node, false)] }
                : new JsonTreeValue { Kind = JsonValueKind.Array, Items = [node] };
        }
        return node;
    }

    private static string ChangeCase(string name, int how)
    {
        if (name.Length == 0)
        {
            return name;
        }
        return (how % 8) switch
        {
            0 => name.ToUpperInvariant(),
            1 => name.ToLowerInvariant(),
            2 => (char.IsUpper(name[0]) ? char.ToLowerInvariant(name[0]) : char.ToUpperInvariant(name[0])) + name[1..],
            3 => new string(name.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : c).ToArray()),
            4 => name.Replace('i', 'ı').Replace('I', 'İ'),
            5 => name.Replace('k', '\u212A').Replace('K', '\u212A'),
            6 => name.Replace('s', 'ſ'),
            _ => name[..^1] + char.ToUpperInvariant(name[^1]),
        };
    }

    private static string TweakNumber(string text, int how) => (how % 12) switch
    {
        0 => text + "0",
        1 => text.StartsWith('-') ? text[1..] : "-" + text,
        2 => text.Contains('.', StringComparison.Ordinal) || text.Contains('e', StringComparison.OrdinalIgnoreCase) ? text + "1" : text + ".0",
        3 => text + "e0",
        4 => text + "E+1",
        5 => text + "000000000000",
        6 => "0" + text,
        7 => "+" + text,
        8 => text + "e-400",
        9 => text + ".",
        10 => text.Length > 1 ? text[..^1] : "-",
        _ => text + "e999",
    };

    private static string TweakString(string text, int how, int where)
    {
        var position = text.Length == 0 ? 0 : where % (text.Length + 1);
        return (how % 8) switch
        {
            0 when text.Length > 0 => text.Remove(Math.Min(position, text.Length - 1), 1),
            1 => text.Insert(position, " "),
            2 => text.Insert(position, "="),
            3 => text + "Z",
            4 => text.ToUpperInvariant(),
            5 => text.Insert(position, "\u00e9"),
            6 => text.Insert(position, "-"),
            _ => text.Insert(position, "0"),
        };
    }

    private static bool IsJsonNumber(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.BytesConsumed == Encoding.UTF8.GetByteCount(text);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // ---- bytes ----

    private static byte[] MutateBytes(byte[] json, Mutation m)
    {
        var list = new List<byte>(json);
        var at = list.Count == 0 ? 0 : m.A % (list.Count + 1);
        switch (m.Kind)
        {
            case MutationKind.DeleteByte when list.Count > 0:
                list.RemoveAt(Math.Min(at, list.Count - 1));
                break;
            case MutationKind.InsertByte:
                list.Insert(at, Pick(InsertableBytes, m.B));
                break;
            case MutationKind.Truncate:
                list.RemoveRange(at, list.Count - at);
                break;
            case MutationKind.InsertWhitespace:
                list.InsertRange(at, Pick(new[] { " "u8.ToArray(), "\t"u8.ToArray(), "\r\n"u8.ToArray(), "  \n  "u8.ToArray() }, m.B));
                break;
            case MutationKind.ReplaceByte when list.Count > 0:
                list[Math.Min(at, list.Count - 1)] = Pick(InsertableBytes, m.B);
                break;
            case MutationKind.PrefixByteOrderMark:
                list.InsertRange(0, new byte[] { 0xEF, 0xBB, 0xBF });
                break;
            case MutationKind.AppendTrailing:
                list.AddRange(Encoding.UTF8.GetBytes(Pick(Trailing, m.B)));
                break;
            case MutationKind.DuplicateRange when list.Count > 0:
                {
                    var start = Math.Min(at, list.Count - 1);
                    var length = 1 + (m.B % Math.Min(16, list.Count - start));
                    list.InsertRange(start, list.GetRange(start, length));
                    break;
                }
        }
        return list.ToArray();
    }

    private static T Pick<T>(IReadOnlyList<T> items, int pick) => items[pick % items.Count];

    // ---- parsing and writing a tree that may hold duplicate names and raw numbers ----

    /// <summary>Parses JSON into a mutable tree, or null when it is not valid JSON.</summary>
    public static JsonTreeValue? Parse(byte[] json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 1000 });
            return reader.Read() ? ReadValue(ref reader) : null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static JsonTreeValue ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                {
                    var node = new JsonTreeValue { Kind = JsonValueKind.Object };
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var (name, raw) = ReadText(ref reader);
                        reader.Read();
                        node.Properties.Add(new JsonTreeProperty(name, ReadValue(ref reader), false) { Raw = raw });
                    }
                    return node;
                }
            case JsonTokenType.StartArray:
                {
                    var node = new JsonTreeValue { Kind = JsonValueKind.Array };
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        node.Items.Add(ReadValue(ref reader));
                    }
                    return node;
                }
            case JsonTokenType.String:
                {
                    var (text, raw) = ReadText(ref reader);
                    return new JsonTreeValue { Kind = JsonValueKind.String, Text = text, Raw = raw };
                }
            case JsonTokenType.Number:
                return new JsonTreeValue { Kind = JsonValueKind.Number, Text = Encoding.UTF8.GetString(reader.ValueSpan) };
            case JsonTokenType.True:
                return JsonTreeValue.Literal("true");
            case JsonTokenType.False:
                return JsonTreeValue.Literal("false");
            default:
                return JsonTreeValue.Literal("null");
        }
    }

    /// <summary>A string's text; when it is not valid UTF-8, also its raw bytes, which are written back unchanged.</summary>
    private static (string Text, byte[]? Raw) ReadText(ref Utf8JsonReader reader)
    {
        try
        {
            return (reader.GetString()!, null);
        }
        catch (InvalidOperationException)
        {
            return (Encoding.UTF8.GetString(reader.ValueSpan), reader.ValueSpan.ToArray());
        }
    }

    public static byte[] Write(JsonTreeValue value)
    {
        var output = new List<byte>();
        Write(output, value);
        return output.ToArray();
    }

    private static void Write(List<byte> output, JsonTreeValue value)
    {
        var builder = new StringBuilder();
        Write(builder, value, output);
        output.AddRange(Encoding.UTF8.GetBytes(builder.ToString()));
    }

    // Text collects in the builder; raw (invalid UTF-8) strings flush it and go to the output as bytes.
    private static void Write(StringBuilder builder, JsonTreeValue value, List<byte> output)
    {
        switch (value.Kind)
        {
            case JsonValueKind.Object:
                builder.Append('{');
                for (var i = 0; i < value.Properties.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }
                    WriteString(builder, value.Properties[i].Name, value.Properties[i].EscapeAll, value.Properties[i].Raw, output);
                    builder.Append(':');
                    Write(builder, value.Properties[i].Value, output);
                }
                builder.Append('}');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                for (var i = 0; i < value.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }
                    Write(builder, value.Items[i], output);
                }
                builder.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(builder, value.Text, value.EscapeAll, value.Raw, output);
                break;
            default:
                builder.Append(value.Text);
                break;
        }
    }

    private static void WriteString(StringBuilder builder, string text, bool escapeAll, byte[]? raw, List<byte> output)
    {
        builder.Append('"');
        if (raw is not null)
        {
            output.AddRange(Encoding.UTF8.GetBytes(builder.ToString()));
            builder.Clear();
            output.AddRange(raw);
            builder.Append('"');
            return;
        }
        foreach (var c in text)
        {
            if (escapeAll || c < 0x20)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else if (c is '"' or '\\')
            {
                builder.Append('\\').Append(c);
            }
            else
            {
                builder.Append(c);
            }
        }
        builder.Append('"');
    }
}

/// <summary>A JSON value that can be changed in place (unlike JsonNode, it keeps duplicate names and raw numbers).</summary>
internal sealed class JsonTreeValue
{
    public JsonValueKind Kind { get; set; }

    /// <summary>A string's value, a number's or literal's raw text.</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>Write every character of a string as a \u escape.</summary>
    public bool EscapeAll { get; set; }

    /// <summary>A string that is not valid UTF-8: its bytes as they were (escapes included).</summary>
    public byte[]? Raw { get; set; }

    public List<JsonTreeValue> Items { get; init; } = [];

    public List<JsonTreeProperty> Properties { get; init; } = [];

    public static JsonTreeValue Literal(string text) => new()
    {
        Kind = text switch { "null" => JsonValueKind.Null, "true" => JsonValueKind.True, "false" => JsonValueKind.False, _ => JsonValueKind.Number },
        Text = text,
    };

    public JsonTreeValue Clone() => new()
    {
        Kind = Kind,
        Text = Text,
        EscapeAll = EscapeAll,
        Raw = Raw,
        Items = Items.Select(i => i.Clone()).ToList(),
        Properties = Properties.Select(p => p with { Value = p.Value.Clone() }).ToList(),
    };
}

/// <summary>A property of a <see cref="JsonTreeValue"/> object.</summary>
internal sealed record JsonTreeProperty(string Name, JsonTreeValue Value, bool EscapeAll)
{
    /// <summary>A name that is not valid UTF-8: its bytes as they were.</summary>
    public byte[]? Raw { get; init; }
}
