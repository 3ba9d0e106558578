using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TypedSockets.Client;
using TypedSockets.Testing;
using TypedSockets.Tests.Infrastructure;

namespace TypedSockets.Tests.Client;

/// <summary>The in-memory harness itself: its assertions, its refusals, and the timers the fake clock drives.</summary>
public sealed class HarnessTests : IAsyncLifetime
{
    private SocketTestHost _host = null!;

    public async Task InitializeAsync() => _host = await StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static Task<SocketTestHost> StartAsync(Action<TypedSocketsOptions>? configure = null) =>
        SocketTestHost.StartAsync(builder =>
        {
            builder.Services.AddSingleton<TestLog>();
            builder.Services.AddTypedSockets(configure);
        }, app => app.MapTypedSockets());

    [Fact]
    public async Task A_failed_expectation_shows_the_frames_that_arrived_instead()
    {
        await using var client = await _host.ConnectAsync<ClientTestClient>();
        await client.Client.NoteAsync(new Note("not what was expected"));

        var failure = await Assert.ThrowsAsync<SocketAssertionException>(() => client.ExpectAsync<Seq>(TimeSpan.FromMilliseconds(50)));

        Assert.StartsWith("Expected 'cl_seq' (Seq) within 0.05 s, but it did not arrive. Frames received (2; * not yet taken):", failure.Message, StringComparison.Ordinal);
        Assert.Contains("""  * {"event":"cl_noted","data":{"text":"not what was expected","from":""", failure.Message, StringComparison.Ordinal);
        // The answer to the client's own request is shown, but is not one to take.
        Assert.Contains("""    {"event":"reply","ref":1,"data":null}""", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expecting_nothing_fails_with_what_arrived()
    {
        await using var client = await _host.ConnectAsync<ClientTestClient>();
        await client.ExpectNothingAsync();
        await client.Client.FloodAsync(new Flood(1));

        var failure = await Assert.ThrowsAsync<SocketAssertionException>(() => client.ExpectNothingAsync<Seq>());

        Assert.StartsWith("""Expected no 'cl_seq', but {"event":"cl_seq","data":{"n":0}} arrived.""", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await client.ExpectAsync<Seq>()).N);
        await client.ExpectNothingAsync();
    }

    [Fact]
    public async Task The_handshake_runs_through_the_apps_pipeline_and_a_refusal_has_its_status()
    {
        var refused = await Assert.ThrowsAsync<SocketConnectException>(() =>
            _host.ConnectAsync<ClientTestClient>(request: request => request.Headers.Origin = "https://evil.example"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task An_error_frame_for_a_send_that_does_not_wait_is_an_expectation_of_its_own()
    {
        await using var client = await _host.ConnectAsync<ClientTestClient>();

        await client.Client.SendAsync(new Refuse("nope"));

        var error = await client.ExpectErrorAsync("nope");
        Assert.Equal("refused on purpose", error.Message);
    }

    [Fact]
    public async Task The_fake_clock_drives_client_request_timeouts()
    {
        await using var client = await _host.ConnectAsync<ClientTestClient>();

        // The handler takes a real second; the client gives up after 5 s of the host's clock.
        var request = client.Client.StallAsync(new Stall(1_000), TimeSpan.FromSeconds(5));
        await Task.Delay(50);
        Assert.False(request.IsCompleted);
        _host.Time.Advance(TimeSpan.FromSeconds(5));

        await Assert.ThrowsAsync<SocketRequestTimeoutException>(() => request);
    }

    [Fact]
    public async Task The_fake_clock_refills_the_rate_limit()
    {
        await using var host = await StartAsync(options => options.RateLimit = new() { TokenLimit = 2, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(1) });
        await using var client = await host.ConnectAsync<ClientTestClient>();

        await client.Client.EchoAsync(new Echo("1"));
        await client.Client.EchoAsync(new Echo("2"));
        var limited = await Assert.ThrowsAsync<SocketErrorException>(() => client.Client.EchoAsync(new Echo("3")));
        Assert.Equal(SocketErrorCodes.RateLimited, limited.Code);

        host.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("4", (await client.Client.EchoAsync(new Echo("4"))).Text);
    }

    [Fact]
    public async Task A_client_that_never_reads_again_is_cut_off_after_the_close_timeout_on_the_fake_clock()
    {
        await using var host = await StartAsync(options => options.SendQueueCapacity = 100);
        await using var client = await host.ConnectAsync<ClientTestClient>(new SocketClientOptions { KeepAliveInterval = TimeSpan.Zero, Reconnect = { Enabled = false } });
        client.PauseReading();

        // First the network fills (64 frames), then the endpoint's queue for the client overflows:
        // it is evicted, but its close frame cannot get through either.
        await client.Client.SendAsync(new Flood(80));
        await SocketServer.WaitUntilAsync(() => client.WaitingFrames == 64);
        await client.Client.SendAsync(new Flood(200));
        await Task.Delay(50);
        Assert.Equal(SocketClientState.Connected, client.Client.State);

        // The close timeout (5 s) runs on the host's clock; then the connection is aborted.
        host.Time.Advance(TimeSpan.FromSeconds(5));
        client.ResumeReading();
        Assert.Null(await client.ExpectClosedAsync());
        Assert.InRange(client.Frames.Count, 64, 81);
    }

    [Fact]
    public async Task The_client_answers_a_close_from_the_server_so_the_server_lets_go_at_once()
    {
        await using var client = await _host.ConnectAsync<ClientTestClient>();
        var endpoint = _host.GetRequiredService<ClientTestEndpoint>();
        await SocketServer.WaitUntilAsync(() => endpoint.Clients.Count == 1);

        await client.Client.SendAsync(new Bye("enough"));

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await client.ExpectClosedAsync());
        // Without the client's answer the server would hold the connection for its close timeout,
        // which on this host's clock never passes.
        await SocketServer.WaitUntilAsync(() => endpoint.Clients.Count == 0);
    }

    [Fact]
    public async Task A_handler_may_dispose_its_own_client()
    {
        var disposed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = await _host.ConnectAsync<ClientTestClient>(beforeConnect: typed => typed.OnSeq(async _ =>
        {
            await typed.DisposeAsync();
            disposed.TrySetResult();
        }));

        await client.Client.SendAsync(new Flood(3));

        await disposed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SocketClientState.Disconnected, client.Client.State);
    }

    [Fact]
    public async Task One_generated_client_works_over_both_transports()
    {
        await using var kestrel = await SocketServer.StartAsync();
        await using var overTheWire = await ClientTestClient.ConnectAsync(kestrel.BaseAddress, null);
        await using var inMemory = await _host.ConnectAsync<ClientTestClient>();

        Assert.Equal((await overTheWire.EchoAsync(new Echo("same"))).Text, (await inMemory.Client.EchoAsync(new Echo("same"))).Text);
    }
}
