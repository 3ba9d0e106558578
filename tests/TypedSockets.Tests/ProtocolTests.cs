using System.Net;
using System.Net.WebSockets;
using System.Text;
using TypedSockets.Tests.Infrastructure;

namespace TypedSockets.Tests;

/// <summary>Every row of wire protocol v1, over a real Kestrel server and real WebSocket clients.</summary>
public sealed class ProtocolTests : IAsyncLifetime
{
    private SocketServer _server = null!;

    public async Task InitializeAsync() => _server = await SocketServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_returned_event_answers_a_string_ref_echoed_as_sent()
    {
        await using var client = await _server.ConnectAsync();

        await client.SendAsync("""{"event":"echo","data":{"text":"hi"},"ref":"7"}""");

        var frame = await client.ReceiveAsync();
        Assert.Equal("""{"event":"reply","ref":"7","data":{"event":"echoed","data":{"text":"hi","length":2}}}""", frame.Raw());
    }

    [Fact]
    public async Task A_numeric_ref_is_echoed_as_a_number()
    {
        await using var client = await _server.ConnectAsync();

        await client.SendAsync("""{"ref":42.50,"event":"add","data":{"a":2,"b":3}}""");

        Assert.Equal("""{"event":"reply","ref":42.50,"data":{"event":"sum","data":{"value":5}}}""", (await client.ReceiveAsync()).Raw());
    }

    [Fact]
    public async Task A_handler_that_returns_nothing_still_answers_a_ref_with_null()
    {
        await using var client = await _server.ConnectAsync();

        await client.SendAsync("""{"event":"empty","ref":"e1"}""");

        Assert.Equal("""{"event":"reply","ref":"e1","data":null}""", (await client.ReceiveAsync()).Raw());
    }

    [Fact]
    public async Task A_returned_event_without_a_ref_arrives_as_a_plain_event()
    {
        await using var client = await _server.ConnectAsync();

        await client.SendAsync("""{"event":"echo","data":{"text":"plain"}}""");

        Assert.Equal("""{"event":"echoed","data":{"text":"plain","length":5}}""", (await client.ReceiveAsync()).Raw());
    }

    [Fact]
    public async Task An_async_handler_with_the_client_and_a_token_replies_when_done()
    {
        await using var client = await _server.ConnectAsync();

        await client.SendAsync("""{"event":"slow","data":{"milliseconds":50},"ref":1}""");

        Assert.Equal("""{"event":"reply","ref":1,"data":{"event":"done","data":{"milliseconds":50}}}""", (await client.ReceiveAsync()).Raw());
    }

    [Fact]
    public async Task Events_from_one_client_are_handled_in_order()
    {
        await using var client = await _server.ConnectAsync();

        await client.SendAsync("""{"event":"slow","data":{"milliseconds":100},"ref":"first"}""");
        await client.SendAsync("""{"event":"echo","data":{"text":"x"},"ref":"second"}""");

        Assert.Equal("\"first\"", (await client.ReceiveAsync()).GetProperty("ref").Raw());
        Assert.Equal("\"second\"", (await client.ReceiveAsync()).GetProperty("ref").Raw());
    }

