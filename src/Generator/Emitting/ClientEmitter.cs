using System.Collections.Generic;
using System.Linq;
using TypedSockets.Generator.Model;

namespace TypedSockets.Generator.Emitting;

/// <summary>
/// Emits the typed .NET client of a contract (e.g. <c>ChatClient</c>), a thin class over
/// <c>TypedSockets.Client.SocketEndpointClient</c>: per event the client sends, a method that
/// waits for the endpoint's answer (its reply, when it has one) and a <c>SendAsync</c> overload
/// that does not; per event the endpoint sends, <c>On…</c> handlers and a <c>Read…Async</c> stream.
/// </summary>
internal static class ClientEmitter
{
    private const string Base = "global::TypedSockets.Client.SocketEndpointClient";
    private const string Options = "global::TypedSockets.Client.SocketClientOptions";
    private const string Token = "global::System.Threading.CancellationToken";
    private const string TimeSpan = "global::System.TimeSpan";

    /// <summary>Members of the base class a generated name must not take.</summary>
    private static readonly HashSet<string> Taken = new(System.StringComparer.Ordinal)
    {
        "ConnectAsync", "CloseAsync", "DisposeAsync", "SendAsync", "PostAsync", "InvokeAsync", "RequestAsync",
        "ReadAllAsync", "OnReconnected", "Subscribe", "Receives", "State", "Ref", "CloseStatus", "CloseDescription",
        "RejectedFrames", "StateChanged", "Reconnecting", "ErrorReceived", "EndpointRef", "EndpointPath", "ContractHash",
    };

    public static string Emit(ClientModel model)
    {
        var w = new SourceWriter().Header();
        if (model.Namespace.Length > 0)
        {
            w.Line($"namespace {model.Namespace}");
            w.Open();
        }
        var access = model.IsPublic ? "public" : "internal";
        w.Line("/// <summary>");
        w.Line($"/// A typed client of the endpoint <c>{model.Ref}</c> (<c>{model.Path}</c>), written from the contract");
        w.Line($"/// <see cref=\"{model.ContractTypeName}\"/>: a method per event it sends, a subscription per event it receives.");
        w.Line("/// Create it, add handlers, then connect, so no event is missed.");
        w.Line("/// </summary>");
        w.Line(SourceWriter.GeneratedCodeAttribute);
        w.Open($"{access} sealed partial class {model.Name} : {Base}, global::TypedSockets.Client.ISocketEndpointClient<{model.Name}>");

        w.Line($"/// <summary>The endpoint's reference: <c>{model.Ref}</c>.</summary>");
        w.Line($"public const string EndpointRef = {Literal(model.Ref)};");
        w.Line();
        w.Line($"/// <summary>The path the endpoint is served at, used when a URI names only the server: <c>{model.Path}</c>.</summary>");
        w.Line($"public const string EndpointPath = {Literal(model.Path)};");
        w.Line();
        w.Line("/// <summary>The contract's hash, presented when connecting; the endpoint's own is the same when both were built from one contract.</summary>");
        w.Line($"public const string ContractHash = {Literal(model.ContractHash)};");
        w.Line();

        w.Line("/// <summary>Creates a client; add handlers, then call <c>ConnectAsync</c>.</summary>");
        w.Line("/// <param name=\"options\">How it connects, reconnects and waits; null for the defaults.</param>");
        w.Line($"public {model.Name}({Options}? options = null)");
        w.Line("    : base(EndpointRef, EndpointPath, ContractHash, options)");
        w.Open();
        foreach (var @event in model.Events)
        {
            w.Line($"Receives<{@event.TypeName}>();");
        }
        w.Close();
        w.Line();

        w.Line("/// <summary>Creates a client, not yet connected.</summary>");
        w.Line($"public static {model.Name} Create({Options}? options) => new(options);");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Creates a client with <paramref name=\"options\"/> (null for the defaults) and connects it to");
        w.Line("/// <paramref name=\"uri\"/>: the endpoint's address, or the server's.");
        w.Line("/// Events that arrive before a handler is added are not seen by it; to see the first ones,");
        w.Line("/// create the client, add handlers, then call <c>ConnectAsync</c> on it.");
        w.Line("/// </summary>");
        w.Line($"public static async global::System.Threading.Tasks.Task<{model.Name}> ConnectAsync(global::System.Uri uri, {Options}? options, {Token} cancellationToken = default)");
        w.Open();
        w.Line($"var client = new {model.Name}(options);");
        w.Line("try");
        w.Open();
        w.Line("await client.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);");
        w.Line("return client;");
        w.Close();
        w.Line("catch");
        w.Open();
        w.Line("await client.DisposeAsync().ConfigureAwait(false);");
        w.Line("throw;");
        w.Close();
        w.Close();

        foreach (var request in model.Requests)
        {
            w.Line();
            WriteRequest(w, request);
        }
        foreach (var @event in model.Events)
        {
            w.Line();
            WriteEvent(w, @event);
        }

