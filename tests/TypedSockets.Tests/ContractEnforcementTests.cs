using Microsoft.Extensions.DependencyInjection;
using TypedSockets.Tests.Abuse;
using TypedSockets.Tests.Infrastructure;

namespace TypedSockets.Tests;

/// <summary>
/// The run-time side of the contract: code that silences TSK022, TSK023 or TSK024 (or that the
/// analyzer cannot see) still cannot send an undeclared event or read one the endpoint does not
/// receive, and a client is sent to only through its own endpoint. Nothing reaches a client.
/// </summary>
public sealed class ContractEnforcementTests : IAsyncLifetime
{
    private SocketServer _server = null!;

    private TestEndpoint Endpoint => _server.Services.GetRequiredService<TestEndpoint>();

    public async Task InitializeAsync() => _server = await SocketServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

#pragma warning disable TSK022, TSK023, TSK024 // what these tests go around on purpose

    [Fact]
    public async Task Every_operation_refuses_an_event_the_endpoint_does_not_send()
    {
        await using var local = new InProcessSocketClient("local");
        await Endpoint.Join(local);
        var undeclared = new Echoed("x", 1); // a reply of TestEndpoint, never declared with [Sends]

        var errors = new[]
        {
            Assert.Throws<InvalidOperationException>(() => Endpoint.Broadcast(undeclared)),
            Assert.Throws<InvalidOperationException>(() => Endpoint.BroadcastFrom(local, undeclared)),
            Assert.Throws<InvalidOperationException>(() => Endpoint.SendTo(local, undeclared)),
            Assert.Throws<InvalidOperationException>(() => Endpoint.BroadcastToGroup("g", undeclared)),
            Assert.Throws<InvalidOperationException>(() => Endpoint.BroadcastToGroupFrom("g", local, undeclared)),
            Assert.Throws<InvalidOperationException>(() => local.SendAsync(undeclared)),
        };

        Assert.All(errors, error => Assert.Equal(
            "Endpoint 'test' does not declare that it sends 'echoed' (Echoed): add [Sends<Echoed>] to the endpoint or its contract (TSK022).",
            error.Message));
        Assert.False(local.Frames.TryRead(out var frame), $"nothing is delivered, yet got {frame}");
    }

    [Fact]
    public async Task A_declared_event_still_goes_out()
    {
        await using var local = new InProcessSocketClient("local");
        await Endpoint.Join(local);

        await Endpoint.SendTo(local, new Heard("server", "declared"));

        Assert.Equal("""{"event":"heard","data":{"from":"server","text":"declared"}}""", await local.ReadFrameAsync());
    }

    [Fact]
    public void Reading_an_event_the_endpoint_does_not_receive_fails_at_the_call()
    {
        var subscribe = Assert.Throws<InvalidOperationException>(() => Endpoint.Subscribe<Hello>((_, _) => { }));
        // ReadEventsAsync fails when called, not at its first MoveNextAsync far from the mistake.
        var read = Assert.Throws<InvalidOperationException>(() => Endpoint.ReadEventsAsync<Hello>());

        Assert.Equal(
            "Endpoint 'test' does not receive 'hello' (Hello): add an [OnEvent] handler for it or [Receives<Hello>] to the endpoint or its contract (TSK024).",
            subscribe.Message);
        Assert.Equal(subscribe.Message, read.Message);
    }

    [Fact]
    public async Task A_client_of_another_endpoint_is_not_sent_to_through_this_one()
    {
        var abuse = _server.Services.GetRequiredService<AbuseEndpoint>();
        await using var other = new InProcessSocketClient("other");
        await abuse.Join(other);

        var error = Assert.Throws<InvalidOperationException>(() => Endpoint.SendTo(other, new Heard("server", "wrong door")));

        Assert.Equal("Client 'other' belongs to endpoint 'abuse', not 'test'; send through its own endpoint.", error.Message);
        Assert.False(other.Frames.TryRead(out var frame), $"nothing is delivered, yet got {frame}");
    }

#pragma warning restore TSK022, TSK023, TSK024
}
