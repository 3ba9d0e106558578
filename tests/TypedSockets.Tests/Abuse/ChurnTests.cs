using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TypedSockets.Endpoints;
using TypedSockets.Serialization;
using TypedSockets.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TypedSockets.Tests.Abuse;

/// <summary>Connections come and go by the thousand, some torn down mid-message: nothing stays behind.</summary>
[Collection(SerialCollection.Name)]
public sealed class ChurnTests(ITestOutputHelper output)
{
    private const int Cycles = 10_000;
    private const int Workers = 16;

    [Fact]
    public async Task Ten_thousand_connect_disconnect_cycles_leave_no_client_group_connection_frame_or_heap_behind()
    {
        // The test log keeps every entry; at Information, ASP.NET Core's two per request would fill it.
        await using var server = await SocketServer.StartAsync(
            builder =>
            {
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                builder.Services.AddSingleton<TestLog>();
                builder.Services.AddTypedSockets(o => o.RateLimit = null);
            },
            app => app.MapTypedSockets());
        var endpoint = server.Services.GetRequiredService<ChurnEndpoint>();
        var host = server.Services.GetRequiredService<SocketEndpointHost<ChurnEndpoint>>();
        var uri = server.WebSocketUri("/ws/churn");
        // Warm up (JIT, pools, Kestrel's buffers), then take the baseline.
        await RunCyclesAsync(uri, 1_000);
        await SocketServer.WaitUntilAsync(() => host.ConnectionCount == 0, 30_000);
        var framesBefore = SocketFrame.Live;
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);

        var outcomes = await RunCyclesAsync(uri, Cycles);

        await SocketServer.WaitUntilAsync(() => host.ConnectionCount == 0 && endpoint.Clients.Count == 0, 30_000);
        Assert.Empty(endpoint.GroupMembers("everyone"));
        Assert.All(Enumerable.Range(0, ChurnEndpoint.GroupCount), g => Assert.Empty(endpoint.GroupMembers("g" + g)));
        Assert.Equal(framesBefore, SocketFrame.Live);
        var heapGrowth = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        output.WriteLine($"{Cycles:N0} cycles ({outcomes}); managed heap after GC: {heapGrowth / 1024.0:+#,0;-#,0} KiB");
        // 10,000 leaked connections would hold tens of MiB (queues, buffers, clients); pools may keep a little.
        Assert.InRange(heapGrowth, long.MinValue, 4L * 1024 * 1024);
        // And the endpoint still serves.
        await using var client = await server.ConnectAsync("/ws/churn");
        await client.ReceiveEventAsync("churn_welcome");
        await client.SendAsync("""{"event":"churn_echo","data":{"text":"still here"},"ref":1}""");
        Assert.Equal("still here", (await client.ReceiveEventAsync("reply")).Data().Data().GetProperty("text").GetString());
    }

    /// <summary>Runs the cycles on a few workers; each cycle ends one of four ways.</summary>
    private static async Task<string> RunCyclesAsync(Uri uri, int cycles)
    {
        var next = -1;
        var counts = new int[4];
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            int cycle;
            while ((cycle = Interlocked.Increment(ref next)) < cycles)
            {
                var kind = cycle % 4;
                await CycleAsync(uri, kind, cycle);
                Interlocked.Increment(ref counts[kind]);
            }
        })));
        return $"{counts[0]} closed cleanly after an echo, {counts[1]} aborted mid-message, " +
               $"{counts[2]} aborted at once, {counts[3]} closed while frames were on their way";
    }

    private static async Task CycleAsync(Uri uri, int kind, int cycle)
    {
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(uri, timeout.Token);
        var buffer = new byte[1024];
        switch (kind)
        {
            case 0:
                await socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
                await socket.SendAsync(Encoding.UTF8.GetBytes($$"""{"event":"churn_echo","data":{"text":"{{cycle}}"},"ref":1}"""), WebSocketMessageType.Text, true, timeout.Token);
                await socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                break;
            case 1:
                // The first half of a message, then the connection is torn down.
                await socket.SendAsync("""{"event":"churn_echo","data":{"te"""u8.ToArray(), WebSocketMessageType.Text, endOfMessage: false, timeout.Token);
                socket.Abort();
                break;
            case 2:
                socket.Abort();
                break;
            default:
                await socket.SendAsync(Encoding.UTF8.GetBytes($$$"""{"event":"churn_echo","data":{"text":"{{{cycle}}}"}}"""), WebSocketMessageType.Text, true, timeout.Token);
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                break;
        }
    }
}
