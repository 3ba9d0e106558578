using System.Collections.Generic;
using TypedSockets.Generator.Model;

namespace TypedSockets.Generator.Emitting;

/// <summary>Arrays, lists, sets and dictionaries: written from the declared type, read into a list or dictionary first.</summary>
internal static partial class JsonEmitter
{
    private static void EmitList(SourceWriter w, TypeShape shape, string nullableName, Dictionary<string, TypeShape> shapes)
    {
        var element = shapes[shape.ElementTypeName!];
        using (w.Block($"public static void Write({Writer} writer, {nullableName} value)"))
        {
            if (!shape.IsValueType)
            {
                using (w.Block("if (value is null)"))
                {
                    w.Line("writer.WriteNullValue();");
                    w.Line("return;");
                }
            }
            w.Line("writer.WriteStartArray();");
            if (shape.IsIndexable)
            {
                var count = shape.Kind == ShapeKind.Array || shape.Collection == CollectionKind.ImmutableArray ? "Length" : "Count";
                using (w.Block($"for (var i = 0; i < value.{count}; i++)"))
                {
                    w.Line(WriteValue(element, "value[i]"));
                }
            }
            else
            {
                using (w.Block("foreach (var item in value)"))
                {
                    w.Line(WriteValue(element, "item"));
                }
            }
            w.Line("writer.WriteEndArray();");
        }
        w.Line();
        using (w.Block($"public static bool TryRead(ref {Reader} reader, out {nullableName} value, {NotNullWhenFalse} out {Error}? error)"))
        {
            w.Line("value = default;");
            if (!shape.IsValueType)
            {
                using (w.Block($"if (reader.TokenType == {Token}.Null)"))
                {
                    w.Line("error = null;");
                    w.Line("return true;");
                }
            }
            using (w.Block($"if (reader.TokenType != {Token}.StartArray)"))
            {
                w.Line($"""error = {Primitives}.Expected("an array", reader.TokenType);""");
                w.Line("return false;");
            }
            w.Line($"var items = new global::System.Collections.Generic.List<{element.TypeName}>();");
            using (w.Block($"while (reader.Read() && reader.TokenType != {Token}.EndArray)"))
            {
                using (w.Block($"if (!{ReadCall(element, $"{ElementLocal(element)} item")})"))
                {
                    w.Line("error = error.AtIndex(items.Count);");
                    w.Line("return false;");
                }
                w.Line(element.IsValueType ? "items.Add(item);" : "items.Add(item!);");
            }
            w.Line($"value = {FromRead(shape, element, "items")};");
            w.Line("error = null;");
            w.Line("return true;");
        }
    }

    private static void EmitDictionary(SourceWriter w, TypeShape shape, string nullableName, Dictionary<string, TypeShape> shapes)
    {
        var element = shapes[shape.ElementTypeName!];
        using (w.Block($"public static void Write({Writer} writer, {nullableName} value)"))
        {
            using (w.Block("if (value is null)"))
            {
                w.Line("writer.WriteNullValue();");
                w.Line("return;");
            }
            w.Line("writer.WriteStartObject();");
            using (w.Block("foreach (var pair in value)"))
            {
                w.Line(WriteKey(shape, shapes));
                w.Line(WriteValue(element, "pair.Value"));
            }
            w.Line("writer.WriteEndObject();");
        }
        w.Line();
        using (w.Block($"public static bool TryRead(ref {Reader} reader, out {nullableName} value, {NotNullWhenFalse} out {Error}? error)"))
        {
            w.Line("value = null;");
            using (w.Block($"if (reader.TokenType == {Token}.Null)"))
            {
                w.Line("error = null;");
                w.Line("return true;");
            }
            using (w.Block($"if (reader.TokenType != {Token}.StartObject)"))
            {
                w.Line($"""error = {Primitives}.Expected("an object", reader.TokenType);""");
                w.Line("return false;");
            }
            w.Line($"var items = new {shape.ConcreteTypeName}();");
            using (w.Block($"while (reader.Read() && reader.TokenType == {Token}.PropertyName)"))
            {
                w.Line("var name = reader.GetString()!;");
                if (shape.Key == KeyKind.String)
                {
                    w.Line("var key = name;");
                }
                else
                {
                    using (w.Block($"if (!({ParseKey(shape, shapes)}))"))
                    {
                        w.Line($"error = {Error}.Create({Literal($"not a valid key ({shape.KeyDisplayName})")}).AtProperty(name);");
                        w.Line("return false;");
                    }
                }
                w.Line("reader.Read();");
                using (w.Block($"if (!{ReadCall(element, $"{ElementLocal(element)} item")})"))
                {
                    w.Line("error = error.AtProperty(name);");
                    w.Line("return false;");
                }
                using (w.Block(element.IsValueType ? "if (!items.TryAdd(key, item))" : "if (!items.TryAdd(key, item!))"))
                {
                    w.Line($"error = {Error}.Duplicate(name);");
                    w.Line("return false;");
                }
            }
            w.Line($"value = {FromRead(shape, element, "items")};");
            w.Line("error = null;");
            w.Line("return true;");
        }
    }

    /// <summary>The declared collection made of the list or dictionary the reader filled.</summary>
    private static string FromRead(TypeShape shape, TypeShape element, string items) => shape.Kind == ShapeKind.Array
        ? $"{items}.ToArray()"
        : shape.Collection switch
        {
            CollectionKind.HashSet => $"new global::System.Collections.Generic.HashSet<{element.TypeName}>({items})",
            CollectionKind.ImmutableArray => $"global::System.Collections.Immutable.ImmutableArray.CreateRange({items})",
            CollectionKind.ImmutableList => $"global::System.Collections.Immutable.ImmutableList.CreateRange({items})",
            CollectionKind.ImmutableDictionary => $"global::System.Collections.Immutable.ImmutableDictionary.CreateRange({items})",
            _ => items,
        };

    private static string WriteKey(TypeShape dictionary, Dictionary<string, TypeShape> shapes) => dictionary.Key switch
    {
        KeyKind.String => "writer.WritePropertyName(pair.Key);",
        KeyKind.Enum => "writer.WritePropertyName(KeyName(pair.Key));",
        _ => "global::TypedSockets.Serialization.SocketJsonWriter.WritePropertyName(writer, pair.Key);",
    };

    private static string ParseKey(TypeShape dictionary, Dictionary<string, TypeShape> shapes) => dictionary.Key switch
    {
        KeyKind.Guid => $"""{Primitives}.IsExactKey(name) && global::System.Guid.TryParseExact(name, "D", out var key)""",
        KeyKind.Enum => $"TryParseKey(name, out {dictionary.KeyTypeName} key)",
        _ => $"{dictionary.KeyTypeName}.TryParse(name, global::System.Globalization.NumberStyles.AllowLeadingSign, global::System.Globalization.CultureInfo.InvariantCulture, out var key) && {Primitives}.IsExactKey(name)",
    };
}
