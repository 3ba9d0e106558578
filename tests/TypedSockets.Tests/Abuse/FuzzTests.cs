using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CsCheck;
using TypedSockets.Tests.Infrastructure;

namespace TypedSockets.Tests.Abuse;

/// <summary>
/// Random and mutated frames at the inbound path. Every input ends in a dispatched event, an error
/// frame with a protocol code, or a defined close code; a well-behaved client is served throughout.
/// </summary>
public sealed class FuzzTests : IAsyncLifetime
{
    private static readonly string[] ErrorCodes = ["bad_frame", "unknown_event", "invalid_data", "handler_failed"];
    private static readonly WebSocketCloseStatus[] CloseCodes =
    [
        WebSocketCloseStatus.InvalidMessageType,
        WebSocketCloseStatus.InvalidPayloadData,
        WebSocketCloseStatus.PolicyViolation,
        WebSocketCloseStatus.MessageTooBig,
    ];

    private static readonly string[] Valid =
    [
        """{"event":"fz_echo","data":{"text":"hi"},"ref":1}""",
        """{"event":"fz_add","data":{"a":1,"b":2},"ref":"r"}""",
        """{"event":"fz_order","data":{"id":"0f8fad5b-d9cb-469f-a165-70867728950e","at":"2024-05-06T07:08:09+02:00","size":1,"lines":[{"sku":"a","quantity":2,"price":1.25}],"scores":{"x":1.5,"y":-2},"note":null,"codes":[1,2,3]},"ref":[1]}""",
        """{"ref":"x","data":{"why":"no"},"event":"fz_fail"}""",
        """{"event":"fz_echo","data":{"text":"\u00e9\ud83d\ude00"}}""",
    ];

    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\"event\"", "\"data\"", "\"ref\"", "\"fz_echo\"", "\"fz_add\"", "\"reply\"",
        "\"ts:x\"", "null", "true", "1e400", "-0", "99999999999999999999999", "1.5", "NaN", "\"\\u0000\"", "\"\\uD800\"",
        "\"2024-13-45T99:00:00Z\"", " ", "\t", "\u00e9", "\ud83d\ude00",
    ];

    private SocketServer _server = null!;

    /// <summary>1,000 inputs per run (new ones each run); TYPEDSOCKETS_FUZZ_INPUTS asks for more locally.</summary>
    private static int Count =>
        int.TryParse(Environment.GetEnvironmentVariable("TYPEDSOCKETS_FUZZ_INPUTS"), out var count) ? count : 1_000;

    public async Task InitializeAsync() =>
        // No rate limit: the fuzzer sends as fast as it can, and every input should reach the inbound path.
        _server = await SocketServer.StartAsync(o => o.RateLimit = null);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Every_input_ends_in_an_event_an_error_or_a_defined_close_and_a_good_client_is_served_throughout()
    {
        var uri = _server.WebSocketUri("/ws/fuzz");
        var fuzzer = await TestClient.ConnectAsync(uri);
        await using var good = await TestClient.ConnectAsync(uri);
        var round = 0;
        var outcomes = new Dictionary<string, int>();

        // The inputs come from CsCheck generators; they are sent one after another on one connection
        // (a new one after each close), so each failure names its input rather than shrinking it.
        try
        {
            foreach (var input in Inputs.Array[Count].Single())
            {
                if (fuzzer.State != WebSocketState.Open)
                {
                    await fuzzer.DisposeAsync();
                    fuzzer = await TestClient.ConnectAsync(uri);
                }
                string outcome;
                try
                {
                    await fuzzer.SendBytesAsync(input.Bytes, input.Binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text);
                    outcome = await OutcomeAsync(fuzzer);
                }
                catch (Exception exception)
                {
                    throw new InvalidOperationException($"Input {round}: {input}", exception);
                }
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;

                var text = "good " + ++round;
                await good.SendAsync($$$"""{"event":"fz_echo","data":{"text":"{{{text}}}"},"ref":"g"}""");
                Assert.Equal(
                    $$$$"""{"event":"reply","ref":"g","data":{"event":"fz_echo","data":{"text":"{{{{text}}}}"}}}""",
                    (await good.ReceiveAsync()).Raw());
            }
        }
        finally
        {
            await fuzzer.DisposeAsync();
        }

        // The inputs reach every kind of outcome, not just one.
        Assert.Contains("dispatched", outcomes.Keys);
        Assert.Contains("error bad_frame", outcomes.Keys);
        Assert.Contains("error invalid_data", outcomes.Keys);
        Assert.Contains(outcomes.Keys, key => key.StartsWith("close", StringComparison.Ordinal));
    }

    /// <summary>What the server made of the input: one frame, or a close.</summary>
    private static async Task<string> OutcomeAsync(TestClient fuzzer)
    {
        var text = await fuzzer.ReceiveTextAsync(TimeSpan.FromSeconds(10));
        if (text is null)
        {
            Assert.Contains(fuzzer.CloseStatus!.Value, CloseCodes);
            return $"close {(int)fuzzer.CloseStatus}";
        }
        using var frame = JsonDocument.Parse(text);
        var name = frame.RootElement.GetProperty("event").GetString();
        if (name != "error")
        {
            Assert.True(name is "reply" or "fz_echo" or "fz_sum" or "fz_order", $"unexpected frame {text}");
            return "dispatched";
        }
        var code = frame.RootElement.GetProperty("data").GetProperty("code").GetString();
        Assert.Contains(code, ErrorCodes);
        return "error " + code;
    }

    private sealed record Input(byte[] Bytes, bool Binary)
    {
        public override string ToString() =>
            $"{(Binary ? "binary" : "text")} {Convert.ToHexString(Bytes)} \"{Encoding.UTF8.GetString(Bytes)}\"";
    }

    private static Gen<Input> Inputs
    {
        get
        {
            var valid = Gen.OneOf(Valid);
            var truncated = valid.SelectMany(v => Gen.Int[0, v.Length].Select(n => v[..n]));
            var withToken = Gen.Select(valid, Gen.OneOf(Tokens), Gen.Double.Unit, (v, token, at) => v.Insert((int)(at * v.Length), token));
            var withoutSpan = Gen.Select(valid, Gen.Double.Unit, Gen.Int[1, 8], (v, at, n) =>
            {
                var start = (int)(at * v.Length);
                return v.Remove(start, Math.Min(n, v.Length - start));
            });
            var tokens = Gen.OneOf(Tokens).Array[1, 30].Select(parts => string.Concat(parts));
            var deep = Gen.Int[1, 200].Select(depth =>
                $$$"""{"event":"fz_order","data":{"scores":{{{new string('[', depth)}}}{{{new string(']', depth)}}}},"ref":1}""");
            var oddRef = Gen.OneOf("{}", "[]", "true", "null", "-1.5e3", "\"" + new string('r', 300) + "\"", "\"\\u0000\"", "1e400", "\"\\uD800\"")
                .Select(r => $$"""{"event":"fz_echo","data":{"text":"x"},"ref":{{r}}}""");
            var unknown = Gen.String[Gen.Char['!', '~'], 0, 80].Select(name =>
                $$$"""{"event":{{{JsonSerializer.Serialize(name)}}},"data":{}}""");
            var wrongTypes = Gen.OneOf("\"1\"", "1.5", "[]", "{}", "null", "true", "2147483648", "-2147483649")
                .Select(v => $$"""{"event":"fz_add","data":{"a":{{v}},"b":1},"ref":2}""");
            var texts = Gen.Frequency(
                (3, truncated), (3, withToken), (2, withoutSpan), (2, tokens), (1, deep), (1, oddRef), (1, unknown), (1, wrongTypes), (1, valid));
            var utf8 = texts.Select(t => Encoding.UTF8.GetBytes(t));
            var randomBytes = Gen.Byte.Array[0, 200];
            var flipped = Gen.Select(Gen.OneOf(Valid), Gen.Double.Unit, Gen.Byte, (v, at, b) =>
            {
                var bytes = Encoding.UTF8.GetBytes(v);
                bytes[(int)(at * (bytes.Length - 1))] = b;
                return bytes;
            });
            var bytes = Gen.Frequency((8, utf8), (1, randomBytes), (2, flipped));
            return Gen.Select(bytes, Gen.Int[0, 19], (b, r) => new Input(b, Binary: r == 0));
        }
    }
}
