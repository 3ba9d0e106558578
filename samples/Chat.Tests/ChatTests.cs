using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using TypedSockets;
using TypedSockets.Client;
using TypedSockets.Testing;

namespace Chat.Tests;

/// <summary>
/// Everything DESIGN.md gives the Chat sample, tested in memory: the app's real services and
/// endpoint, typed clients, the real protocol and JSON, and a fake clock. No port, no socket,
/// no waiting: the whole class runs in well under a second.
/// </summary>
public sealed class ChatTests : IAsyncLifetime
{
    private SocketTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await SocketTestHost.StartAsync(ChatApp.ConfigureServices, ChatApp.Configure);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Connects a client and takes its welcome, which carries its id.</summary>
    private async Task<(SocketTestClient<ChatClient> Client, string Id)> JoinAsync()
    {
        var client = await _host.ConnectAsync<ChatClient>();
        var welcome = await client.ExpectAsync<Welcome>();
        return (client, welcome.Id);
    }

    [Fact]
    public async Task A_new_client_is_welcomed_with_its_id_and_the_number_online_and_the_others_are_told()
    {
        await using var alice = await _host.ConnectAsync<ChatClient>();
        Assert.Equal(1, (await alice.ExpectAsync<Welcome>()).Online);

        var (bob, bobId) = await JoinAsync();
        await using var _ = bob;

        Assert.Equal(bobId, (await alice.ExpectAsync<Joined>()).Id);
        await bob.ExpectNothingAsync<Joined>();
    }

    [Fact]
    public async Task Say_reaches_every_other_client_and_completes_for_the_sender()
    {
        var (alice, aliceId) = await JoinAsync();
        var (bob, _) = await JoinAsync();
        var (carol, _) = await JoinAsync();
        await using (alice)
        await using (bob)
        await using (carol)
        {
            await alice.Client.SayAsync(new Say("hello all"));

            Assert.Equal(new Said(aliceId, "hello all"), await bob.ExpectAsync<Said>());
            Assert.Equal(new Said(aliceId, "hello all"), await carol.ExpectAsync<Said>());
            await alice.ExpectNothingAsync<Said>();
        }
    }

    [Fact]
    public async Task Rooms_carry_room_said_to_their_other_members_only()
    {
        var (alice, _) = await JoinAsync();
        var (bob, bobId) = await JoinAsync();
        var (carol, _) = await JoinAsync();
        await using (alice)
        await using (bob)
        await using (carol)
        {
            await bob.Client.JoinRoomAsync(new JoinRoom("lobby"));
            await carol.Client.JoinRoomAsync(new JoinRoom("lobby"));

            await bob.Client.RoomSayAsync(new RoomSay("lobby", "members only"));

            Assert.Equal(new RoomSaid("lobby", bobId, "members only"), await carol.ExpectAsync<RoomSaid>());
            await alice.ExpectNothingAsync<RoomSaid>();
            await bob.ExpectNothingAsync<RoomSaid>();
        }
    }

    [Fact]
    public async Task Speaking_in_a_room_one_is_not_in_is_forbidden()
    {
        var (alice, _) = await JoinAsync();
        await using var _ = alice;

        var refusal = await Assert.ThrowsAsync<SocketErrorException>(() => alice.Client.RoomSayAsync(new RoomSay("lobby", "hi")));

        Assert.Equal(SocketErrorCodes.Forbidden, refusal.Code);
        Assert.Equal("Join room 'lobby' before speaking in it.", refusal.Message);
    }

    [Fact]
    public async Task After_leave_room_no_more_room_said_arrives()
    {
        var (alice, _) = await JoinAsync();
        var (bob, _) = await JoinAsync();
        await using (alice)
        await using (bob)
        {
            await alice.Client.JoinRoomAsync(new JoinRoom("lobby"));
            await bob.Client.JoinRoomAsync(new JoinRoom("lobby"));
            await alice.Client.LeaveRoomAsync(new LeaveRoom("lobby"));

            await bob.Client.RoomSayAsync(new RoomSay("lobby", "anyone?"));

            await alice.ExpectNothingAsync<RoomSaid>();
        }
    }