        w.Close();
        if (model.Namespace.Length > 0)
        {
            w.Close();
        }
        return w.ToString();
    }

    private static void WriteRequest(SourceWriter w, ContractEventModel request)
    {
        var name = Member(SimpleName(request.TypeName), "", "Async");
        var parameters = $"{request.TypeName} message";
        string returns, call;
        if (request.ReplyTypeName is { } reply)
        {
            returns = $"global::System.Threading.Tasks.Task<{reply}>";
            call = $"RequestAsync<{request.TypeName}, {reply}>";
            w.Line($"/// <summary>Sends <c>{request.EventName}</c> and returns the endpoint's reply, <c>{request.ReplyEventName}</c>, within the options' request timeout.</summary>");
        }
        else
        {
            returns = "global::System.Threading.Tasks.Task";
            call = $"InvokeAsync<{request.TypeName}>";
            w.Line($"/// <summary>Sends <c>{request.EventName}</c> and waits until the endpoint has handled it, within the options' request timeout.</summary>");
        }
        WriteRequestExceptions(w);
        w.Line($"public {returns} {name}({parameters}, {Token} cancellationToken = default) =>");
        w.Line($"    {call}(message, null, cancellationToken);");
        w.Line();
        w.Line($"/// <summary>Sends <c>{request.EventName}</c> and waits for the endpoint's answer up to <paramref name=\"timeout\"/>.</summary>");
        WriteRequestExceptions(w);
        w.Line($"public {returns} {name}({parameters}, {TimeSpan} timeout, {Token} cancellationToken = default) =>");
        w.Line($"    {call}(message, timeout, cancellationToken);");
        w.Line();
        w.Line($"/// <summary>Sends <c>{request.EventName}</c> without waiting for the endpoint: done once written. A refusal arrives as <c>ErrorReceived</c>.</summary>");
        w.Line("/// <exception cref=\"global::TypedSockets.Client.SocketDisconnectedException\">The client is not connected.</exception>");
        w.Line($"public global::System.Threading.Tasks.Task SendAsync({parameters}, {Token} cancellationToken = default) =>");
        w.Line($"    PostAsync<{request.TypeName}>(message, cancellationToken);");
    }

    private static void WriteRequestExceptions(SourceWriter w)
    {
        w.Line("/// <exception cref=\"global::TypedSockets.SocketErrorException\">The endpoint refused it: the error frame's code and message.</exception>");
        w.Line("/// <exception cref=\"global::TypedSockets.Client.SocketRequestTimeoutException\">No answer in time.</exception>");
        w.Line("/// <exception cref=\"global::TypedSockets.Client.SocketDisconnectedException\">Not connected, or the connection was lost before the answer.</exception>");
    }

    private static void WriteEvent(SourceWriter w, ContractEventModel @event)
    {
        var simple = SimpleName(@event.TypeName);
        var on = Member(simple, "On", "");
        var read = Member(simple, "Read", "Async");
        w.Line($"/// <summary>Calls <paramref name=\"handler\"/> for every <c>{@event.EventName}</c>, in order with the client's other events.</summary>");
        w.Line("/// <returns>Disposing it stops the calls.</returns>");
        w.Line($"public global::System.IDisposable {on}(global::System.Action<{@event.TypeName}> handler)");
        w.Open();
        w.Line("global::System.ArgumentNullException.ThrowIfNull(handler);");
        w.Line($"return Subscribe<{@event.TypeName}>((value, _) =>");
        w.Open();
        w.Line("handler(value);");
        w.Line("return default;");
        w.Close(");");
        w.Close();
        w.Line();
        w.Line($"/// <summary>Calls <paramref name=\"handler\"/> for every <c>{@event.EventName}</c> and waits for it before the client's next event.</summary>");
        w.Line("/// <returns>Disposing it stops the calls.</returns>");
        w.Line($"public global::System.IDisposable {on}(global::System.Func<{@event.TypeName}, global::System.Threading.Tasks.Task> handler)");
        w.Open();
        w.Line("global::System.ArgumentNullException.ThrowIfNull(handler);");
        w.Line($"return Subscribe<{@event.TypeName}>((value, _) => new global::System.Threading.Tasks.ValueTask(handler(value)));");
        w.Close();
        w.Line();
        w.Line($"/// <summary>Every <c>{@event.EventName}</c> received from the start of the enumeration until it is disposed or the client is.</summary>");
        w.Line($"public global::System.Collections.Generic.IAsyncEnumerable<{@event.TypeName}> {read}({Token} cancellationToken = default) =>");
        w.Line($"    ReadAllAsync<{@event.TypeName}>(cancellationToken);");
    }

    /// <summary><paramref name="prefix"/> + name + <paramref name="suffix"/>, with <c>Event</c> before the suffix when the base class has that name.</summary>
    private static string Member(string name, string prefix, string suffix) =>
        Taken.Contains(prefix + name + suffix) ? prefix + name + "Event" + suffix : prefix + name + suffix;

    private static string SimpleName(string typeName)
    {
        var dot = typeName.LastIndexOf('.');
        var name = dot < 0 ? typeName.Substring(typeName.IndexOf(':') + 1).TrimStart(':') : typeName.Substring(dot + 1);
        return name.TrimStart('@');
    }

    private static string Literal(string value) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);
}
