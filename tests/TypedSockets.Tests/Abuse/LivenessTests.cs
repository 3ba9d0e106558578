using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using TypedSockets.Tests.Infrastructure;

namespace TypedSockets.Tests.Abuse;

/// <summary>
/// Connections that stop answering: keep-alive pings with a timeout clean them up, and Kestrel's
/// request-headers timeout bounds a handshake that never finishes. The intervals are short here;
/// the defaults are 15 s, 30 s and 30 s.
/// </summary>
public sealed class LivenessTests : IAsyncLifetime
{
    private const string Path = "/ws/abuse";
    private static readonly TimeSpan Detection = TimeSpan.FromSeconds(15);
    private SocketServer _server = null!;

    private AbuseEndpoint Endpoint => _server.Services.GetRequiredService<AbuseEndpoint>();

    public async Task InitializeAsync() => _server = await AbuseServer.StartAsync(
        o =>
        {
            o.KeepAliveInterval = TimeSpan.FromSeconds(1);
            o.ClientTimeout = TimeSpan.FromSeconds(2);
        },
        builder => builder.WebHost.ConfigureKestrel(k => k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(1)));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_client_that_never_reads_so_never_answers_pings_is_aborted_and_leaves_the_endpoint()
    {
        using var socket = new ClientWebSocket();
        // No unsolicited pongs of its own either: the client is silent after the handshake.
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(_server.WebSocketUri(Path), timeout.Token);
        await SocketServer.WaitUntilAsync(() => Endpoint.Clients.Count == 1);

        await SocketServer.WaitUntilAsync(() => Endpoint.Clients.Count == 0, (int)Detection.TotalMilliseconds);
    }

    [Fact]
    public async Task A_client_that_reads_answers_pings_and_stays_connected_past_the_timeout()
    {
        await using var client = await _server.ConnectAsync(Path);
        await SocketServer.WaitUntilAsync(() => Endpoint.Clients.Count == 1);
        // A pending read is what makes a WebSocket client answer pings.
        var reading = client.ReceiveTextAsync(TimeSpan.FromSeconds(30));

        await Task.Delay(TimeSpan.FromSeconds(4.5));

        Assert.Single(Endpoint.Clients);
        Assert.False(reading.IsCompleted, "the server ended the connection of a client that answers pings");
        await Endpoint.Broadcast(new Observed("still connected"));
        Assert.Contains("still connected", await reading, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_half_open_connection_is_detected_and_removed()
    {
        // The upgrade done by hand; then the peer is gone without a FIN: it neither reads nor writes.
        using var tcp = await RawUpgradeAsync(Path);
        await SocketServer.WaitUntilAsync(() => Endpoint.Clients.Count == 1);

        await SocketServer.WaitUntilAsync(() => Endpoint.Clients.Count == 0, (int)Detection.TotalMilliseconds);
        Assert.True(await ReadsToEndAsync(tcp.GetStream()), "the server left the aborted connection open");
    }

    [Fact]
    public async Task A_handshake_whose_headers_never_finish_is_dropped_by_Kestrels_request_headers_timeout()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_server.BaseAddress.Host, _server.BaseAddress.Port);
        var stream = tcp.GetStream();

        // A slowloris: part of the upgrade request, and never the blank line that ends the headers.
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"GET {Path} HTTP/1.1\r\nHost: {_server.BaseAddress.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"));

        Assert.True(await ReadsToEndAsync(stream), "the server kept a handshake with unfinished headers open");
        Assert.Empty(Endpoint.Clients);
    }

    /// <summary>A TCP connection that has done the WebSocket upgrade by hand and then does nothing.</summary>
    private async Task<TcpClient> RawUpgradeAsync(string path)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(_server.BaseAddress.Host, _server.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"GET {path} HTTP/1.1\r\nHost: {_server.BaseAddress.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"));
        var response = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var one = new byte[1];
        while (!response.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            // One byte at a time, so nothing after the response's headers is consumed.
            Assert.Equal(1, await stream.ReadAsync(one, timeout.Token));
            response.Append((char)one[0]);
        }
        Assert.StartsWith("HTTP/1.1 101", response.ToString(), StringComparison.Ordinal);
        return tcp;
    }

    /// <summary>Reads (and discards) until the server closes or resets the connection; false when it does not within the detection time.</summary>
    private static async Task<bool> ReadsToEndAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(Detection);
        var buffer = new byte[4096];
        try
        {
            while (await stream.ReadAsync(buffer, timeout.Token) > 0)
            {
            }
            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
