using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace TypedSockets.Tests.Infrastructure;

/// <summary>A real <see cref="ClientWebSocket"/> with helpers that read frames as JSON, with timeouts.</summary>
public sealed class TestClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly ClientWebSocket _socket;

    private TestClient(ClientWebSocket socket) => _socket = socket;

    public WebSocketState State => _socket.State;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseDescription => _socket.CloseStatusDescription;

    public static async Task<TestClient> ConnectAsync(Uri uri)
    {
        var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(uri, timeout.Token);
        return new TestClient(socket);
    }

    public Task SendAsync(string json) => SendBytesAsync(Encoding.UTF8.GetBytes(json));

    public async Task SendBytesAsync(byte[] bytes, WebSocketMessageType type = WebSocketMessageType.Text, int fragmentSize = 0)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        if (fragmentSize <= 0)
        {
            await _socket.SendAsync(bytes, type, endOfMessage: true, timeout.Token);
            return;
        }
        for (var offset = 0; offset < bytes.Length; offset += fragmentSize)
        {
            var count = Math.Min(fragmentSize, bytes.Length - offset);
            await _socket.SendAsync(bytes.AsMemory(offset, count), type, endOfMessage: offset + count >= bytes.Length, timeout.Token);
        }
    }

    /// <summary>The next text frame, or null when the server closed the connection.</summary>
    public async Task<string?> ReceiveTextAsync(TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? Timeout);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cancellation.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }

    /// <summary>The next frame as JSON; fails when the connection closes instead.</summary>
    public async Task<JsonElement> ReceiveAsync(TimeSpan? timeout = null)
    {
        var text = await ReceiveTextAsync(timeout) ?? throw new InvalidOperationException(
            $"The server closed the connection ({CloseStatus} {CloseDescription}) instead of sending a frame.");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Frames until one with event <paramref name="eventName"/> arrives; returns that one.</summary>
    public async Task<JsonElement> ReceiveEventAsync(string eventName)
    {
        while (true)
        {
            var frame = await ReceiveAsync();
            if (frame.GetProperty("event").GetString() == eventName)
            {
                return frame;
            }
        }
    }

    /// <summary>
    /// Asserts that no frame arrives for a while, other than events named in <paramref name="ignore"/>
    /// (announcements such as connect hooks' that may still be on their way). Ends the client: a
    /// cancelled read aborts a WebSocket.
    /// </summary>
    public async Task AssertQuietAsync(int milliseconds = 300, params string[] ignore)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(milliseconds);
        try
        {
            while (true)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    return;
                }
                var text = await ReceiveTextAsync(left);
                if (text is null)
                {
                    Assert.Fail($"Expected no frame, got close {CloseStatus}");
                }
                var name = JsonDocument.Parse(text).RootElement.GetProperty("event").GetString();
                if (!ignore.Contains(name))
                {
                    Assert.Fail($"Expected no frame, got: {text}");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // nothing arrived: as expected
        }
    }

    /// <summary>Reads and discards frames until the server closes, without decoding them; returns its close status.</summary>
    public async Task<WebSocketCloseStatus?> DrainUntilCloseAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        while ((await _socket.ReceiveAsync(buffer, cancellation.Token)).MessageType != WebSocketMessageType.Close)
        {
        }
        return CloseStatus;
    }

    /// <summary>Reads until the server closes; returns its close status.</summary>
    public async Task<WebSocketCloseStatus?> ExpectCloseAsync()
    {
        while (await ReceiveTextAsync() is not null)
        {
        }
        return CloseStatus;
    }

    public async Task CloseAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(Timeout);
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await CloseAsync();
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // the server already went away
        }
        _socket.Dispose();
    }
}

public static class JsonAssert
{
    public static string Event(this JsonElement frame) => frame.GetProperty("event").GetString()!;

    public static JsonElement Data(this JsonElement frame) => frame.GetProperty("data");

    public static string Raw(this JsonElement element) => element.GetRawText();
}
