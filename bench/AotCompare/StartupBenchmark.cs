using System.Diagnostics;
using System.Net.WebSockets;

namespace AotCompare;

/// <summary>Time from process start to the first WebSocket the server accepts (its 101 upgrade).</summary>
internal static class StartupBenchmark
{
    // Between attempts while the server is not listening yet; it bounds the resolution of a measurement.
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Starts the server, connects as soon as it accepts, and returns how long that took.</summary>
    public static async Task<TimeSpan> MeasureAsync(string executable)
    {
        using var server = ServerProcess.Start(executable);
        using var socket = await ConnectWhenReadyAsync(server.ChatUri);
        var elapsed = Stopwatch.GetElapsedTime(server.StartTimestamp);
        socket.Abort();
        return elapsed;
    }

    /// <summary>Tries to open a WebSocket until the upgrade succeeds; a refused connection means "not yet".</summary>
    public static async Task<ClientWebSocket> ConnectWhenReadyAsync(Uri uri)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        while (true)
        {
            var socket = new ClientWebSocket();
            try
            {
                await socket.ConnectAsync(uri, timeout.Token);
                return socket;
            }
            catch (WebSocketException) when (!timeout.IsCancellationRequested)
            {
                socket.Dispose();
            }
            catch
            {
                socket.Dispose();
                throw;
            }
            await Task.Delay(RetryDelay, timeout.Token);
        }
    }
}
