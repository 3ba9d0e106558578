using System.Linq;
using TypedSockets.Generator.Model;

namespace TypedSockets.Generator.Emitting;

/// <summary>Enums as numbers or as names (<c>JsonStringEnumConverter</c>, flags, <c>[JsonStringEnumMemberName]</c>).</summary>
internal static partial class JsonEmitter
{
    private static void EmitEnum(SourceWriter w, TypeShape shape, PropertyNames names)
    {
        var type = shape.TypeName;
        var underlying = shape.EnumUnderlyingType!;
        var info = shape.Enum!;
        var table = names.EnumTable(shape);
        var values = string.Join(", ", info.Members.Select(m => $"unchecked((ulong){type}.{m.ClrName})"));
        var jsonNames = string.Join(", ", info.Members.Select(m => Literal(m.JsonName)));
        var flags = info.IsFlags ? "true" : "false";
        w.Line($"private static readonly global::TypedSockets.Serialization.SocketEnumNames {table} = new([{values}], [{jsonNames}], isFlags: {flags});");
        w.Line();
        using (w.Block($"public static void Write({Writer} writer, {type} value)"))
        {
            w.Line(info.WritesAsString ? "WriteName(writer, value);" : $"writer.WriteNumberValue(({WriteCast(underlying)})value);");
        }
        w.Line();
        using (w.Block($"public static bool TryRead(ref {Reader} reader, out {type} value, {NotNullWhenFalse} out {Error}? error)"))
        {
            w.Line(info.WritesAsString ? "return TryReadName(ref reader, out value, out error);" : "return TryReadNumber(ref reader, out value, out error);");
        }
        w.Line();
        w.Line("/// <summary>Writes the value's name, as JsonStringEnumConverter does; a value without a name as its number.</summary>");
        using (w.Block($"public static void WriteName({Writer} writer, {type} value)"))
        {
            using (w.Block($"if ({table}.Format(unchecked((ulong)value)) is {{ }} name)"))
            {
                w.Line("writer.WriteStringValue(name);");
            }
            using (w.Block("else"))
            {
                w.Line($"writer.WriteNumberValue(({WriteCast(underlying)})value);");
            }
        }
        w.Line();
        EmitNullableWrite(w, "WriteName", type + "?", "WriteName(writer, present);");
        w.Line();
        using (w.Block($"public static bool TryReadName(ref {Reader} reader, out {type} value, {NotNullWhenFalse} out {Error}? error)"))
        {
            using (w.Block($"if (reader.TokenType != {Token}.String)"))
            {
                w.Line("return TryReadNumber(ref reader, out value, out error);");
            }
            w.Line("var text = reader.GetString()!;");
            using (w.Block($"if ({table}.TryParse(text, out var bits))"))
            {
                w.Line($"value = unchecked(({type})bits);");
                w.Line("error = null;");
                w.Line("return true;");
            }
            // JsonStringEnumConverter also reads a quoted integer.
            using (w.Block($"if ({underlying}.TryParse(text, global::System.Globalization.NumberStyles.AllowLeadingSign, global::System.Globalization.CultureInfo.InvariantCulture, out var number))"))
            {
                w.Line($"value = ({type})number;");
                w.Line("error = null;");
                w.Line("return true;");
            }
            w.Line("value = default;");
            w.Line($"error = {Error}.Create({Literal($"not a name of {shape.DisplayName}: ")} + text);");
            w.Line("return false;");
        }
        w.Line();
        EmitNullableRead(w, "TryReadName", type + "?", $"TryReadName(ref reader, out {type} present, out error)");
        w.Line();
        using (w.Block($"private static bool TryReadNumber(ref {Reader} reader, out {type} value, {NotNullWhenFalse} out {Error}? error)"))
        {
            using (w.Block($"if (reader.TokenType != {Token}.Number)"))
            {
                w.Line("value = default;");
                w.Line($"""error = {Primitives}.Expected("a number", reader.TokenType);""");
                w.Line("return false;");
            }
            w.Line($"var ok = {Primitives}.TryRead(ref reader, out {underlying} number, out error);");
            w.Line($"value = ({type})number;");
            w.Line("return ok;");
        }
        w.Line();
        w.Line("/// <summary>The value as a dictionary key: its name, or its number.</summary>");
        using (w.Block($"public static string KeyName({type} value)"))
        {
            w.Line($"return {table}.Format(unchecked((ulong)value)) ?? (({underlying})value).ToString(global::System.Globalization.CultureInfo.InvariantCulture);");
        }
        w.Line();
        using (w.Block($"public static bool TryParseKey(string text, out {type} value)"))
        {
            // Like Enum.TryParse: surrounding spaces, a list of names, or a number.
            w.Line("text = text.Trim();");
            using (w.Block($"if ({table}.TryParseList(text, out var bits))"))
            {
                w.Line($"value = unchecked(({type})bits);");
                w.Line("return true;");
            }
            w.Line($"var ok = {underlying}.TryParse(text, global::System.Globalization.NumberStyles.AllowLeadingSign, global::System.Globalization.CultureInfo.InvariantCulture, out var number);");
            w.Line($"value = ({type})number;");
            w.Line("return ok;");
        }
    }

    private static string WriteCast(string underlying) => underlying switch
    {
        "byte" or "sbyte" or "short" or "ushort" => "int",
        _ => underlying,
    };
}
