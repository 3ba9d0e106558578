using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TypedSockets.Client;
using TypedSockets.Tests.Infrastructure;

namespace TypedSockets.Tests.Client;

/// <summary>What the typed client puts in its handshake, and how its keep-alive finds a server that went silent.</summary>
public sealed class HandshakeTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_bearer_token_and_the_websocket_options_reach_the_server()
    {
        // A server that tells the client, in a noted event, what its handshake carried.
        await using var server = await SocketServer.StartAsync(_ => { }, app => app.Map("/ws/headers", async context =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var noted = """{"event":"cl_noted","data":{"text":"AUTH","from":"CUSTOM"}}"""
                .Replace("AUTH", context.Request.Headers.Authorization, StringComparison.Ordinal)
                .Replace("CUSTOM", context.Request.Headers["X-Custom"], StringComparison.Ordinal);
            await socket.SendAsync(Encoding.UTF8.GetBytes(noted), WebSocketMessageType.Text, true, default);
            await socket.ReceiveAsync(new byte[16], default);
        }));
        var tokens = 0;
        var options = new SocketClientOptions
        {
            AccessTokenProvider = _ => ValueTask.FromResult<string?>("token-" + Interlocked.Increment(ref tokens)),
            ConfigureWebSocket = socket => socket.SetRequestHeader("X-Custom", "custom value"),
        };
        await using var client = new ClientTestClient(options);
        var noted = new TaskCompletionSource<Noted>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.OnNoted(n => noted.TrySetResult(n));

        await client.ConnectAsync(server.WebSocketUri("/ws/headers"));

        var seen = await noted.Task.WaitAsync(Wait);
        Assert.Equal("Bearer token-1", seen.Text);
        Assert.Equal("custom value", seen.From);
    }

    [Fact]
    public async Task Keep_alive_finds_a_server_that_went_silent_and_the_client_reconnects()
    {
        // A server that completes the WebSocket handshake and then never reads or answers a ping.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var silent = new List<TcpClient>();
        var accepting = Task.Run(async () =>
        {
            while (true)
            {
                var connection = await listener.AcceptTcpClientAsync();
                silent.Add(connection);
                var stream = connection.GetStream();
                var request = new StringBuilder();
                var buffer = new byte[4096];
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    request.Append(Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer)));
                }
                var key = request.ToString().Split("\r\n").First(l => l.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))[18..].Trim();
#pragma warning disable CA5350 // SHA-1 is what RFC 6455 prescribes for the accept key
                var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
#pragma warning restore CA5350
                await stream.WriteAsync(Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"));
            }
        });
        var options = new SocketClientOptions
        {
            KeepAliveInterval = TimeSpan.FromMilliseconds(100),
            KeepAliveTimeout = TimeSpan.FromMilliseconds(200),
            Reconnect = { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(10), MaxAttempts = 1 },
        };
        await using var client = new ClientTestClient(options);
        var states = new List<SocketClientState>();
        client.StateChanged += (_, e) =>
        {
            lock (states)
            {
                states.Add(e.Current);
            }
            if (e.Current == SocketClientState.Reconnecting)
            {
                // The server is gone for good: the one reconnect attempt fails.
                listener.Stop();
            }
        };

        await client.ConnectAsync(new Uri($"ws://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/ws/silent"));
        await SocketServer.WaitUntilAsync(() => client.State == SocketClientState.Disconnected, (int)Wait.TotalMilliseconds);

        // Connected, lost to keep-alive (no close frame ever came), one failed attempt, given up.
        lock (states)
        {
            Assert.Equal(
                [SocketClientState.Connecting, SocketClientState.Connected, SocketClientState.Reconnecting, SocketClientState.Disconnected],
                states);
        }
        Assert.Null(client.CloseStatus);
        try
        {
            await accepting;
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // the accept loop ends with the listener
        }
        foreach (var connection in silent)
        {
            connection.Dispose();
        }
    }
}
