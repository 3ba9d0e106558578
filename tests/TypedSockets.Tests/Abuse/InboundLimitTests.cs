using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using TypedSockets.Tests.Infrastructure;

namespace TypedSockets.Tests.Abuse;

/// <summary>
/// What one client can send, and how fast: fragments, binary frames, nesting, the rate limit and
/// how many of its handlers run at once. Each test starts a server with the options it needs.
/// </summary>
public sealed class InboundLimitTests
{
    private const string Path = "/ws/abuse";

    [Fact]
    public async Task A_message_in_more_fragments_than_allowed_closes_with_1008_too_many_fragments()
    {
        await using var server = await AbuseServer.StartAsync(o => o.MaxFragmentsPerMessage = 16);
        await using var client = await server.ConnectAsync(Path);

        await client.SendBytesAsync(EchoOfLength(64 * 8), fragmentSize: 8);

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await client.ExpectCloseAsync());
        Assert.Equal("too many fragments", client.CloseDescription);
    }

    [Fact]
    public async Task Two_thousand_tiny_fragments_of_one_message_close_with_1008_under_the_default_limit()
    {
        await using var server = await AbuseServer.StartAsync();
        await using var client = await server.ConnectAsync(Path);

        // 16,000 bytes: far under the size limit, so only the number of fragments is at fault.
        await client.SendBytesAsync(EchoOfLength(2000 * 8), fragmentSize: 8);

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await client.ExpectCloseAsync());
        Assert.Equal("too many fragments", client.CloseDescription);
    }

    [Theory]
    [InlineData(1, 64)]
    [InlineData(8, 8)]
    [InlineData(16, 8)]
    public async Task A_message_in_at_most_MaxFragmentsPerMessage_fragments_is_handled(int fragments, int fragmentSize)
    {
        await using var server = await AbuseServer.StartAsync(o => o.MaxFragmentsPerMessage = 16);
        await using var client = await server.ConnectAsync(Path);

        await client.SendBytesAsync(EchoOfLength(fragments * fragmentSize), fragmentSize: fragmentSize);

        var reply = await client.ReceiveAsync();
        Assert.Equal("reply", reply.Event());
        Assert.Equal("\"f\"", reply.GetProperty("ref").Raw());
    }

    [Fact]
    public async Task A_message_in_one_fragment_more_than_MaxFragmentsPerMessage_closes_with_1008()
    {
        await using var server = await AbuseServer.StartAsync(o => o.MaxFragmentsPerMessage = 16);
        await using var client = await server.ConnectAsync(Path);

        await client.SendBytesAsync(EchoOfLength(17 * 8), fragmentSize: 8);

        var answer = await client.ReceiveTextAsync();
        Assert.True(answer is null, $"a message in 17 fragments was handled under a limit of 16: {answer}");
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        Assert.Equal("too many fragments", client.CloseDescription);
    }

    [Fact]
    public async Task A_binary_frame_closes_with_1003_where_the_endpoint_does_not_allow_them()
    {
        await using var server = await AbuseServer.StartAsync();
        await using var client = await server.ConnectAsync(Path);

        await client.SendBytesAsync(Encoding.UTF8.GetBytes("""{"event":"echo","data":{"text":"b"},"ref":1}"""), WebSocketMessageType.Binary);

        Assert.Equal(WebSocketCloseStatus.InvalidMessageType, await client.ExpectCloseAsync());
        Assert.Equal("binary frames are not supported", client.CloseDescription);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public async Task A_binary_message_is_handled_like_text_where_the_endpoint_allows_binary_frames(int fragmentSize)
    {
        await using var server = await AbuseServer.StartAsync();
        await using var client = await server.ConnectAsync("/ws/abuse-binary");

        await client.SendBytesAsync(
            Encoding.UTF8.GetBytes("""{"event":"echo","data":{"text":"bin"},"ref":"b1"}"""), WebSocketMessageType.Binary, fragmentSize);

        Assert.Equal(
            """{"event":"reply","ref":"b1","data":{"event":"echoed","data":{"text":"binary:bin","length":3}}}""",
            (await client.ReceiveAsync()).Raw());
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task A_binary_message_that_is_not_utf8_closes_with_1007_where_binary_frames_are_allowed()
    {
        await using var server = await AbuseServer.StartAsync();
        await using var client = await server.ConnectAsync("/ws/abuse-binary");
        byte[] message = [.. "{\"event\":\"echo\",\"data\":{\"text\":\""u8, 0xC3, 0x28, .. "\"}}"u8];

        await client.SendBytesAsync(message, WebSocketMessageType.Binary);

        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, await client.ExpectCloseAsync());
    }

    [Fact]
    public async Task Data_nested_64_deep_is_read_into_a_JsonElement()
    {
        await using var server = await AbuseServer.StartAsync();
        await using var client = await server.ConnectAsync(Path);

        await client.SendAsync(DeepFrame(dataDepth: 64));

        var reply = await client.ReceiveAsync();
        Assert.Equal("reply", reply.Event());
        // The data object is one level; "raw" holds the other 63.
        Assert.Equal(63, reply.Data().Data().GetProperty("depth").GetInt32());
    }

    [Fact]
    public async Task Data_nested_65_deep_is_invalid_data_and_the_connection_stays()
    {
        await using var server = await AbuseServer.StartAsync();
        await using var client = await server.ConnectAsync(Path);

        await client.SendAsync(DeepFrame(dataDepth: 65));

        var error = await client.ReceiveAsync();
        Assert.Equal("error", error.Event());
        Assert.Equal("invalid_data", error.Data().GetProperty("code").GetString());
        Assert.Contains("64", error.Data().GetProperty("message").GetString(), StringComparison.Ordinal);
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task A_frame_nested_beyond_1024_levels_is_a_bad_frame_and_the_connection_stays()
    {
        await using var server = await AbuseServer.StartAsync();
        await using var client = await server.ConnectAsync(Path);

        await client.SendAsync(DeepFrame(dataDepth: 1100));

        var error = await client.ReceiveAsync();
        Assert.Equal("bad_frame", error.Data().GetProperty("code").GetString());
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task A_burst_over_the_rate_limit_is_refused_with_rate_limited_naming_each_ref_and_tokens_come_back_with_time()
    {
        // One token a second: the burst is judged against the bucket alone, however slow the machine.
        await using var server = await AbuseServer.StartAsync(o => o.RateLimit = Bucket(tokenLimit: 5, perSecond: 1));
        await using var client = await server.ConnectAsync(Path);

        for (var i = 1; i <= 8; i++)
        {
            await client.SendAsync($$"""{"event":"echo","data":{"text":"m{{i}}"},"ref":{{i}}}""");
        }

        for (var i = 1; i <= 5; i++)
        {
            var reply = await client.ReceiveAsync();
            Assert.Equal("reply", reply.Event());
            Assert.Equal(i, reply.GetProperty("ref").GetInt32());
        }
        for (var i = 6; i <= 8; i++)
        {
            var error = await client.ReceiveAsync();
            Assert.Equal("error", error.Event());
            Assert.Equal(i, error.GetProperty("ref").GetInt32());
            Assert.Equal("rate_limited", error.Data().GetProperty("code").GetString());
        }

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await client.SendAsync("""{"event":"echo","data":{"text":"later"},"ref":9}""");
        var later = await client.ReceiveAsync();
        Assert.Equal("reply", later.Event());
        Assert.Equal(9, later.GetProperty("ref").GetInt32());
    }

    [Fact]
    public async Task A_burst_after_an_idle_while_gets_no_more_than_the_token_limit()
    {
        await using var server = await AbuseServer.StartAsync(o => o.RateLimit = Bucket(tokenLimit: 5, perSecond: 1));
        await using var client = await server.ConnectAsync(Path);
        // Idle with a full bucket for longer than one token takes to come back.
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        for (var i = 1; i <= 8; i++)
        {
            await client.SendAsync($$"""{"event":"echo","data":{"text":"m{{i}}"},"ref":{{i}}}""");
        }

        var answered = new List<int>();
        for (var i = 1; i <= 8; i++)
        {
            var frame = await client.ReceiveAsync();
            if (frame.Event() == "reply")
            {
                answered.Add(frame.GetProperty("ref").GetInt32());
            }
        }
        Assert.Equal([1, 2, 3, 4, 5], answered);
    }

    [Fact]
    public async Task A_client_that_keeps_sending_over_the_limit_is_closed_with_1008_while_another_is_still_answered()
    {
        await using var server = await AbuseServer.StartAsync(o =>
        {
            o.RateLimit = Bucket(tokenLimit: 5, perSecond: 1);
            o.MaxRateLimitedMessages = 10;
        });
        await using var abuser = await server.ConnectAsync(Path);
        await using var bystander = await server.ConnectAsync(Path);

        for (var i = 1; i <= 100; i++)
        {
            await abuser.SendAsync($$"""{"event":"echo","data":{"text":"flood"},"ref":{{i}}}""");
        }
        await AssertStillServesAsync(bystander);

        var refused = 0;
        while (await abuser.ReceiveTextAsync() is { } text)
        {
            using var frame = JsonDocument.Parse(text);
            if (frame.RootElement.Event() == "error")
            {
                Assert.Equal("rate_limited", frame.RootElement.Data().GetProperty("code").GetString());
                refused++;
            }
        }
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, abuser.CloseStatus);
        Assert.Equal("rate limit exceeded", abuser.CloseDescription);
        Assert.Equal(10, refused);
        await AssertStillServesAsync(bystander);
    }

    [Fact]
    public async Task Without_a_rate_limit_every_message_of_a_burst_is_answered()
    {
        await using var server = await AbuseServer.StartAsync(o => o.RateLimit = null);
        await using var client = await server.ConnectAsync(Path);

        for (var i = 1; i <= 200; i++)
        {
            await client.SendAsync($$"""{"event":"echo","data":{"text":"x"},"ref":{{i}}}""");
        }

        for (var i = 1; i <= 200; i++)
        {
            var reply = await client.ReceiveAsync();
            Assert.Equal("reply", reply.Event());
            Assert.Equal(i, reply.GetProperty("ref").GetInt32());
        }
    }

    [Fact]
    public async Task By_default_one_clients_handlers_run_one_at_a_time_in_the_order_sent()
    {
        await using var server = await AbuseServer.StartAsync();
        var endpoint = server.Services.GetRequiredService<AbuseEndpoint>();
        await using var client = await server.ConnectAsync(Path);

        await client.SendAsync("""{"event":"abuse_hold","data":{"id":1},"ref":1}""");
        await client.SendAsync("""{"event":"abuse_hold","data":{"id":2},"ref":2}""");

        await SocketServer.WaitUntilAsync(() => endpoint.Running == 1);
        await Task.Delay(300);
        Assert.Equal(1, endpoint.Started);
        endpoint.Release();
        Assert.Equal(1, (await client.ReceiveAsync()).GetProperty("ref").GetInt32());
        Assert.Equal(2, (await client.ReceiveAsync()).GetProperty("ref").GetInt32());
        Assert.Equal(1, endpoint.MaxRunning);
    }

    [Fact]
    public async Task MaxConcurrentHandlers_lets_that_many_handlers_of_one_client_run_at_once_and_no_more()
    {
        await using var server = await AbuseServer.StartAsync(o => o.MaxConcurrentHandlers = 3);
        var endpoint = server.Services.GetRequiredService<AbuseEndpoint>();
        await using var client = await server.ConnectAsync(Path);

        for (var i = 1; i <= 6; i++)
        {
            await client.SendAsync($$"""{"event":"abuse_hold","data":{"id":{{i}}},"ref":{{i}}}""");
        }

        await SocketServer.WaitUntilAsync(() => endpoint.Running == 3);
        await Task.Delay(300);
        Assert.Equal(3, endpoint.Started);
        endpoint.Release();
        var answered = new List<int>();
        for (var i = 1; i <= 6; i++)
        {
            var reply = await client.ReceiveAsync();
            Assert.Equal("reply", reply.Event());
            answered.Add(reply.GetProperty("ref").GetInt32());
        }
        Assert.Equal([1, 2, 3, 4, 5, 6], answered.Order());
        Assert.Equal(3, endpoint.MaxRunning);
    }

    /// <summary>An echo request with ref "f" of exactly <paramref name="length"/> bytes.</summary>
    private static byte[] EchoOfLength(int length)
    {
        const string Prefix = "{\"event\":\"echo\",\"data\":{\"text\":\"";
        const string Suffix = "\"},\"ref\":\"f\"}";
        var padding = length - Prefix.Length - Suffix.Length;
        Assert.True(padding >= 0, "the message is too short to hold an echo request");
        return Encoding.UTF8.GetBytes(Prefix + new string('p', padding) + Suffix);
    }

    /// <summary>A "deep" request whose data is <paramref name="dataDepth"/> containers deep: an object and nested arrays.</summary>
    private static string DeepFrame(int dataDepth) =>
        $$"""{"event":"abuse_deep","data":{"raw":{{new string('[', dataDepth - 1)}}{{new string(']', dataDepth - 1)}}},"ref":"deep"}""";

    private static TokenBucketRateLimiterOptions Bucket(int tokenLimit, int perSecond) => new()
    {
        TokenLimit = tokenLimit,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
    };

    private static async Task AssertStillServesAsync(TestClient client)
    {
        await client.SendAsync("""{"event":"echo","data":{"text":"still here"},"ref":"alive"}""");
        var reply = await client.ReceiveEventAsync("reply");
        Assert.Equal("\"alive\"", reply.GetProperty("ref").Raw());
    }
}