    [Fact]
    public async Task Ping_is_answered_with_pong()
    {
        var (alice, _) = await JoinAsync();
        await using var _ = alice;

        var pong = await alice.Client.PingAsync(new Ping(42));

        Assert.Equal(42, pong.Seq);
    }

    [Fact]
    public async Task The_page_runs_on_the_generated_TypeScript_client_which_presents_the_contracts_hash()
    {
        using var http = _host.CreateHttpClient();

        var page = await http.GetStringAsync(new Uri("/", UriKind.Relative));
        using var module = await http.GetAsync(new Uri("/client/chat.js", UriKind.Relative));

        Assert.Contains("import { connect } from \"/client/chat.js\";", page, StringComparison.Ordinal);
        Assert.Equal("text/javascript", module.Content.Headers.ContentType?.MediaType);
        // The same hash the .NET client presents and the endpoint expects.
        Assert.Contains($"hash: \"{ChatClient.ContractHash}\",", await module.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_built_from_another_version_of_the_contract_is_refused_with_409()
    {
        var refused = await Assert.ThrowsAsync<SocketConnectException>(() => _host.ConnectAsync<ChatClient>(
            request: handshake => handshake.QueryString = new Microsoft.AspNetCore.Http.QueryString("?ts-contract=0000000000000000")));

        Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Empty_text_is_refused_with_invalid_text(string text)
    {
        var (alice, _) = await JoinAsync();
        await using var _ = alice;

        var refusal = await Assert.ThrowsAsync<SocketErrorException>(() => alice.Client.SayAsync(new Say(text)));

        Assert.Equal("invalid_text", refusal.Code);
    }

    [Fact]
    public async Task The_others_hear_who_left()
    {
        var (alice, _) = await JoinAsync();
        var (bob, bobId) = await JoinAsync();
        await using var _ = alice;

        await bob.DisposeAsync();

        Assert.Equal(bobId, (await alice.ExpectAsync<Left>()).Id);
    }

    [Fact]
    public async Task A_client_that_does_not_keep_up_is_closed_with_1008_and_the_others_get_everything()
    {
        // The app's own services, with one override: a short outbound queue per client.
        await using var host = await SocketTestHost.StartAsync(builder =>
        {
            ChatApp.ConfigureServices(builder);
            builder.Services.Configure<TypedSocketsOptions>(options => options.SendQueueCapacity = 32);
        }, ChatApp.Configure);
        await using var slow = await host.ConnectAsync<ChatClient>();
        await using var fast = await host.ConnectAsync<ChatClient>();
        await slow.ExpectAsync<Joined>();
        slow.PauseReading();

        // More than the slow client's transport (64 frames) and queue (32) hold; the fast one keeps up.
        var chat = host.GetRequiredService<ChatEndpoint>();
        for (var i = 0; i < 200; i++)
        {
            await chat.Broadcast(new Said("server", "line " + i));
            if (i % 16 == 15)
            {
                var line = "line " + i;
                await fast.ExpectAsync<Said>(said => said.Text == line);
            }
        }

        slow.ResumeReading();
        await slow.ExpectClosedAsync(WebSocketCloseStatus.PolicyViolation);
        Assert.Equal(SocketClientState.Connected, fast.Client.State);
    }

    [Fact]
    public async Task A_client_that_goes_silent_is_dropped_by_keep_alive_on_the_fake_clock()
    {
        var (alice, _) = await JoinAsync();
        var (bob, bobId) = await JoinAsync();
        await using (alice)
        await using (bob)
        {
            bob.CutOff();

            // The server pings every 15 s and gives a client 30 s to answer (TypedSocketsOptions).
            _host.Time.Advance(TimeSpan.FromSeconds(15));
            await alice.ExpectNothingAsync<Left>();
            _host.Time.Advance(TimeSpan.FromSeconds(30));

            Assert.Equal(bobId, (await alice.ExpectAsync<Left>()).Id);
            // Bob's side finds out the same way: no close frame ever came.
            Assert.Null(await bob.ExpectClosedAsync());
        }
    }
}
