using System.Net.WebSockets;
using System.Text;

namespace AotCompare;

/// <summary>
/// What a client says on top of the WebSocket to be a real chat participant: the opening it sends
/// after the upgrade, how it recognises its welcome, and what it sends to keep an idle connection.
/// </summary>
internal abstract class ChatProtocol
{
    public static readonly ChatProtocol TypedSockets = new TypedSocketsChatProtocol();
    public static readonly ChatProtocol SignalR = new SignalRChatProtocol();

    /// <summary>Bytes found in the message that carries the <c>welcome</c> event, and in no earlier one.</summary>
    public abstract ReadOnlyMemory<byte> WelcomeMarker { get; }

    /// <summary>A message the client sends now and then so the server keeps an idle connection; empty for none.</summary>
    public abstract ReadOnlyMemory<byte> KeepAliveMessage { get; }

    /// <summary>Sends what the client must send right after the upgrade.</summary>
    public abstract ValueTask OpenAsync(WebSocket socket, CancellationToken cancellationToken);

    /// <summary>
    /// TypedSockets: nothing to open with, the server sends <c>welcome</c> on its own. Keep-alive is
    /// WebSocket ping/pong, which ClientWebSocket answers while a receive is pending.
    /// </summary>
    private sealed class TypedSocketsChatProtocol : ChatProtocol
    {
        private static readonly byte[] Welcome = "\"event\":\"welcome\""u8.ToArray();

        public override ReadOnlyMemory<byte> WelcomeMarker => Welcome;

        public override ReadOnlyMemory<byte> KeepAliveMessage => ReadOnlyMemory<byte>.Empty;

        public override ValueTask OpenAsync(WebSocket socket, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    /// <summary>
    /// SignalR's JSON hub protocol straight over WebSockets (no negotiation): the handshake record,
    /// then the hub's <c>welcome</c> invocation. A SignalR server drops a client it has not heard
    /// from for 30 s, so the client sends a ping record, as SignalR's own clients do every 15 s.
    /// </summary>
    private sealed class SignalRChatProtocol : ChatProtocol
    {
        private const char RecordSeparator = '\u001e';
        private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator);
        private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}" + RecordSeparator);
        private static readonly byte[] Welcome = "\"target\":\"welcome\""u8.ToArray();

        public override ReadOnlyMemory<byte> WelcomeMarker => Welcome;

        public override ReadOnlyMemory<byte> KeepAliveMessage => Ping;

        public override ValueTask OpenAsync(WebSocket socket, CancellationToken cancellationToken) =>
            socket.SendAsync(Handshake.AsMemory(), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }
}
