using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TypedSockets.Tests.Infrastructure;

namespace TypedSockets.Tests;

/// <summary>The endpoint operations: broadcast, all-but-sender, groups, hooks, Stop, injection, observers.</summary>
public sealed class EndpointTests : IAsyncLifetime
{
    private SocketServer _server = null!;

    private TestEndpoint Endpoint => _server.Services.GetRequiredService<TestEndpoint>();

    public async Task InitializeAsync() => _server = await SocketServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Connect_hook_tells_the_others_and_disconnect_hook_tells_the_rest()
    {
        await using var first = await _server.ConnectAsync();
        await WaitForClientsAsync(1);
        var second = await _server.ConnectAsync();

        var hello = await first.ReceiveEventAsync("hello");
        var secondId = hello.Data().GetProperty("id").GetString()!;
        Assert.Contains($"connect {secondId}", _server.Log.Entries);

        await second.CloseAsync();
        var bye = await first.ReceiveEventAsync("bye");
        Assert.Equal(secondId, bye.Data().GetProperty("id").GetString());
        await SocketServer.WaitUntilAsync(() => _server.Log.Entries.Contains($"disconnect {secondId}"));
        await second.DisposeAsync();
    }

    [Fact]
    public async Task BroadcastFrom_reaches_everyone_but_the_sender()
    {
        await using var a = await _server.ConnectAsync();
        await using var b = await _server.ConnectAsync();
        await using var c = await _server.ConnectAsync();
        await WaitForClientsAsync(3);

        await a.SendAsync("""{"event":"shout","data":{"text":"hey"},"ref":"s"}""");

        var fromB = await b.ReceiveEventAsync("heard");
        var fromC = await c.ReceiveEventAsync("heard");
        Assert.Equal("hey", fromB.Data().GetProperty("text").GetString());
        Assert.Equal(fromB.Raw(), fromC.Raw());
        // The sender gets its reply and nothing else for the shout.
        var next = await a.ReceiveAsync();
        while (next.Event() == "hello")
        {
            next = await a.ReceiveAsync();
        }
        Assert.Equal("""{"event":"reply","ref":"s","data":null}""", next.Raw());
        await a.AssertQuietAsync(ignore: "hello");
    }

    [Fact]
    public async Task Server_code_that_injects_the_endpoint_broadcasts_to_every_client()
    {
        await using var a = await _server.ConnectAsync();
        await using var b = await _server.ConnectAsync();
        await WaitForClientsAsync(2);

        await Endpoint.Broadcast(new Observed("from the server"));

        Assert.Equal("from the server", (await a.ReceiveEventAsync("observed")).Data().GetProperty("note").GetString());
        Assert.Equal("from the server", (await b.ReceiveEventAsync("observed")).Data().GetProperty("note").GetString());
    }

    [Fact]
    public async Task SendTo_reaches_one_client_only()
    {
        await using var a = await _server.ConnectAsync();
        await WaitForClientsAsync(1);
        await using var b = await _server.ConnectAsync();
        var bId = (await a.ReceiveEventAsync("hello")).Data().GetProperty("id").GetString();
        var target = Endpoint.Clients.Single(c => c.Id == bId);

        await Endpoint.SendTo(target, new Observed("just you"));

        Assert.Equal("just you", (await b.ReceiveEventAsync("observed")).Data().GetProperty("note").GetString());
        await a.AssertQuietAsync();
    }

