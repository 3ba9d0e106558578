using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using TypedSockets.Client;

namespace TypedSockets.Testing;

/// <summary>
/// A typed client connected to a <see cref="SocketTestHost"/>, with what it received kept for
/// assertions. Send through <see cref="Client"/> (its generated methods, so requests, replies and
/// errors are the real ones); assert with <c>Expect…</c>, each of which takes the next frame it
/// matches and fails with the frames that arrived instead.
/// </summary>
/// <typeparam name="TClient">The generated client, e.g. <c>ChatClient</c>.</typeparam>
public sealed class SocketTestClient<TClient> : IAsyncDisposable
    where TClient : SocketEndpointClient, ISocketEndpointClient<TClient>
{
    private readonly SocketTestHostOptions _options;
    private readonly List<Frame> _frames = [];
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private InMemoryWebSocket? _socket;

    internal SocketTestClient(SocketTestHostOptions options) => _options = options;

    /// <summary>The typed client: send events and requests through it, or add handlers to it.</summary>
    public TClient Client { get; private set; } = null!;

    /// <summary>Every frame received so far, as JSON text, in order (replies to requests included).</summary>
    public IReadOnlyList<string> Frames
    {
        get
        {
            lock (_frames)
            {
                return [.. _frames.Select(f => f.Text)];
            }
        }
    }

    /// <summary>
    /// Takes the next <typeparamref name="TEvent"/> received and not yet taken, waiting for it up
    /// to <see cref="SocketTestHostOptions.ExpectTimeout"/>. Its data is read with the event's
    /// generated code, as the client reads it.
    /// </summary>
    /// <exception cref="SocketAssertionException">None arrived in time, or its data does not match the type.</exception>
    public Task<TEvent> ExpectAsync<TEvent>()
        where TEvent : ISocketEvent<TEvent> => ExpectAsync<TEvent>(static _ => true, null, null);

    /// <summary>Takes the next <typeparamref name="TEvent"/> not yet taken, waiting for it up to <paramref name="timeout"/>.</summary>
    /// <exception cref="SocketAssertionException">None arrived in time, or its data does not match the type.</exception>
    public Task<TEvent> ExpectAsync<TEvent>(TimeSpan timeout)
        where TEvent : ISocketEvent<TEvent> => ExpectAsync<TEvent>(static _ => true, null, timeout);

    /// <summary>Takes the next <typeparamref name="TEvent"/> that satisfies <paramref name="match"/>, skipping (and leaving) others.</summary>
    /// <exception cref="SocketAssertionException">None arrived in time, or a frame's data does not match the type.</exception>
    public Task<TEvent> ExpectAsync<TEvent>(Func<TEvent, bool> match)
        where TEvent : ISocketEvent<TEvent> => ExpectAsync(match, "matching the condition", null);

    /// <summary>Takes the next <typeparamref name="TEvent"/> that satisfies <paramref name="match"/>, waiting up to <paramref name="timeout"/>.</summary>
    /// <exception cref="SocketAssertionException">None arrived in time, or a frame's data does not match the type.</exception>
    public Task<TEvent> ExpectAsync<TEvent>(Func<TEvent, bool> match, TimeSpan timeout)
        where TEvent : ISocketEvent<TEvent> => ExpectAsync(match, "matching the condition", timeout);

    /// <summary>Takes the next <c>error</c> frame that answers no request (a refusal of an event sent without waiting).</summary>
    /// <exception cref="SocketAssertionException">None arrived in time.</exception>
    public async Task<SocketErrorException> ExpectErrorAsync(string? code = null, TimeSpan? timeout = null)
    {
        var what = code is null ? "an error frame" : $"an error frame with code '{code}'";
        var frame = await TakeAsync(f => f.Event == "error" && (code is null || ErrorCode(f) == code), what, timeout).ConfigureAwait(false);
        var data = frame.Data!.Value;
        return new SocketErrorException(data.GetProperty("code").GetString()!, data.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "");
    }

    /// <summary>
    /// Asserts that no frame arrives, beyond those already taken, within <paramref name="quiet"/>
    /// (default <see cref="SocketTestHostOptions.QuietPeriod"/>).
    /// </summary>
    /// <exception cref="SocketAssertionException">Something arrived.</exception>
    public Task ExpectNothingAsync(TimeSpan? quiet = null) => ExpectNoneAsync(static _ => true, "nothing", quiet);

    /// <summary>Asserts that no <typeparamref name="TEvent"/>, beyond those already taken, arrives within <paramref name="quiet"/>.</summary>
    /// <exception cref="SocketAssertionException">One arrived.</exception>
    public Task ExpectNothingAsync<TEvent>(TimeSpan? quiet = null)
        where TEvent : ISocketEvent<TEvent> => ExpectNoneAsync(f => f.Event == TEvent.EventName, $"no '{TEvent.EventName}'", quiet);

    /// <summary>
    /// Waits until the connection has ended and returns how: the close code the endpoint sent, or
    /// null when it ended without one (aborted).
    /// </summary>
    /// <exception cref="SocketAssertionException">It is still open after <paramref name="timeout"/>, or ended with another code than <paramref name="expected"/>.</exception>
    public async Task<WebSocketCloseStatus?> ExpectClosedAsync(WebSocketCloseStatus? expected = null, TimeSpan? timeout = null)
    {
        var wait = timeout ?? _options.ExpectTimeout;
        var deadline = DateTime.UtcNow + wait;
        while (Client.State != SocketClientState.Disconnected)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new SocketAssertionException($"Expected the connection to end within {Seconds(wait)}, but the client is {Client.State}.{Describe()}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(5)).ConfigureAwait(false);
        }
        if (expected is not null && Client.CloseStatus != expected)
        {
            throw new SocketAssertionException(
                $"Expected the connection to close with {(int)expected} {expected}, but it ended with {Code(Client.CloseStatus)} '{Client.CloseDescription}'.{Describe()}");
        }
        return Client.CloseStatus;
    }

    /// <summary>
    /// How many frames wait in the in-memory network for this client: sent by the endpoint, not
    /// yet read. At <see cref="SocketTestHostOptions.TransportCapacity"/> the endpoint's sends wait
    /// and its queue for the client starts to fill.
    /// </summary>
    public int WaitingFrames => _socket?.Waiting ?? 0;

    /// <summary>Stops reading, as a client that falls behind: the endpoint's frames back up into its queue.</summary>
    public void PauseReading() => Socket.PauseReading();

    /// <summary>Reads again after <see cref="PauseReading"/>.</summary>
    public void ResumeReading() => Socket.ResumeReading();

    /// <summary>
    /// Cuts the network between this client and the endpoint without a close: nothing more arrives
    /// either way and pings go unanswered, so only keep-alive, on the host's clock, ends it.
    /// </summary>
    public void CutOff() => Socket.CutOff();

    /// <summary>Disposes the client (it closes its connection first).</summary>
    public ValueTask DisposeAsync() => Client.DisposeAsync();

    internal void Attach(TClient client) => Client = client;

    internal void Connected(InMemoryWebSocket socket)
    {
        _socket = socket;
        socket.Received = Record;
    }

    internal static SocketConnectException Refused(Uri uri, HttpStatusCode status) =>
        new(uri, status, $"The app refused the connection to {uri.AbsolutePath} with {(int)status} {status}.", null);

    private InMemoryWebSocket Socket => _socket ?? throw new InvalidOperationException("The client is not connected.");

    private async Task<TEvent> ExpectAsync<TEvent>(Func<TEvent, bool> match, string? condition, TimeSpan? timeout)
        where TEvent : ISocketEvent<TEvent>
    {
        ArgumentNullException.ThrowIfNull(match);
        var what = condition is null ? $"'{TEvent.EventName}' ({typeof(TEvent).Name})" : $"'{TEvent.EventName}' ({typeof(TEvent).Name}) {condition}";
        TEvent? found = default;
        await TakeAsync(frame =>
        {
            if (frame.Event != TEvent.EventName)
            {
                return false;
            }
            var data = frame.Data is { } element ? element.GetRawText() : "null";
            if (!SocketJson.TryDeserialize<TEvent>(data, out var value, out var error))
            {
                throw new SocketAssertionException($"A '{TEvent.EventName}' arrived whose data does not match {typeof(TEvent).Name}: {error}. The frame: {frame.Text}");
            }
            if (!match(value))
            {
                return false;
            }
            found = value;
            return true;
        }, what, timeout).ConfigureAwait(false);
        return found!;
    }

    /// <summary>Takes the first frame not yet taken that <paramref name="match"/> accepts, waiting for one.</summary>
    private async Task<Frame> TakeAsync(Func<Frame, bool> match, string what, TimeSpan? timeout)
    {
        var wait = timeout ?? _options.ExpectTimeout;
        var deadline = DateTime.UtcNow + wait;
        var checkedCount = 0;
        while (true)
        {
            Task arrived;
            lock (_frames)
            {
                for (; checkedCount < _frames.Count; checkedCount++)
                {
                    var frame = _frames[checkedCount];
                    if (!frame.Taken && match(frame))
                    {
                        frame.Taken = true;
                        return frame;
                    }
                }
                arrived = _arrived.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(arrived, Task.Delay(left)).ConfigureAwait(false) != arrived)
            {
                if (Client.State == SocketClientState.Disconnected && checkedCount == _frames.Count)
                {
                    throw new SocketAssertionException($"Expected {what}, but the connection ended ({Code(Client.CloseStatus)} '{Client.CloseDescription}').{Describe()}");
                }
                throw new SocketAssertionException($"Expected {what} within {Seconds(wait)}, but it did not arrive.{Describe()}");
            }
        }
    }

    private async Task ExpectNoneAsync(Func<Frame, bool> match, string what, TimeSpan? quiet)
    {
        await Task.Delay(quiet ?? _options.QuietPeriod).ConfigureAwait(false);
        lock (_frames)
        {
            if (_frames.FirstOrDefault(f => !f.Taken && match(f)) is { } unexpected)
            {
                throw new SocketAssertionException($"Expected {what}, but {unexpected.Text} arrived.{Describe()}");
            }
        }
    }

    private void Record(WebSocketMessageType type, byte[] data)
    {
        var frame = new Frame(type == WebSocketMessageType.Text ? Encoding.UTF8.GetString(data) : $"(binary, {data.Length} bytes)");
        TaskCompletionSource arrived;
        lock (_frames)
        {
            _frames.Add(frame);
            arrived = _arrived;
            _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        arrived.TrySetResult();
    }

    /// <summary>The last frames received, those not yet taken marked, for a failure's message.</summary>
    private string Describe()
    {
        lock (_frames)
        {
            if (_frames.Count == 0)
            {
                return " No frame was received.";
            }
            var shown = _frames.TakeLast(_options.FramesShown).ToList();
            var builder = new StringBuilder();
            builder.Append(shown.Count == _frames.Count
                ? $" Frames received ({_frames.Count}; * not yet taken):"
                : $" Frames received (the last {shown.Count} of {_frames.Count}; * not yet taken):");
            foreach (var frame in shown)
            {
                builder.Append('\n').Append(frame.Taken ? "    " : "  * ").Append(frame.Text);
            }
            return builder.ToString();
        }
    }

    private static string? ErrorCode(Frame frame) =>
        frame.Data is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("code", out var code) ? code.GetString() : null;

    private static string Code(WebSocketCloseStatus? status) => status is { } s ? $"{(int)s} {s}" : "no close code";

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.###} s";

    /// <summary>A received frame: its text, its event name and data when it is a frame of the protocol, and whether an expectation took it.</summary>
    private sealed class Frame
    {
        public Frame(string text)
        {
            Text = text;
            try
            {
                using var document = JsonDocument.Parse(text);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("event", out var name) && name.ValueKind == JsonValueKind.String)
                {
                    Event = name.GetString();
                    Data = root.TryGetProperty("data", out var data) ? data.Clone() : null;
                    // Answers to the client's requests belong to those requests, not to expectations.
                    Taken = Event == "reply" || (Event == "error" && root.TryGetProperty("ref", out var @ref) && @ref.ValueKind != JsonValueKind.Null);
                }
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException)
            {
                // not JSON, or an event name that is not valid text: shown as it came, matched by nothing
            }
        }

        public string Text { get; }

        public string? Event { get; }

        public JsonElement? Data { get; }

        public bool Taken { get; set; }
    }
}

/// <summary>An expectation of a <see cref="SocketTestClient{TClient}"/> failed; the message shows what arrived instead.</summary>
public sealed class SocketAssertionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SocketAssertionException(string message)
        : base(message)
    {
    }
}
