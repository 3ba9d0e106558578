using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;

namespace FanOut.Servers;

/// <summary>
/// The floor: a hand-written broadcast on Kestrel's WebSockets. Each inbound
/// <c>{"event":"publish"|"chat","data":…}</c> becomes one <c>{"event":"tick","data":…}</c> frame,
/// built once, then sent to each socket of a concurrent set in turn (everyone, or everyone but
/// the sender for chat). No queues and no parsing beyond a prefix check.
/// </summary>
internal sealed class RawServer
{
    public const string Path = "/ws/raw";

    private const int ReceiveBufferSize = 4 * 1024;

    private static readonly byte[] PublishPrefix = """{"event":"publish","data":"""u8.ToArray();
    private static readonly byte[] ChatPrefix = """{"event":"chat","data":"""u8.ToArray();
    private static readonly byte[] TickPrefix = """{"event":"tick","data":"""u8.ToArray();

    private readonly ConcurrentDictionary<WebSocket, byte> _sockets = new();

    public static void AddServices(IServiceCollection services) => services.AddSingleton<RawServer>();

    public static void Map(WebApplication app) =>
        app.Map(Path, (HttpContext context, RawServer server) => server.RunAsync(context));

    private async Task RunAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        _sockets.TryAdd(socket, 0);
        var buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan().CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), context.RequestAborted).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
                        return;
                    }
                    length += result.Count;
                }
                while (!result.EndOfMessage);
                await BroadcastAsync(socket, buffer.AsSpan(0, length)).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // the client went away
        }
        finally
        {
            _sockets.TryRemove(socket, out _);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Task BroadcastAsync(WebSocket sender, ReadOnlySpan<byte> message)
    {
        var toOthers = message.StartsWith(ChatPrefix);
        if (!toOthers && !message.StartsWith(PublishPrefix))
        {
            return Task.CompletedTask;
        }
        var data = message[(toOthers ? ChatPrefix : PublishPrefix).Length..];
        var frame = new byte[TickPrefix.Length + data.Length];
        TickPrefix.CopyTo(frame, 0);
        data.CopyTo(frame.AsSpan(TickPrefix.Length));
        return SendAsync(frame, toOthers ? sender : null);
    }

    private async Task SendAsync(byte[] frame, WebSocket? except)
    {
        foreach (var (socket, _) in _sockets)
        {
            if (socket == except)
            {
                continue;
            }
            try
            {
                await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or InvalidOperationException)
            {
                // that socket is closing; its own receive loop removes it
            }
        }
    }
}
