using System.Net.WebSockets;
using System.Security.Claims;
using System.Security.Cryptography;
using TypedSockets.Endpoints;
using TypedSockets.Serialization;

namespace TypedSockets;

/// <summary>
/// One participant of an endpoint: a WebSocket connection, or an <see cref="InProcessSocketClient"/>
/// that server code or a test adds with <c>Join</c>. Each client has its own bounded outbound
/// queue, so one slow client never holds up another.
/// </summary>
public abstract class SocketClient
{
    private static readonly AsyncLocal<SocketClient?> CurrentClient = new();
    private Dictionary<object, object?>? _items;

    private protected SocketClient(string? id, ClaimsPrincipal? user)
    {
        Id = id ?? NewId();
        User = user ?? new ClaimsPrincipal(new ClaimsIdentity());
    }

    /// <summary>
    /// The client whose event is being handled, inside a handler or a connect/disconnect hook;
    /// <see langword="null"/> elsewhere.
    /// </summary>
    public static SocketClient? Current => CurrentClient.Value;

    /// <summary>The client's id, unique among the clients of a server.</summary>
    public string Id { get; }

    /// <summary>The authenticated user of the connection's HTTP request (anonymous when none).</summary>
    public ClaimsPrincipal User { get; }

    /// <summary>Per-client state for the app's own use.</summary>
    public IDictionary<object, object?> Items => _items ??= [];

    /// <summary>The groups the client is in, a snapshot.</summary>
    public IReadOnlyCollection<string> Groups => Manager?.GroupsOf(this) ?? [];

    /// <summary>Whether the client is in <paramref name="group"/>.</summary>
    public bool IsInGroup(string group) => Manager?.IsInGroup(this, group) ?? false;

    /// <summary>Cancelled when the client disconnects or leaves its endpoint.</summary>
    public abstract CancellationToken Disconnected { get; }

    /// <summary>
    /// Queues an event for this client alone. Inside an endpoint class the event must be one the
    /// endpoint declares (<see cref="SendsAttribute{TEvent}"/>, TSK022); elsewhere call
    /// <c>SendTo(client, value)</c> on the endpoint instead (TSK023), so the send is checked
    /// against its contract.
    /// </summary>
    /// <typeparam name="TEvent">A <see cref="SocketEventAttribute"/> type (TSK021 otherwise).</typeparam>
    /// <exception cref="InvalidOperationException">The client's endpoint does not declare <typeparamref name="TEvent"/>.</exception>
    public ValueTask SendAsync<[SocketEventTypeParameter(SocketEventDirection.Outbound)] TEvent>(TEvent value)
    {
        Manager?.Host.CheckOutbound<TEvent>();
        return Send(value);
    }

    /// <summary>Frames and queues an event the caller has already checked against the contract.</summary>
    internal ValueTask Send<TEvent>(TEvent value)
    {
        var frame = FrameWriter.Event(SocketEventCodec<TEvent>.Instance, value);
        Deliver(frame);
        frame.Release();
        return ValueTask.CompletedTask;
    }

    /// <summary>Closes the client's connection after its queued frames are sent.</summary>
    public abstract ValueTask CloseAsync(
        WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure,
        string? reason = null);

    /// <summary>The client's id.</summary>
    public override string ToString() => Id;

    /// <summary>The endpoint the client belongs to, while it belongs to one.</summary>
    internal SocketEndpointManager? Manager { get; set; }

    /// <summary>An invocation to reuse for the client's next inbound message, if one is free.</summary>
    internal Endpoints.SocketInvocation? SpareInvocation;

    /// <summary>
    /// Queues <paramref name="frame"/>, taking a reference of its own when it keeps it. Returns
    /// <see langword="false"/> when the queue is full and the endpoint's policy has been applied.
    /// </summary>
    internal abstract bool TryEnqueue(SocketFrame frame);

    /// <summary>Queues <paramref name="frame"/>, applying the slow-consumer policy when the queue is full.</summary>
    internal void Deliver(SocketFrame frame) => TryEnqueue(frame);

    /// <summary>Called once the client has left its endpoint for good.</summary>
    internal virtual void OnLeft()
    {
    }

    internal static void SetCurrent(SocketClient? client) => CurrentClient.Value = client;

    private static string NewId()
    {
        // 10 random bytes as 16 lowercase base-32 characters: short, URL-safe, unguessable.
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        Span<byte> bytes = stackalloc byte[10];
        RandomNumberGenerator.Fill(bytes);
        Span<char> chars = stackalloc char[16];
        ulong bits = 0;
        int bitCount = 0, next = 0;
        foreach (var b in bytes)
        {
            bits = (bits << 8) | b;
            bitCount += 8;
            while (bitCount >= 5)
            {
                bitCount -= 5;
                chars[next++] = alphabet[(int)((bits >> bitCount) & 31)];
            }
        }
        return new string(chars);
    }
}