    [Fact]
    public async Task Groups_carry_events_to_their_other_members_only()
    {
        await using var a = await _server.ConnectAsync();
        await using var b = await _server.ConnectAsync();
        await using var c = await _server.ConnectAsync();
        await WaitForClientsAsync(3);

        await a.SendAsync("""{"event":"enter","data":{"group":"g1"},"ref":1}""");
        await b.SendAsync("""{"event":"enter","data":{"group":"g1"},"ref":1}""");
        await a.ReceiveEventAsync("reply");
        await b.ReceiveEventAsync("reply");
        Assert.Equal(2, Endpoint.GroupMembers("g1").Count);

        await a.SendAsync("""{"event":"group_shout","data":{"group":"g1","text":"in g1"}}""");
        Assert.Equal("in g1", (await b.ReceiveEventAsync("heard")).Data().GetProperty("text").GetString());

        await c.SendAsync("""{"event":"group_shout","data":{"group":"g1","text":"intruder"},"ref":"x"}""");
        var refused = await c.ReceiveEventAsync("error");
        Assert.Equal("forbidden", refused.Data().GetProperty("code").GetString());
        Assert.Equal("\"x\"", refused.GetProperty("ref").Raw());

        await b.SendAsync("""{"event":"exit","data":{"group":"g1"},"ref":2}""");
        await b.ReceiveEventAsync("reply");
        Assert.Single(Endpoint.GroupMembers("g1"));
        await a.SendAsync("""{"event":"group_shout","data":{"group":"g1","text":"alone"},"ref":3}""");
        await a.ReceiveEventAsync("reply");
        await b.AssertQuietAsync(ignore: "hello");
    }

    [Fact]
    public async Task A_disconnected_client_leaves_its_groups()
    {
        var a = await _server.ConnectAsync();
        await WaitForClientsAsync(1);
        await a.SendAsync("""{"event":"enter","data":{"group":"g"},"ref":1}""");
        await a.ReceiveEventAsync("reply");
        Assert.Single(Endpoint.GroupMembers("g"));

        await a.CloseAsync();
        await a.DisposeAsync();

        await WaitForClientsAsync(0);
        Assert.Empty(Endpoint.GroupMembers("g"));
    }

