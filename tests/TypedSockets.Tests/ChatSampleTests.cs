using System.Net.Http.Headers;
using System.Text.Json;
using TypedSockets.Tests.Infrastructure;

namespace TypedSockets.Tests;

/// <summary>The Chat sample hosted in this process, as <c>dotnet run</c> runs it.</summary>
public sealed class ChatSampleTests() : ChatSampleBehaviour(SampleHosting.InProcess);

/// <summary>The Chat sample's Native AOT executable, held to exactly the same behaviour.</summary>
public sealed class ChatSampleNativeTests() : ChatSampleBehaviour(SampleHosting.Native);

/// <summary>Every behaviour DESIGN.md gives the Chat sample, against the sample itself on Kestrel.</summary>
public abstract class ChatSampleBehaviour(SampleHosting hosting) : IAsyncLifetime
{
    private SampleServer _server = null!;

    public async Task InitializeAsync() => _server = await SampleServer.StartAsync("Chat", hosting, Chat.ChatApp.Build);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_new_client_is_welcomed_with_its_id_and_the_number_online()
    {
        var (first, firstId) = await ConnectAsync(expectedOnline: 1);
        await using var _ = first;
        var (second, secondId) = await ConnectAsync(expectedOnline: 2);
        await using var __ = second;

        Assert.NotEqual(firstId, secondId);
        Assert.Equal(secondId, (await first.ReceiveEventAsync("joined")).Data().GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_others_hear_who_left()
    {
        var (a, _) = await ConnectAsync(1);
        await using var __ = a;
        var (b, bId) = await ConnectAsync(2);
        await a.ReceiveEventAsync("joined");

        await b.CloseAsync();
        await b.DisposeAsync();

        Assert.Equal("""{"event":"left","data":{"id":"ID"}}""".Replace("ID", bId, StringComparison.Ordinal), (await a.ReceiveAsync()).Raw());
    }

    [Fact]
    public async Task Say_reaches_every_other_client_and_answers_the_senders_ref()
    {
        var (a, aId) = await ConnectAsync(1);
        await using var _ = a;
        var (b, _) = await ConnectAsync(2);
        await using var __ = b;
        var (c, _) = await ConnectAsync(3);
        await using var ___ = c;

        await a.SendAsync("""{"event":"say","data":{"text":"hello all"},"ref":"s1"}""");

        var expected = $$$"""{"event":"said","data":{"from":"{{{aId}}}","text":"hello all"}}""";
        Assert.Equal(expected, (await b.ReceiveEventAsync("said")).Raw());
        Assert.Equal(expected, (await c.ReceiveEventAsync("said")).Raw());
        Assert.Equal("""{"event":"reply","ref":"s1","data":null}""", (await a.ReceiveEventAsync("reply")).Raw());
        await a.AssertQuietAsync(ignore: "joined");
    }

    [Fact]
    public async Task Rooms_carry_room_said_to_their_other_members_only()
    {
        var (a, aId) = await ConnectAsync(1);
        await using var _ = a;
        var (b, _) = await ConnectAsync(2);
        await using var __ = b;
        var (outsider, _) = await ConnectAsync(3);
        await using var ___ = outsider;

        await a.SendAsync("""{"event":"join_room","data":{"room":"lobby"},"ref":1}""");
        await b.SendAsync("""{"event":"join_room","data":{"room":"lobby"},"ref":1}""");
        await a.ReceiveEventAsync("reply");
        await b.ReceiveEventAsync("reply");

        await a.SendAsync("""{"event":"room_say","data":{"room":"lobby","text":"psst"},"ref":2}""");

        Assert.Equal(
            $$$"""{"event":"room_said","data":{"room":"lobby","from":"{{{aId}}}","text":"psst"}}""",
            (await b.ReceiveEventAsync("room_said")).Raw());
        Assert.Equal("""{"event":"reply","ref":2,"data":null}""", (await a.ReceiveEventAsync("reply")).Raw());
        await outsider.AssertQuietAsync(ignore: "joined");
    }

    [Fact]
    public async Task Speaking_in_a_room_one_is_not_in_is_forbidden()
    {
        var (a, _) = await ConnectAsync(1);
        await using var _ = a;

        await a.SendAsync("""{"event":"room_say","data":{"room":"vip","text":"let me in"},"ref":"r"}""");

        var error = await a.ReceiveEventAsync("error");
        Assert.Equal("\"r\"", error.GetProperty("ref").Raw());
        Assert.Equal("forbidden", error.Data().GetProperty("code").GetString());
    }

    [Fact]
    public async Task After_leave_room_no_more_room_said_arrives()
    {
        var (a, _) = await ConnectAsync(1);
        await using var _ = a;
        var (b, _) = await ConnectAsync(2);
        await using var __ = b;
        foreach (var client in new[] { a, b })
        {
            await client.SendAsync("""{"event":"join_room","data":{"room":"r1"},"ref":1}""");
            await client.ReceiveEventAsync("reply");
        }

        await b.SendAsync("""{"event":"leave_room","data":{"room":"r1"},"ref":2}""");
        await b.ReceiveEventAsync("reply");
        await a.SendAsync("""{"event":"room_say","data":{"room":"r1","text":"anyone?"},"ref":3}""");
        // A reply, not a forbidden error: a is still a member, and speaks to an otherwise empty room.
        await a.ReceiveEventAsync("reply");

        await b.AssertQuietAsync(ignore: "joined");
    }

    [Fact]
    public async Task Ping_is_answered_with_pong()
    {
        var (a, _) = await ConnectAsync(1);
        await using var _ = a;

        await a.SendAsync("""{"event":"ping","data":{"seq":41},"ref":"p"}""");
        Assert.Equal("""{"event":"reply","ref":"p","data":{"event":"pong","data":{"seq":41}}}""", (await a.ReceiveAsync()).Raw());

        await a.SendAsync("""{"event":"ping","data":{"seq":42}}""");
        Assert.Equal("""{"event":"pong","data":{"seq":42}}""", (await a.ReceiveAsync()).Raw());
    }

    [Theory]
    [InlineData("""{"event":"say","data":{"text":""},"ref":1}""", "invalid_text")]
    [InlineData("""{"event":"join_room","data":{"room":" "},"ref":1}""", "invalid_room")]
    [InlineData("""{"event":"say","data":{},"ref":1}""", "invalid_data")]
    public async Task Bad_input_is_refused_with_a_clear_code(string frame, string code)
    {
        var (a, _) = await ConnectAsync(1);
        await using var _ = a;

        await a.SendAsync(frame);

        Assert.Equal(code, (await a.ReceiveEventAsync("error")).Data().GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_page_at_the_root_chats_through_the_generated_client_the_app_serves()
    {
        using var http = new HttpClient { BaseAddress = _server.Http };

        var response = await http.GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        using var module = await http.GetAsync(new Uri("/client/chat.js", UriKind.Relative));
        var script = await module.Content.ReadAsStringAsync();
        using var runtime = await http.GetAsync(new Uri("/client/runtime.js", UriKind.Relative));

        response.EnsureSuccessStatusCode();
        Assert.Equal(new MediaTypeHeaderValue("text/html") { CharSet = "utf-8" }, response.Content.Headers.ContentType);
        Assert.Contains("<script type=\"module\">", html, StringComparison.Ordinal);
        Assert.Contains("from \"/client/chat.js\"", html, StringComparison.Ordinal);
        Assert.Contains("chat.request(\"say\"", html, StringComparison.Ordinal);
        module.EnsureSuccessStatusCode();
        Assert.Equal("text/javascript", module.Content.Headers.ContentType?.MediaType);
        Assert.Contains("path: \"/ws/chat\"", script, StringComparison.Ordinal);
        Assert.Contains("import { connect as connect$ } from './runtime.js';", script, StringComparison.Ordinal);
        runtime.EnsureSuccessStatusCode();
    }

    private async Task<(TestClient Client, string Id)> ConnectAsync(int expectedOnline)
    {
        var client = await TestClient.ConnectAsync(_server.WebSocket("/ws/chat"));
        var welcome = await client.ReceiveAsync();
        Assert.Equal("welcome", welcome.Event());
        Assert.Equal(expectedOnline, welcome.Data().GetProperty("online").GetInt32());
        var id = welcome.Data().GetProperty("id").GetString()!;
        Assert.Equal(JsonValueKind.String, welcome.Data().GetProperty("id").ValueKind);
        return (client, id);
    }
}
