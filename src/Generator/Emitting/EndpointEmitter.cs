using System.Collections.Generic;
using System.Linq;
using TypedSockets.Generator.Model;

namespace TypedSockets.Generator.Emitting;

/// <summary>
/// Emits an endpoint's generated half: its identity, DI factory, connect and disconnect hooks, and
/// the inbound dispatch (a switch on the event name's UTF-8 bytes, then the
/// event's typed reader, then the handler).
/// </summary>
internal static class EndpointEmitter
{
    private const string Client = "global::TypedSockets.SocketClient";
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    private const string Invocation = "global::TypedSockets.Endpoints.SocketInvocation";
    private const string Token = "global::System.Threading.CancellationToken";

    public static string Emit(EndpointModel model)
    {
        var self = model.Type.FullyQualifiedName;
        var contract = $"global::TypedSockets.ISocketEndpoint<{self}>";
        var w = new SourceWriter().Header();
        DeclarationWriter.Open(w, model.Type, contract);

        w.Line($"/// <summary>The endpoint's reference: <c>{model.Ref}</c>.</summary>");
        w.Line($"public const string SocketRef = {Literal(model.Ref)};");
        w.Line();
        w.Line($"/// <summary>The request path the endpoint is served at: <c>{model.Path}</c>.</summary>");
        w.Line($"public const string SocketPath = {Literal(model.Path)};");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// The hash of the endpoint's wire contract (its events, their directions and JSON shapes), which");
        w.Line("/// generated clients send when they connect; it changes with any change a client could notice.");
        w.Line("/// </summary>");
        w.Line($"public const string ContractHash = {Literal(TypedSockets.Generator.Emitting.ContractHash.Of(model.Ref, model.Path, model.Contract))};");
        w.Line();
        w.Line($"static string {contract}.Ref => SocketRef;");
        w.Line();
        w.Line($"static string {contract}.Path => SocketPath;");
        w.Line();
        w.Line($"static string {contract}.ContractHash => ContractHash;");
        w.Line();
        EmitContract(w, model.Contract, contract);
        EmitSettings(w, model, contract);
        EmitFactory(w, model, contract, self);
        EmitHooks(w, model, contract, self);
        EmitDispatch(w, model, contract, self);

        DeclarationWriter.Close(w, model.Type);
        return w.ToString();
    }

    private static void EmitContract(SourceWriter w, ContractModel model, string contract)
    {
        w.Line(SourceWriter.GeneratedCodeAttribute);
        w.Line($"static global::System.Collections.Generic.IReadOnlyList<global::System.Type> {contract}.OutboundEvents => {TypeList(model.Outbound)};");
        w.Line();
        w.Line(SourceWriter.GeneratedCodeAttribute);
        w.Line($"static global::System.Collections.Generic.IReadOnlyList<global::System.Type> {contract}.InboundEvents => {TypeList(model.Inbound)};");
        w.Line();
    }

    private static string TypeList(EquatableArray<ContractEventModel> events) =>
        "[" + string.Join(", ", events.Select(e => $"typeof({e.TypeName})")) + "]";

    private static void EmitSettings(SourceWriter w, EndpointModel model, string contract)
    {
        if (model.SlowConsumerPolicy is { } policy)
        {
            w.Line(SourceWriter.GeneratedCodeAttribute);
            w.Line($"static global::TypedSockets.SlowConsumerPolicy? {contract}.SlowConsumerPolicy => global::TypedSockets.SlowConsumerPolicy.{policy};");
            w.Line();
        }
        if (model.AllowBinaryFrames)
        {
            w.Line(SourceWriter.GeneratedCodeAttribute);
            w.Line($"static bool {contract}.AllowBinaryFrames => true;");
            w.Line();
        }
        if (!model.Metadata.IsDefaultOrEmpty())
        {
            w.Line(SourceWriter.GeneratedCodeAttribute);
            w.Line($"static global::System.Collections.Generic.IReadOnlyList<object> {contract}.Metadata =>");
            w.Line($"    [{string.Join(", ", model.Metadata.Select(ConstantWriter.NewAttribute))}];");
            w.Line();
        }
    }