    [Fact]
    public async Task Stop_closes_every_client_with_1001_and_the_next_connection_starts_afresh()
    {
        await using var a = await _server.ConnectAsync();
        await using var b = await _server.ConnectAsync();
        await WaitForClientsAsync(2);
        await a.SendAsync("""{"event":"enter","data":{"group":"g"},"ref":1}""");
        await a.ReceiveEventAsync("reply");

        await Endpoint.Stop();

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await a.ExpectCloseAsync());
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await b.ExpectCloseAsync());
        Assert.Equal("endpoint stopped", a.CloseDescription);
        await WaitForClientsAsync(0);
        Assert.Empty(Endpoint.GroupMembers("g"));

        await using var c = await _server.ConnectAsync();
        await WaitForClientsAsync(1);
        await c.SendAsync("""{"event":"echo","data":{"text":"again"},"ref":"r"}""");
        Assert.Equal("again", (await c.ReceiveEventAsync("reply")).Data().Data().GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_handler_can_stop_its_own_endpoint()
    {
        await using var a = await _server.ConnectAsync();
        await WaitForClientsAsync(1);

        await a.SendAsync("""{"event":"stop_all","ref":"s"}""");

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await a.ExpectCloseAsync());
    }

    [Fact]
    public async Task Subscribers_observe_inbound_events_before_the_handler()
    {
        var seen = new List<(string Client, string Text)>();
        using var subscription = Endpoint.Subscribe<Echo>((client, echo) =>
        {
            lock (seen)
            {
                seen.Add((client.Id, echo.Text));
            }
        });
        await using var a = await _server.ConnectAsync();
        await WaitForClientsAsync(1);

        await a.SendAsync("""{"event":"echo","data":{"text":"watched"},"ref":1}""");
        await a.ReceiveEventAsync("reply");

        lock (seen)
        {
            Assert.Equal([(Endpoint.Clients[0].Id, "watched")], seen);
        }
    }

    [Fact]
    public async Task ReadEventsAsync_streams_inbound_events_even_without_a_handler()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var stream = Endpoint.ReadEventsAsync<Observed>(cancel.Token).GetAsyncEnumerator(cancel.Token);
        var next = stream.MoveNextAsync();
        await using var a = await _server.ConnectAsync();
        await WaitForClientsAsync(1);

        // 'observed' has no handler: it is accepted only because a reader is subscribed.
        await a.SendAsync("""{"event":"observed","data":{"note":"n1"},"ref":"o"}""");

        Assert.True(await next);
        Assert.Equal("n1", stream.Current.Event.Note);
        Assert.Same(Endpoint.Clients[0], stream.Current.Client);
        Assert.Equal("""{"event":"reply","ref":"o","data":null}""", (await a.ReceiveEventAsync("reply")).Raw());
        await stream.DisposeAsync();

        await a.SendAsync("""{"event":"observed","data":{"note":"n2"},"ref":"p"}""");
        Assert.Equal("unknown_event", (await a.ReceiveEventAsync("error")).Data().GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_in_process_client_takes_part_without_a_network()
    {
        await using var socket = await _server.ConnectAsync();
        await WaitForClientsAsync(1);
        await using var local = new InProcessSocketClient("local-1");

        await Endpoint.Join(local);
        Assert.Equal(2, Endpoint.Clients.Count);
        Assert.Equal("local-1", (await socket.ReceiveEventAsync("hello")).Data().GetProperty("id").GetString());

        await socket.SendAsync("""{"event":"shout","data":{"text":"to local"}}""");
        var heard = JsonDocument.Parse(await local.ReadFrameAsync()).RootElement;
        Assert.Equal("heard", heard.Event());
        Assert.Equal("to local", heard.Data().GetProperty("text").GetString());

        await local.PostAsync("""{"event":"echo","data":{"text":"local"},"ref":9}""");
        Assert.Equal("""{"event":"reply","ref":9,"data":{"event":"echoed","data":{"text":"local","length":5}}}""", await local.ReadFrameAsync());

        await Endpoint.Leave(local);
        Assert.Single(Endpoint.Clients);
        Assert.Equal("local-1", (await socket.ReceiveEventAsync("bye")).Data().GetProperty("id").GetString());
        Assert.True(local.Disconnected.IsCancellationRequested);
    }

    [Fact]
    public async Task A_message_for_a_shared_id_reaches_the_member_left_with_it()
    {
        // Only in-process clients can share an id; when the one the index names leaves, the other takes its place.
        await using var first = new InProcessSocketClient("twin");
        await using var second = new InProcessSocketClient("twin");
        await Endpoint.Join(first);
        await Endpoint.Join(second);
        await Endpoint.Leave(first);

        var bus = _server.Services.GetRequiredService<TypedSockets.Bus.ISocketBus>();
        await bus.PublishAsync(new TypedSockets.Bus.SocketBusMessage(
            "test", TypedSockets.Bus.SocketBusTarget.Client, null, "twin", null, """{"event":"observed","data":{"note":"for the twin"}}"""u8.ToArray()));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        string frame;
        do
        {
            frame = await second.ReadFrameAsync(timeout.Token);
        }
        while (!frame.Contains("\"observed\"", StringComparison.Ordinal));
        Assert.Contains("for the twin", frame, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_that_cannot_be_read_stays_unknown_to_clients_even_with_a_subscriber()
    {
        using var subscription = Endpoint.Subscribe<Receipt>((_, _) => { });
        await using var client = await _server.ConnectAsync();

        await client.SendAsync("""{"event":"receipt","data":{"number":"7"},"ref":"r"}""");

        var error = await client.ReceiveEventAsync("error");
        Assert.Equal("unknown_event", error.Data().GetProperty("code").GetString());
        // It is a real event all the same: the server writes it.
        Assert.Equal("""{"number":"7"}""", SocketJson.SerializeToString(Receipt.For("7")));
    }

    [Fact]
    public async Task A_client_belongs_to_one_endpoint_at_a_time()
    {
        await using var local = new InProcessSocketClient();
        await Endpoint.Join(local);
        await Endpoint.Join(local);
        var other = _server.Services.GetRequiredService<OtherEndpoint>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => other.Join(local).AsTask());

        Assert.Contains("already belongs to endpoint 'test'", error.Message, StringComparison.Ordinal);
        Assert.Single(Endpoint.Clients);
        Assert.Empty(other.Clients);
    }

    [Fact]
    public async Task An_in_process_client_that_does_not_read_is_removed_as_a_slow_consumer()
    {
        await using var slow = new InProcessSocketClient("slow", capacity: 4);
        await Endpoint.Join(slow);

        for (var i = 0; i < 10; i++)
        {
            await Endpoint.Broadcast(new Observed($"n{i}"));
        }

        await SocketServer.WaitUntilAsync(() => Endpoint.Clients.Count == 0);
        var received = new List<string>();
        await foreach (var frame in slow.ReadAllFramesAsync())
        {
            received.Add(frame);
        }
        Assert.Equal(4, received.Count);
        Assert.Contains("n0", received[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_websocket_client_that_stops_reading_is_closed_while_the_others_get_everything()
    {
        // The slow client reads its backlog only at the end, to see the close frame behind it: give
        // it time for that on a loaded machine (past the close timeout the server would abort it).
        await _server.DisposeAsync();
        _server = await SocketServer.StartAsync(o => o.CloseTimeout = TimeSpan.FromSeconds(60));
        await using var slow = await _server.ConnectAsync();
        await using var fast = await _server.ConnectAsync();
        await WaitForClientsAsync(2);
        var payload = new string('p', 8000);
        const int Count = 4000;
        var seen = 0;

        var reading = Task.Run(async () =>
        {
            while (Volatile.Read(ref seen) < Count)
            {
                var frame = await fast.ReceiveAsync();
                if (frame.Event() == "observed")
                {
                    Assert.Equal($"{seen}:{payload}", frame.Data().GetProperty("note").GetString());
                    Interlocked.Increment(ref seen);
                }
            }
        });
        for (var i = 0; i < Count; i++)
        {
            // Keep the reading client well inside its queue; the other one never reads at all.
            while (i - Volatile.Read(ref seen) > 256 && !reading.IsCompleted)
            {
                await Task.Delay(1);
            }
            await Endpoint.Broadcast(new Observed($"{i}:{payload}"));
        }

        await reading;
        Assert.Equal(Count, seen);
        await SocketServer.WaitUntilAsync(() => Endpoint.Clients.Count == 1, 10_000);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await slow.DrainUntilCloseAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal("slow consumer", slow.CloseDescription);
    }

    [Fact]
    public async Task Endpoints_on_other_paths_have_their_own_clients()
    {
        await using var test = await _server.ConnectAsync();
        await using var other = await _server.ConnectAsync("/sockets/other");
        await WaitForClientsAsync(1);

        await other.SendAsync("""{"event":"echo","data":{"text":"o"},"ref":1}""");
        Assert.Equal("other:o", (await other.ReceiveAsync()).Data().Data().GetProperty("text").GetString());

        await Endpoint.Broadcast(new Observed("only test"));
        await test.ReceiveEventAsync("observed");
        await other.AssertQuietAsync();
    }

    [Fact]
    public async Task Host_shutdown_closes_clients_with_1001()
    {
        var client = await _server.ConnectAsync();
        await WaitForClientsAsync(1);

        var stopping = _server.App.StopAsync();

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await client.ExpectCloseAsync());
        Assert.Equal("server stopping", client.CloseDescription);
        await stopping;
        await client.DisposeAsync();
    }

    [Fact]
    public void An_endpoint_made_with_new_explains_how_to_get_a_bound_one()
    {
        var endpoint = new TestEndpoint(new TestLog());

        var error = Assert.Throws<InvalidOperationException>(() => endpoint.Clients);

        Assert.Contains("dependency injection", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BroadcastFrom_without_an_originator_outside_a_handler_explains_itself()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Endpoint.BroadcastFrom(new Observed("x")).AsTask());

        Assert.Contains("originator", error.Message, StringComparison.Ordinal);
    }

    private async Task WaitForClientsAsync(int count) =>
        await SocketServer.WaitUntilAsync(() => Endpoint.Clients.Count == count);
}
