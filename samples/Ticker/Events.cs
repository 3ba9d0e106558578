using TypedSockets;

namespace Ticker;

// Client -> server.

[SocketEvent("subscribe")]
public sealed partial record Subscribe(string Symbol);

[SocketEvent("unsubscribe")]
public sealed partial record Unsubscribe(string Symbol);

// Server -> client.

/// <summary>Sent on connect: what can be subscribed to.</summary>
[SocketEvent("symbols")]
public sealed partial record Symbols(IReadOnlyList<string> Available);

/// <summary>
/// One price. Only the latest matters, so the event is volatile: a client that lags behind gets
/// the newest price in place of a stale one instead of a backlog (or being disconnected).
/// </summary>
[SocketEvent("tick", Volatile = true)]
public sealed partial record Tick(string Symbol, decimal Price, DateTimeOffset Time);
