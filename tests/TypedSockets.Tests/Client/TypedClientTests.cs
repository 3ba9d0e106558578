using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TypedSockets.Client;
using TypedSockets.Tests.Infrastructure;

namespace TypedSockets.Tests.Client;

/// <summary>The generated typed client against a real Kestrel server on 127.0.0.1: every operation, its errors and its order.</summary>
public sealed class TypedClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private SocketServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await SocketServer.StartAsync(options =>
        {
            options.SendQueueCapacity = 20_000;
            options.RateLimit = null;
        });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<ClientTestClient> ConnectAsync(SocketClientOptions? options = null) =>
        await ClientTestClient.ConnectAsync(_server.BaseAddress, options);

    [Fact]
    public async Task A_request_returns_the_typed_reply()
    {
        await using var client = await ConnectAsync();

        var reply = await client.EchoAsync(new Echo("hello"));

        Assert.Equal("hello", reply.Text);
        Assert.False(string.IsNullOrEmpty(reply.By));
        Assert.Equal(SocketClientState.Connected, client.State);
    }

    [Fact]
    public async Task The_endpoint_path_is_added_to_a_server_address_and_the_contract_hash_is_presented()
    {
        // This server refuses a client built from another contract (409), so connecting proves the hash matches.
        await using var strict = await SocketServer.StartAsync(options => options.RefuseContractMismatch = true);
        Uri? requested = null;
        var options = new SocketClientOptions
        {
            WebSocketFactory = async (uri, cancellationToken) =>
            {
                requested = uri;
                var socket = new ClientWebSocket();
                await socket.ConnectAsync(uri, cancellationToken);
                return socket;
            },
        };

        await using var client = await ClientTestClient.ConnectAsync(new Uri(strict.BaseAddress.ToString().Replace("http://", "ws://", StringComparison.Ordinal)), options);
        await client.EchoAsync(new Echo("x"));

        Assert.Equal(ClientTestEndpoint.ContractHash, ClientTestClient.ContractHash);
        Assert.Equal("/ws/client-test", requested!.AbsolutePath);
        Assert.Equal("?ts-contract=" + ClientTestClient.ContractHash, requested.Query);
    }

    [Fact]
    public async Task A_request_without_a_reply_completes_when_the_server_has_handled_it()
    {
        await using var sender = await ConnectAsync();
        await using var listener = await ConnectAsync();
        var noted = listener.ReadNotedAsync().GetAsyncEnumerator();
        // The handshake completes before the endpoint has joined the client: wait for both to be in.
        var endpoint = _server.Services.GetRequiredService<ClientTestEndpoint>();
        await SocketServer.WaitUntilAsync(() => endpoint.Clients.Count == 2);

        await sender.NoteAsync(new Note("handled"));

        Assert.True(await noted.MoveNextAsync().AsTask().WaitAsync(Wait));
        Assert.Equal("handled", noted.Current.Text);
        await noted.DisposeAsync();
    }

    [Fact]
    public async Task A_send_without_waiting_reaches_the_server()
    {
        await using var sender = await ConnectAsync();
        var received = new TaskCompletionSource<Noted>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = sender.OnNoted(noted => received.TrySetResult(noted));

        await sender.SendAsync(new Note("posted"));

        Assert.Equal("posted", (await received.Task.WaitAsync(Wait)).Text);
    }

    [Fact]
    public async Task A_server_error_becomes_a_typed_exception_with_its_code_and_message()
    {
        await using var client = await ConnectAsync();

        var error = await Assert.ThrowsAsync<SocketErrorException>(() => client.RefuseAsync(new Refuse("not_yours")));

        Assert.Equal("not_yours", error.Code);
        Assert.Equal("refused on purpose", error.Message);
        // The connection stays, and so does the client.
        Assert.Equal("after", (await client.EchoAsync(new Echo("after"))).Text);
    }

    [Fact]
    public async Task An_error_for_a_send_that_does_not_wait_is_raised_as_an_event()
    {
        await using var client = await ConnectAsync();
        var errors = new TaskCompletionSource<SocketServerErrorEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ErrorReceived += (_, e) => errors.TrySetResult(e);

        await client.SendAsync(new Refuse("posted_refusal"));

        var error = await errors.Task.WaitAsync(Wait);
        Assert.Equal("posted_refusal", error.Code);
    }

    [Fact]
    public async Task A_request_that_gets_no_answer_in_time_times_out_with_its_own_exception()
    {
        await using var client = await ConnectAsync();

        var timeout = await Assert.ThrowsAsync<SocketRequestTimeoutException>(
            () => client.StallAsync(new Stall(1_000), TimeSpan.FromMilliseconds(100)));

        Assert.Equal("cl_stall", timeout.EventName);
        Assert.Equal(TimeSpan.FromMilliseconds(100), timeout.Timeout);
        // The late answer is dropped quietly, and the connection still serves requests.
        Assert.Equal("later", (await client.EchoAsync(new Echo("later"))).Text);
        Assert.Equal(0, client.RejectedFrames);
    }

    [Fact]
    public async Task The_options_request_timeout_applies_when_a_call_names_none()
    {
        await using var client = await ConnectAsync(new SocketClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(100) });

        await Assert.ThrowsAsync<SocketRequestTimeoutException>(() => client.StallAsync(new Stall(1_000)));
    }

    [Fact]
    public async Task A_cancelled_request_throws_OperationCanceledException()
    {
        await using var client = await ConnectAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.StallAsync(new Stall(1_000), cancel.Token));
    }

    [Fact]
    public async Task Sends_while_disconnected_fail_fast()
    {
        await using var client = new ClientTestClient();

        var error = await Assert.ThrowsAsync<SocketDisconnectedException>(() => client.EchoAsync(new Echo("x")));

        Assert.Contains("Disconnected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_handshake_says_the_status()
    {
        await using var client = new ClientTestClient();

        var error = await Assert.ThrowsAsync<SocketConnectException>(
            () => client.ConnectAsync(new Uri(_server.BaseAddress, "/ws/nowhere")));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(SocketClientState.Disconnected, client.State);
    }

    [Fact]
    public async Task Events_arrive_in_order_under_load_and_handlers_never_overlap()
    {
        const int Count = 5_000;
        await using var client = new ClientTestClient();
        var seen = new List<int>(Count);
        var running = 0;
        var overlapped = false;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.OnSeq(async seq =>
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            if (seq.N % 500 == 0)
            {
                await Task.Yield();
            }
            seen.Add(seq.N);
            Interlocked.Decrement(ref running);
            if (seen.Count == Count)
            {
                done.TrySetResult();
            }
        });
        await client.ConnectAsync(_server.BaseAddress);

        // Requests in flight at the same time each get their own reply, while events pour in.
        var flood = client.FloodAsync(new Flood(Count));
        var echoes = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => client.EchoAsync(new Echo("e" + i))));
        await flood;
        await done.Task.WaitAsync(Wait);

        Assert.Equal(Enumerable.Range(0, Count), seen);
        Assert.False(overlapped);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => "e" + i), echoes.Select(e => e.Text));
    }

    [Fact]
    public async Task A_reader_sees_events_from_the_start_of_its_enumeration_until_it_is_disposed()
    {
        await using var client = await ConnectAsync();
        var reader = client.ReadSeqAsync().GetAsyncEnumerator();

        await client.FloodAsync(new Flood(3));
        var read = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await reader.MoveNextAsync().AsTask().WaitAsync(Wait));
            read.Add(reader.Current.N);
        }
        await reader.DisposeAsync();

        Assert.Equal([0, 1, 2], read);
    }

    [Fact]
    public async Task Disposing_the_client_ends_its_readers()
    {
        var client = await ConnectAsync();
        var reading = Task.Run(async () =>
        {
            var count = 0;
            await foreach (var _ in client.ReadSeqAsync())
            {
                count++;
            }
            return count;
        });
        await client.FloodAsync(new Flood(2));

        await client.DisposeAsync();

        Assert.InRange(await reading.WaitAsync(Wait), 0, 2);
    }

    [Fact]
    public async Task A_handler_that_throws_is_logged_and_the_next_events_still_arrive()
    {
        var logs = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        await using var client = new ClientTestClient(new SocketClientOptions { LoggerFactory = factory });
        var seen = new ConcurrentQueue<int>();
        client.OnSeq(seq =>
        {
            if (seq.N == 0)
            {
                throw new InvalidOperationException("handler bug");
            }
            seen.Enqueue(seq.N);
        });
        await client.ConnectAsync(_server.BaseAddress);

        await client.FloodAsync(new Flood(3));
        await SocketServer.WaitUntilAsync(() => seen.Count == 2);

        Assert.Equal([1, 2], seen);
        Assert.Contains(ListLoggerProvider.Entries, e => e.Exception?.Message == "handler bug");
    }

    [Fact]
    public async Task States_are_reported_with_the_close_code_and_reason()
    {
        await using var client = new ClientTestClient(new SocketClientOptions { Reconnect = { Enabled = false } });
        var states = new ConcurrentQueue<SocketClientStateChangedEventArgs>();
        client.StateChanged += (_, e) => states.Enqueue(e);
        await client.ConnectAsync(_server.BaseAddress);

        await client.SendAsync(new Bye("go away"));
        await SocketServer.WaitUntilAsync(() => client.State == SocketClientState.Disconnected);

        Assert.Equal(
            [SocketClientState.Connecting, SocketClientState.Connected, SocketClientState.Disconnected],
            states.Select(s => s.Current));
        var last = states.Last();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, last.CloseStatus);
        Assert.Equal("go away", last.CloseDescription);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
    }

    [Fact]
    public async Task Closing_the_client_stops_it_without_reconnecting()
    {
        var client = await ConnectAsync();
        var states = new ConcurrentQueue<SocketClientState>();
        client.StateChanged += (_, e) => states.Enqueue(e.Current);

        await client.CloseAsync();
        await client.DisposeAsync();

        Assert.Equal([SocketClientState.Disconnected], states);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.ConnectAsync(_server.BaseAddress));
    }

    [Fact]
    public async Task Connecting_twice_at_once_is_refused_and_closing_while_connecting_cancels_the_connect()
    {
        // A listener that takes connections but never answers the handshake.
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var address = new Uri($"ws://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/ws/client-test");
        await using var client = new ClientTestClient();

        var connecting = client.ConnectAsync(address);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.ConnectAsync(address));
        Assert.Equal(SocketClientState.Connecting, client.State);
        await client.CloseAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connecting.WaitAsync(Wait));
        Assert.Equal(SocketClientState.Disconnected, client.State);
        // It may connect again, to a server that answers.
        await client.ConnectAsync(_server.BaseAddress);
        Assert.Equal("again", (await client.EchoAsync(new Echo("again"))).Text);
    }

    [Fact]
    public void The_backoff_is_exponential_with_full_jitter_under_a_ceiling()
    {
        var reconnect = new SocketReconnectOptions { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1) };

        Assert.Equal(TimeSpan.Zero, reconnect.DelayBefore(1, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(50), reconnect.DelayBefore(1, 0.5));
        Assert.Equal(TimeSpan.FromMilliseconds(200), reconnect.DelayBefore(2, 0.999999).RoundTo(TimeSpan.FromMilliseconds(1)));
        Assert.Equal(TimeSpan.FromMilliseconds(400), reconnect.DelayBefore(3, 0.999999).RoundTo(TimeSpan.FromMilliseconds(1)));
        Assert.Equal(TimeSpan.FromSeconds(1), reconnect.DelayBefore(30, 0.999999).RoundTo(TimeSpan.FromMilliseconds(1)));
        Assert.Equal(TimeSpan.FromSeconds(1), reconnect.DelayBefore(int.MaxValue, 0.999999).RoundTo(TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public void Options_out_of_range_are_refused_at_construction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClientTestClient(new SocketClientOptions { MaxMessageSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClientTestClient(new SocketClientOptions { RequestTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClientTestClient(new SocketClientOptions { Reconnect = { MaxAttempts = 0 } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClientTestClient(new SocketClientOptions { EventQueueCapacity = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClientTestClient(new SocketClientOptions { MaxMessageSize = int.MaxValue }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClientTestClient(new SocketClientOptions { Reconnect = { MaxDelay = TimeSpan.FromDays(60) } }));
    }
}

internal static class TimeSpanRounding
{
    public static TimeSpan RoundTo(this TimeSpan value, TimeSpan unit) =>
        TimeSpan.FromTicks((long)Math.Round(value.Ticks / (double)unit.Ticks) * unit.Ticks);
}
