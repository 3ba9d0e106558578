using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TypedSockets.Client;
using TypedSockets.Tests.Infrastructure;

namespace TypedSockets.Tests.Client;

/// <summary>The typed client across a server restart: it backs off, comes back by itself and lets the app restore its state.</summary>
public sealed class ReconnectTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_client_reconnects_after_the_server_restarts_with_backoff_and_runs_its_hook()
    {
        var server = await SocketServer.StartAsync();
        var address = server.BaseAddress;
        var options = new SocketClientOptions
        {
            Reconnect = { BaseDelay = TimeSpan.FromMilliseconds(40), MaxDelay = TimeSpan.FromMilliseconds(320) },
        };
        await using var client = new ClientTestClient(options);
        var attempts = new ConcurrentQueue<SocketClientReconnectingEventArgs>();
        var states = new ConcurrentQueue<SocketClientState>();
        var hooks = 0;
        client.Reconnecting += (_, e) => attempts.Enqueue(e);
        client.StateChanged += (_, e) => states.Enqueue(e.Current);
        client.OnReconnected(async cancellationToken =>
        {
            // The hook runs on the new connection before the client says it is connected.
            Assert.Equal(SocketClientState.Reconnecting, client.State);
            await client.EchoAsync(new Echo("from the hook"), cancellationToken);
            Interlocked.Increment(ref hooks);
        });
        await client.ConnectAsync(address);
        var pending = client.StallAsync(new Stall(10_000));

        await server.DisposeAsync();
        // A request in flight when the connection is lost fails; it does not hang.
        await Assert.ThrowsAsync<SocketDisconnectedException>(() => pending.WaitAsync(Wait));
        await SocketServer.WaitUntilAsync(() => attempts.Count >= 4, (int)Wait.TotalMilliseconds);
        Assert.Equal(SocketClientState.Reconnecting, client.State);
        await Assert.ThrowsAsync<SocketDisconnectedException>(() => client.EchoAsync(new Echo("while down")));

        await using var restarted = await SocketServer.StartAsync(url: address.ToString());
        await SocketServer.WaitUntilAsync(() => client.State == SocketClientState.Connected, (int)Wait.TotalMilliseconds);

        Assert.Equal("back", (await client.EchoAsync(new Echo("back"))).Text);
        Assert.Equal(1, hooks);
        var seen = attempts.ToArray();
        Assert.Equal(Enumerable.Range(1, seen.Length), seen.Select(a => a.Attempt));
        foreach (var attempt in seen)
        {
            // Full jitter: anywhere from zero up to the attempt's doubling ceiling, capped.
            var ceiling = Math.Min(320, 40 * Math.Pow(2, attempt.Attempt - 1));
            Assert.InRange(attempt.Delay.TotalMilliseconds, 0, ceiling);
        }
        Assert.All(seen.Skip(1), attempt => Assert.IsType<SocketConnectException>(attempt.Error));
        Assert.Equal(
            [SocketClientState.Connecting, SocketClientState.Connected, SocketClientState.Reconnecting, SocketClientState.Connected],
            states);
    }

    [Fact]
    public async Task The_client_gives_up_after_its_maximum_attempts()
    {
        var server = await SocketServer.StartAsync();
        var options = new SocketClientOptions
        {
            Reconnect = { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(20), MaxAttempts = 3 },
        };
        await using var client = new ClientTestClient(options);
        var attempts = 0;
        client.Reconnecting += (_, _) => Interlocked.Increment(ref attempts);
        var gaveUp = new TaskCompletionSource<SocketClientStateChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.StateChanged += (_, e) =>
        {
            if (e.Current == SocketClientState.Disconnected)
            {
                gaveUp.TrySetResult(e);
            }
        };
        await client.ConnectAsync(server.BaseAddress);

        await server.DisposeAsync();
        var final = await gaveUp.Task.WaitAsync(Wait);

        Assert.Equal(3, attempts);
        Assert.Equal(SocketClientState.Reconnecting, final.Previous);
        // Every attempt after the server went away failed to connect.
        Assert.IsType<SocketConnectException>(final.Error);
    }

    [Fact]
    public async Task A_server_that_accepts_and_closes_at_once_meets_growing_delays_and_the_attempt_limit()
    {
        await using var server = await SocketServer.StartAsync(_ => { }, app => app.Map("/ws/client-test", async context =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, "go away", default);
        }));
        var options = new SocketClientOptions
        {
            Reconnect = { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(40), MaxAttempts = 4 },
        };
        await using var client = new ClientTestClient(options);
        var attempts = new ConcurrentQueue<int>();
        client.Reconnecting += (_, e) => attempts.Enqueue(e.Attempt);

        await client.ConnectAsync(server.BaseAddress);
        await SocketServer.WaitUntilAsync(() => client.State == SocketClientState.Disconnected, (int)Wait.TotalMilliseconds);

        // Each reconnect succeeds and is closed at once: the numbering goes on, it does not restart.
        Assert.Equal([1, 2, 3, 4], attempts);
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
    }

    [Fact]
    public async Task Without_reconnect_a_lost_connection_leaves_the_client_disconnected()
    {
        var server = await SocketServer.StartAsync();
        await using var client = new ClientTestClient(new SocketClientOptions { Reconnect = { Enabled = false } });
        await client.ConnectAsync(server.BaseAddress);

        await server.DisposeAsync();
        await SocketServer.WaitUntilAsync(() => client.State == SocketClientState.Disconnected, (int)Wait.TotalMilliseconds);

        // It may connect again by hand.
        await using var restarted = await SocketServer.StartAsync();
        await client.ConnectAsync(restarted.BaseAddress);
        Assert.Equal("again", (await client.EchoAsync(new Echo("again"))).Text);
    }
}
