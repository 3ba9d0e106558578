using System.Collections.Generic;
using System.Linq;
using TypedSockets.Generator.Model;

namespace TypedSockets.Generator.Emitting;

/// <summary>
/// Emits one static class per assembly with a <c>Write</c> and a <c>TryRead</c> overload for every
/// shape the assembly's events reach. Overloads are told apart by the type they take, so every
/// call site is simply <c>Write(writer, value.Member)</c> or <c>TryRead(ref reader, out x, out error)</c>.
/// </summary>
internal static partial class JsonEmitter
{
    private const string Writer = "global::System.Text.Json.Utf8JsonWriter";
    private const string Reader = "global::System.Text.Json.Utf8JsonReader";
    private const string Token = "global::System.Text.Json.JsonTokenType";
    private const string Error = "global::TypedSockets.SocketJsonError";
    private const string Primitives = "global::TypedSockets.Serialization.SocketJsonReader";
    private const string NotNullWhenFalse = "[global::System.Diagnostics.CodeAnalysis.NotNullWhen(false)]";

    public static string ClassName(string assemblyName) => "SocketJsonCode_" + Naming.Identifier(assemblyName);

    public static string QualifiedClassName(string assemblyName) => "global::TypedSockets.Generated." + ClassName(assemblyName);

    public static string Emit(string assemblyName, IReadOnlyList<TypeShape> shapes, IReadOnlyList<EventReference> events)
    {
        var byName = new Dictionary<string, TypeShape>();
        foreach (var shape in shapes)
        {
            if (!byName.ContainsKey(shape.TypeName))
            {
                byName.Add(shape.TypeName, shape);
            }
        }
        var names = new PropertyNames();
        var body = new SourceWriter();
        foreach (var shape in byName.Values.Where(s => s.Kind != ShapeKind.Primitive).OrderBy(s => s.TypeName, System.StringComparer.Ordinal))
        {
            EmitShape(body, shape, byName, names);
        }

        var writer = new SourceWriter().Header();
        writer.Open("namespace TypedSockets.Generated");
        writer.Line("/// <summary>JSON code for the socket events of this assembly, written by the TypedSockets generator.</summary>");
        writer.Line(SourceWriter.GeneratedCodeAttribute);
        writer.Open($"internal static class {ClassName(assemblyName)}");
        EmitRegistration(writer, events);
        foreach (var (json, field) in names.All)
        {
            writer.Line($"private static readonly global::System.Text.Json.JsonEncodedText {field} = global::System.Text.Json.JsonEncodedText.Encode({Literal(json)});");
        }
        foreach (var accessor in names.Accessors)
        {
            writer.Line();
            writer.Line(accessor);
        }
        writer.Line();
        writer.Line(body.ToString().TrimEnd('\n'));
        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    /// <summary>
    /// A module initializer that registers every event of the assembly, so the operations that take
    /// any <c>TEvent</c> (<c>Broadcast</c>, <c>SendTo</c>, <c>SocketJson</c>) find its code by type.
    /// </summary>
    private static void EmitRegistration(SourceWriter w, IReadOnlyList<EventReference> events)
    {
        if (events.Count == 0)
        {
            return;
        }
        w.Line("""/// <summary>Registers the events of this assembly with <see cref="global::TypedSockets.SocketEventRegistry"/> when the assembly loads.</summary>""");
        w.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        using (w.Block("internal static void RegisterEvents()"))
        {
            foreach (var @event in events)
            {
                w.Line($"global::TypedSockets.SocketEventRegistry.Register<{@event.TypeName}>();");
            }
        }
        w.Line();
    }

    private static void EmitShape(SourceWriter w, TypeShape shape, Dictionary<string, TypeShape> shapes, PropertyNames names)
    {
        var nullableName = shape.IsValueType ? shape.TypeName : shape.TypeName + "?";
        switch (shape.Kind)
        {
            case ShapeKind.Enum:
                EmitEnum(w, shape, names);
                break;

            case ShapeKind.Nullable:
                EmitNullableWrite(w, "Write", shape.TypeName, WriteValue(shapes[shape.ElementTypeName!], "present"));
                w.Line();
                EmitNullableRead(w, "TryRead", shape.TypeName, ReadCall(shapes[shape.ElementTypeName!], $"{shape.ElementTypeName} present"));
                break;

            case ShapeKind.Array:
            case ShapeKind.List:
                EmitList(w, shape, nullableName, shapes);
                break;

            case ShapeKind.Dictionary:
                EmitDictionary(w, shape, nullableName, shapes);
                break;

            case ShapeKind.Object:
                EmitObjectWrite(w, shape, nullableName, shapes, names);
                w.Line();
                EmitObjectRead(w, shape, nullableName, shapes, names);
                break;
        }
        w.Line();
    }

    /// <summary>A statement that writes <paramref name="expression"/> as a JSON value.</summary>
    private static string WriteValue(TypeShape shape, string expression) => shape.Kind switch
    {
        ShapeKind.Primitive => shape.Primitive switch
        {
            PrimitiveKind.String or PrimitiveKind.Guid or PrimitiveKind.DateTime or PrimitiveKind.DateTimeOffset
                => $"writer.WriteStringValue({expression});",
            PrimitiveKind.Boolean => $"writer.WriteBooleanValue({expression});",
            PrimitiveKind.Bytes => $"global::TypedSockets.Serialization.SocketJsonWriter.WriteBase64(writer, {expression});",
            PrimitiveKind.Char or PrimitiveKind.DateOnly or PrimitiveKind.TimeOnly or PrimitiveKind.TimeSpan or PrimitiveKind.Uri
                or PrimitiveKind.Version or PrimitiveKind.Half or PrimitiveKind.Int128 or PrimitiveKind.UInt128
                or PrimitiveKind.JsonElement or PrimitiveKind.JsonNode
                => $"global::TypedSockets.Serialization.SocketJsonWriter.Write(writer, {expression});",
            _ => $"writer.WriteNumberValue({expression});",
        },
        _ => $"Write(writer, {expression});",
    };

    /// <summary>A writer for <c>T?</c>: <c>null</c>, or <paramref name="writePresent"/> with the value as <c>present</c>.</summary>
    private static void EmitNullableWrite(SourceWriter w, string method, string nullableType, string writePresent)
    {
        using (w.Block($"public static void {method}({Writer} writer, {nullableType} value)"))
        {
            using (w.Block("if (value is { } present)"))
            {
                w.Line(writePresent);
            }
            using (w.Block("else"))
            {
                w.Line("writer.WriteNullValue();");
            }
        }
    }

    /// <summary>A reader for <c>T?</c>: <c>null</c>, or <paramref name="readPresent"/> into <c>present</c>.</summary>
    private static void EmitNullableRead(SourceWriter w, string method, string nullableType, string readPresent)
    {
        using (w.Block($"public static bool {method}(ref {Reader} reader, out {nullableType} value, {NotNullWhenFalse} out {Error}? error)"))
        {
            using (w.Block($"if (reader.TokenType == {Token}.Null)"))
            {
                w.Line("value = null;");
                w.Line("error = null;");
                w.Line("return true;");
            }
            w.Line($"var ok = {readPresent};");
            w.Line("value = ok ? present : null;");
            w.Line("return ok;");
        }
    }

    /// <summary>An expression that reads the current value into <paramref name="target"/> (<c>out target</c>).</summary>
    private static string ReadCall(TypeShape shape, string target) => shape.Kind == ShapeKind.Primitive
        ? $"{Primitives}.TryRead(ref reader, out {target}, out error)"
        : $"TryRead(ref reader, out {target}, out error)";

    private static string ElementLocal(TypeShape element) => Local(element.TypeName, element.IsValueType);

    private static string Local(string typeName, bool isValueType) => isValueType ? typeName : typeName + "?";

    /// <summary>A member name usable after a dot, escaped when it is a keyword.</summary>
    private static string Escaped(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;

    private static string Literal(string value) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);
}