    private static void EmitFactory(SourceWriter w, EndpointModel model, string contract, string self)
    {
        w.Line(SourceWriter.GeneratedCodeAttribute);
        using (w.Block($"static {self} {contract}.Create(global::System.IServiceProvider services)"))
        {
            var arguments = model.ConstructorParameters.Select(p => p.IsServiceProvider
                ? "services"
                : p.IsOptional
                    ? $"global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetService<{p.TypeName}>(services)!"
                    : $"global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<{p.TypeName}>(services)").ToList();
            if (arguments.Count == 0)
            {
                w.Line($"return new {self}();");
            }
            else
            {
                w.Line($"return new {self}(");
                for (var i = 0; i < arguments.Count; i++)
                {
                    w.Line("    " + arguments[i] + (i < arguments.Count - 1 ? "," : ");"));
                }
            }
        }
        w.Line();
    }

    private static void EmitHooks(SourceWriter w, EndpointModel model, string contract, string self)
    {
        EmitHook(w, model.OnConnect, $"static {ValueTask} {contract}.OnConnectedAsync({self} endpoint, {Client} client, {Token} cancellationToken)", self);
        EmitHook(w, model.OnDisconnect, $"static {ValueTask} {contract}.OnDisconnectedAsync({self} endpoint, {Client} client, {Token} cancellationToken)", self);
    }

    private static void EmitHook(SourceWriter w, HookModel? hook, string signature, string self)
    {
        if (hook is null)
        {
            return;
        }
        var target = hook.IsStatic ? self : "endpoint";
        var call = $"{target}.{hook.MethodName}(client{(hook.TakesCancellationToken ? ", cancellationToken" : string.Empty)})";
        w.Line(SourceWriter.GeneratedCodeAttribute);
        using (w.Block(signature))
        {
            Complete(w, hook.Return, call);
        }
        w.Line();
    }

    private static void EmitDispatch(SourceWriter w, EndpointModel model, string contract, string self)
    {
        // The endpoint's own handlers only; any other event goes to UnknownEvent, where the runtime
        // hands it to server code that subscribed to it, or answers unknown_event.
        var routes = new SortedDictionary<string, HandlerModel>(System.StringComparer.Ordinal);
        foreach (var handler in model.Handlers)
        {
            routes[handler.EventName] = handler;
        }

        w.Line(SourceWriter.GeneratedCodeAttribute);
        using (w.Block($"static {ValueTask} {contract}.DispatchAsync({self} endpoint, {Invocation} invocation)"))
        {
            if (routes.Count == 0)
            {
                w.Line("return invocation.UnknownEvent();");
                return;
            }
            w.Line("var name = invocation.EventName;");
            using (w.Block("switch (name.Length)"))
            {
                foreach (var group in routes.GroupBy(r => System.Text.Encoding.UTF8.GetByteCount(r.Key)).OrderBy(g => g.Key))
                {
                    w.Line($"case {group.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)}:");
                    w.Open();
                    foreach (var route in group)
                    {
                        using (w.Block($"if (global::System.MemoryExtensions.SequenceEqual(name, {Literal(route.Key)}u8))"))
                        {
                            EmitRoute(w, route.Value, self);
                        }
                    }
                    w.Line("break;");
                    w.Close();
                }
            }
            w.Line("return invocation.UnknownEvent();");
        }
    }

    private static void EmitRoute(SourceWriter w, HandlerModel handler, string self)
    {
        using (w.Block($"if (!invocation.TryRead<{handler.EventTypeName}>(out var message))"))
        {
            w.Line("return default;");
        }
        var arguments = new List<string> { "message" };
        if (handler.TakesClient)
        {
            arguments.Add("invocation.Client");
        }
        if (handler.TakesCancellationToken)
        {
            arguments.Add("invocation.CancellationToken");
        }
        var target = handler.IsStatic ? self : "endpoint";
        Complete(w, handler.Return, $"{target}.{handler.MethodName}({string.Join(", ", arguments)})", handler.ReplyTypeName);
    }

    /// <summary>Calls a handler or hook and turns what it returns into the dispatch's <c>ValueTask</c>.</summary>
    private static void Complete(SourceWriter w, ReturnKind kind, string call, string? replyType = null)
    {
        switch (kind)
        {
            case ReturnKind.Void:
                w.Line(call + ";");
                w.Line("return default;");
                break;
            case ReturnKind.Task:
                w.Line($"return new {ValueTask}({call});");
                break;
            case ReturnKind.ValueTask:
                w.Line($"return {call};");
                break;
            default:
                // The type is spelled out and '!' added so a handler may declare a nullable reply (null: no reply).
                w.Line($"return invocation.ReplyAsync<{replyType}>({call}!);");
                break;
        }
    }

    private static string Literal(string value) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);
}
