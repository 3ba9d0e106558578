using TypedSockets.Generator.Model;

namespace TypedSockets.Generator.Emitting;

/// <summary>Emits an event type's <c>ISocketEvent&lt;T&gt;</c> implementation, which calls the assembly's JSON code.</summary>
internal static class EventEmitter
{
    public static string Emit(EventModel model, string assemblyName)
    {
        var type = model.Type.FullyQualifiedName;
        var contract = $"global::TypedSockets.ISocketEvent<{type}>";
        var json = JsonEmitter.QualifiedClassName(assemblyName);
        var isValueType = model.Type.Keyword is "struct" or "record struct";
        var w = new SourceWriter().Header();
        DeclarationWriter.Open(w, model.Type, contract);

        w.Line($"/// <summary>The name of this event on the wire: <c>{model.EventName}</c>.</summary>");
        w.Line($"public const string SocketEventName = {Literal(model.EventName)};");
        w.Line();
        w.Line(SourceWriter.GeneratedCodeAttribute);
        w.Line($"static string {contract}.EventName => SocketEventName;");
        w.Line();
        if (!model.IsReadable)
        {
            w.Line(SourceWriter.GeneratedCodeAttribute);
            w.Line($"static bool {contract}.IsReadable => false;");
            w.Line();
        }
        if (model.IsVolatile)
        {
            w.Line(SourceWriter.GeneratedCodeAttribute);
            w.Line($"static bool {contract}.IsVolatile => true;");
            w.Line();
        }
        w.Line(SourceWriter.GeneratedCodeAttribute);
        w.Line($"static void {contract}.Write(global::System.Text.Json.Utf8JsonWriter writer, {type} value) => {json}.Write(writer, value);");
        w.Line();
        w.Line(SourceWriter.GeneratedCodeAttribute);
        using (w.Block($"static bool {contract}.TryRead(ref global::System.Text.Json.Utf8JsonReader reader, [global::System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out {type} value, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out global::TypedSockets.SocketJsonError? error)"))
        {
            using (w.Block($"if (!{json}.TryRead(ref reader, out {type}{(isValueType ? string.Empty : "?")} read, out error))"))
            {
                w.Line("value = default;");
                w.Line("return false;");
            }
            if (!isValueType)
            {
                using (w.Block("if (read is null)"))
                {
                    w.Line("value = default;");
                    w.Line("""error = global::TypedSockets.SocketJsonError.Create("expected an object, got null");""");
                    w.Line("return false;");
                }
            }
            w.Line("value = read;");
            w.Line("return true;");
        }
        DeclarationWriter.Close(w, model.Type);
        return w.ToString();
    }

    private static string Literal(string value) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);
}