    [Theory]
    [InlineData("[1,2]", "a frame must be a JSON object")]
    [InlineData("\"say\"", "a frame must be a JSON object")]
    [InlineData("42", "a frame must be a JSON object")]
    [InlineData("{\"data\":{}}", "a frame must have an 'event' string")]
    [InlineData("{\"event\":5}", "'event' must be a string")]
    [InlineData("{\"event\":\"echo\"", "malformed JSON")]
    [InlineData("{\"event\":\"echo\"} {}", "malformed JSON")]
    [InlineData("{\"event\":\"echo\",\"event\":\"echo\"}", "'event' appears twice")]
    [InlineData("{\"event\":\"echo\",\"ref\":{\"a\":1}}", "'ref' must be a string or a number")]
    [InlineData("{\"event\":\"\\uD800\"}", "'event' holds an escape that is not valid UTF-16")]
    public async Task A_frame_that_is_not_an_event_object_is_a_bad_frame(string text, string reason)
    {
        await using var client = await _server.ConnectAsync();

        await client.SendAsync(text);

        var error = await client.ReceiveAsync();
        Assert.Equal("error", error.Event());
        Assert.Equal("bad_frame", error.Data().GetProperty("code").GetString());
        Assert.Contains(reason, error.Data().GetProperty("message").GetString(), StringComparison.Ordinal);
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task A_bad_frame_keeps_the_ref_when_it_was_read()
    {
        await using var client = await _server.ConnectAsync();

        await client.SendAsync("""{"ref":"r9","data":1}""");

        Assert.Equal(
            """{"event":"error","ref":"r9","data":{"code":"bad_frame","message":"Bad frame: a frame must have an \u0027event\u0027 string."}}""",
            (await client.ReceiveAsync()).Raw());
    }

    [Fact]
    public async Task An_unknown_event_is_an_error_with_the_ref()
    {
        await using var client = await _server.ConnectAsync();

        await client.SendAsync("""{"event":"nope","data":{},"ref":"u1"}""");

        Assert.Equal(
            """{"event":"error","ref":"u1","data":{"code":"unknown_event","message":"Unknown event \u0027nope\u0027."}}""",
            (await client.ReceiveAsync()).Raw());
        await AssertStillServesAsync(client);
    }

    [Theory]
    [InlineData("""{"a":"x","b":1}""", "$.data.a")]
    [InlineData("""{"a":1}""", "$.data.b")]
    [InlineData("""{"a":1,"b":99999999999}""", "$.data.b")]
    [InlineData("""{"a":1,"b":2,"A":3}""", "$.data.a")]
    [InlineData("""[1,2]""", "$.data")]
    [InlineData("""null""", "$.data")]
    public async Task Data_that_does_not_match_the_event_is_invalid_data_naming_the_path(string data, string path)
    {
        await using var client = await _server.ConnectAsync();

        await client.SendAsync($$"""{"event":"add","data":{{data}},"ref":"d"}""");

        var error = await client.ReceiveAsync();
        Assert.Equal("error", error.Event());
        Assert.Equal("\"d\"", error.GetProperty("ref").Raw());
        Assert.Equal("invalid_data", error.Data().GetProperty("code").GetString());
        Assert.Contains(path + ":", error.Data().GetProperty("message").GetString(), StringComparison.Ordinal);
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task Data_reads_case_insensitively_and_accepts_quoted_numbers()
    {
        await using var client = await _server.ConnectAsync();

        await client.SendAsync("""{"data":{"A":"40","b":2,"extra":[1,{"x":null}]},"event":"add","ref":"c"}""");

        Assert.Equal("""{"event":"reply","ref":"c","data":{"event":"sum","data":{"value":42}}}""", (await client.ReceiveAsync()).Raw());
    }

    [Fact]
    public async Task An_escaped_event_name_is_unescaped_before_dispatch()
    {
        await using var client = await _server.ConnectAsync();

        await client.SendAsync("""{"event":"\u0065cho","data":{"text":"\u00e9"},"ref":"x"}""");

        Assert.Equal("""{"event":"reply","ref":"x","data":{"event":"echoed","data":{"text":"\u00E9","length":1}}}""", (await client.ReceiveAsync()).Raw());
    }

    [Fact]
    public async Task A_failing_handler_is_handler_failed_for_that_client_and_logged()
    {
        await using var client = await _server.ConnectAsync();

        await client.SendAsync("""{"event":"boom","data":{"why":"secret detail"},"ref":"b"}""");

        var error = await client.ReceiveAsync();
        Assert.Equal("""{"event":"error","ref":"b","data":{"code":"handler_failed","message":"The handler for \u0027boom\u0027 failed."}}""", error.Raw());
        Assert.DoesNotContain("secret", error.Raw(), StringComparison.Ordinal);
        lock (ListLoggerProvider.Entries)
        {
            Assert.Contains(ListLoggerProvider.Entries, e => e.Exception?.Message == "secret detail");
        }
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task A_handler_can_refuse_with_its_own_code()
    {
        await using var client = await _server.ConnectAsync();

        await client.SendAsync("""{"event":"refuse","data":{"code":"forbidden"},"ref":"f"}""");

        Assert.Equal(
            """{"event":"error","ref":"f","data":{"code":"forbidden","message":"refused on purpose"}}""",
            (await client.ReceiveAsync()).Raw());
    }

    [Fact]
    public async Task A_binary_frame_closes_with_1003()
    {
        await using var client = await _server.ConnectAsync();

        await client.SendBytesAsync([1, 2, 3], WebSocketMessageType.Binary);

        Assert.Equal(WebSocketCloseStatus.InvalidMessageType, await client.ExpectCloseAsync());
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xF8, 0x88, 0x80, 0x80, 0x80 })]
    public async Task A_text_frame_that_is_not_utf8_closes_with_1007(byte[] invalid)
    {
        await using var client = await _server.ConnectAsync();
        byte[] frame = [.. "{\"event\":\"echo\",\"data\":{\"text\":\""u8, .. invalid, .. "\"}}"u8];

        await client.SendBytesAsync(frame);

        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, await client.ExpectCloseAsync());
    }

    [Fact]
    public async Task A_message_over_32_KiB_reassembled_from_fragments_closes_with_1009()
    {
        await using var client = await _server.ConnectAsync();
        var text = new string('x', 40 * 1024);

        await client.SendBytesAsync(Encoding.UTF8.GetBytes("{\"event\":\"echo\",\"data\":{\"text\":\"" + text + "\"}}"), fragmentSize: 4096);

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await client.ExpectCloseAsync());
    }

    [Fact]
    public async Task A_message_just_under_the_limit_in_fragments_is_handled()
    {
        await using var client = await _server.ConnectAsync();
        var text = new string('y', (32 * 1024) - 64);

        await client.SendBytesAsync(Encoding.UTF8.GetBytes($$"""{"event":"echo","data":{"text":"{{text}}"},"ref":1}"""), fragmentSize: 1000);

        var reply = await client.ReceiveAsync();
        Assert.Equal(text.Length, reply.Data().Data().GetProperty("length").GetInt32());
    }

    [Fact]
    public async Task A_plain_http_request_to_an_endpoint_gets_426()
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };

        var response = await http.GetAsync(new Uri("/ws/test", UriKind.Relative));

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
    }

    [Fact]
    public async Task The_client_closing_gets_a_normal_close_back()
    {
        var client = await _server.ConnectAsync();

        await client.CloseAsync();

        Assert.Equal(WebSocketState.Closed, client.State);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
        await client.DisposeAsync();
    }

    private static async Task AssertStillServesAsync(TestClient client)
    {
        await client.SendAsync("""{"event":"echo","data":{"text":"still here"},"ref":"alive"}""");
        var reply = await client.ReceiveEventAsync("reply");
        Assert.Equal("\"alive\"", reply.GetProperty("ref").Raw());
    }
}
