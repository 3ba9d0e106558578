namespace FanOut.Servers;

/// <summary>The three servers under test.</summary>
internal enum ServerKind
{
    TypedSockets,
    SignalR,
    Raw,
}

internal static class ServerKinds
{
    public static string Name(ServerKind kind) => kind switch
    {
        ServerKind.TypedSockets => "typedsockets",
        ServerKind.SignalR => "signalr",
        ServerKind.Raw => "raw",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static ServerKind Parse(string name) => name switch
    {
        "typedsockets" => ServerKind.TypedSockets,
        "signalr" => ServerKind.SignalR,
        "raw" => ServerKind.Raw,
        _ => throw new ArgumentException($"Unknown server '{name}'."),
    };

    /// <summary>The WebSocket path each server's clients connect to.</summary>
    public static string Path(ServerKind kind) => kind switch
    {
        ServerKind.TypedSockets => TypedSocketsServer.Path,
        ServerKind.SignalR => SignalRServer.Path,
        ServerKind.Raw => RawServer.Path,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
