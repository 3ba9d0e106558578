using TypedSockets;

namespace Ticker;

/// <summary>
/// What the ticker endpoint (<c>/ws/ticker</c>) receives and sends. It lives in the app itself
/// here; a project that references the app (its tests) gets a typed <c>TickerClient</c> from it.
/// </summary>
[SocketContract("ticker")]
[Receives<Subscribe>, Receives<Unsubscribe>]
[Sends<Symbols>, Sends<Tick>]
public partial interface ITickerContract;
