using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using System.Threading.Channels;
using TypedSockets.Serialization;

namespace TypedSockets;

/// <summary>
/// A client that lives in the server process: server components and tests add it to an endpoint
/// with <c>Join</c> and read what the endpoint sends it as JSON frames, without a network.
/// </summary>
public sealed class InProcessSocketClient : SocketClient, IAsyncDisposable
{
    private readonly Channel<string> _frames;
    private readonly CancellationTokenSource _disconnected = new();
    private readonly SemaphoreSlim _order = new(1, 1);
    private int _slow;

    /// <summary>Creates an in-process client.</summary>
    /// <param name="id">The client's id; a random one when omitted.</param>
    /// <param name="user">The client's user; anonymous when omitted.</param>
    /// <param name="capacity">How many frames may wait unread before the client counts as a slow consumer and is removed.</param>
    public InProcessSocketClient(string? id = null, ClaimsPrincipal? user = null, int capacity = 1024)
        : base(id, user)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _frames = Channel.CreateBounded<string>(new BoundedChannelOptions(capacity)
        {
            SingleReader = false,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <inheritdoc />
    public override CancellationToken Disconnected => _disconnected.Token;

    /// <summary>The frames sent to this client, as JSON text, in order.</summary>
    public ChannelReader<string> Frames => _frames.Reader;

    /// <summary>Reads the next frame, waiting for it.</summary>
    public ValueTask<string> ReadFrameAsync(CancellationToken cancellationToken = default) =>
        _frames.Reader.ReadAsync(cancellationToken);

    /// <summary>All frames as they arrive, until the client is closed.</summary>
    public IAsyncEnumerable<string> ReadAllFramesAsync(CancellationToken cancellationToken = default) =>
        _frames.Reader.ReadAllAsync(cancellationToken);

    /// <summary>
    /// Sends a protocol frame (e.g. <c>{"event":"say","data":{"text":"hi"}}</c>) to the client's
    /// endpoint as if it came over a WebSocket, and completes once it has been handled; replies
    /// and errors arrive on <see cref="Frames"/>.
    /// </summary>
    public async ValueTask PostAsync(string frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var manager = Manager ?? throw new InvalidOperationException(
            $"Client '{Id}' has not joined an endpoint; call the endpoint's Join first.");
        // One message at a time, as on a socket: a client's events are handled in order.
        await _order.WaitAsync().ConfigureAwait(false);
        try
        {
            SetCurrent(this);
            await manager.Host.Inbound.DispatchAsync(this, Encoding.UTF8.GetBytes(frame)).ConfigureAwait(false);
        }
        finally
        {
            _order.Release();
        }
    }

    /// <inheritdoc />
    public override ValueTask CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string? reason = null)
    {
        if (Manager is { } manager)
        {
            return manager.Host.LeaveAsync(this);
        }
        OnLeft();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Leaves the endpoint (if any), waiting for its disconnect hook, and ends <see cref="Frames"/>.
    /// A client the endpoint is already removing (it stopped, or found the client too slow) is
    /// not waited for.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Manager is { } manager)
        {
            await manager.Host.LeaveAsync(this).ConfigureAwait(false);
        }
        // The token source stays undisposed: a departure still under way reads Disconnected, and
        // a source without timers holds nothing to release.
        OnLeft();
    }

    internal override bool TryEnqueue(SocketFrame frame)
    {
        // In-process readers get their own copy as text: no buffer is shared with them.
        if (_frames.Writer.TryWrite(Encoding.UTF8.GetString(frame.Memory.Span)))
        {
            return true;
        }
        // Report once; the endpoint then removes the client, which ends Frames.
        if (Interlocked.Exchange(ref _slow, 1) == 0)
        {
            Manager?.OnSlowConsumer(this);
        }
        return false;
    }

    internal override void OnLeft()
    {
        _frames.Writer.TryComplete();
        _disconnected.Cancel();
    }
}
