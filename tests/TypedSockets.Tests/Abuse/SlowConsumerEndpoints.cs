namespace TypedSockets.Tests.Abuse;

/// <summary>Broadcast only, with the default slow-consumer policy (disconnect).</summary>
[SocketEndpoint("flood")]
[Sends<Flood>, Sends<Level>]
public sealed partial class FloodEndpoint : SocketEndpoint;

/// <summary>Broadcast only, dropping a slow client's oldest frames instead of disconnecting it.</summary>
[SocketEndpoint("flood-drop", SlowConsumerPolicy = SlowConsumerPolicy.DropOldest)]
[Sends<Flood>]
public sealed partial class DropOldestFloodEndpoint : SocketEndpoint;

/// <summary>One numbered event of a flood; <c>Pad</c> sets its size.</summary>
[SocketEvent("flood")]
public sealed partial record Flood(long Seq, string Pad);

/// <summary>A reading where only the latest matters.</summary>
[SocketEvent("level", Volatile = true)]
public sealed partial record Level(long Seq, string Pad);
