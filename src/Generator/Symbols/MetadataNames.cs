namespace TypedSockets.Generator.Symbols;

/// <summary>
/// The metadata names of the types TypedSockets' generator and analyzers look up, written once.
/// Resolve them with <see cref="KnownTypeSymbols"/> (or <c>GetTypeByMetadataName</c> in an
/// analyzer's compilation-start action) and compare symbols, never display strings.
/// </summary>
internal static class MetadataNames
{
    public const string SocketEndpointAttribute = "TypedSockets.SocketEndpointAttribute";
    public const string SocketEventAttribute = "TypedSockets.SocketEventAttribute";
    public const string OnEventAttribute = "TypedSockets.OnEventAttribute";
    public const string OnConnectAttribute = "TypedSockets.OnConnectAttribute";
    public const string OnDisconnectAttribute = "TypedSockets.OnDisconnectAttribute";
    public const string SocketEventTypeParameterAttribute = "TypedSockets.SocketEventTypeParameterAttribute";
    public const string SocketEndpoint = "TypedSockets.SocketEndpoint";
    public const string SocketClient = "TypedSockets.SocketClient";
    public const string ISocketEvent = "TypedSockets.ISocketEvent`1";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string IServiceProvider = "System.IServiceProvider";
    public const string Task = "System.Threading.Tasks.Task";
    public const string TaskOfT = "System.Threading.Tasks.Task`1";
    public const string ValueTask = "System.Threading.Tasks.ValueTask";
    public const string ValueTaskOfT = "System.Threading.Tasks.ValueTask`1";
    public const string IAuthorizeData = "Microsoft.AspNetCore.Authorization.IAuthorizeData";
    public const string IAllowAnonymous = "Microsoft.AspNetCore.Authorization.IAllowAnonymous";
}
