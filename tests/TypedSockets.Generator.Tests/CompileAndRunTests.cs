using System.Reflection;

namespace TypedSockets.Generator.Tests;

/// <summary>
/// Generated code is compiled, loaded and run: the JSON code writes and reads real values, and an
/// endpoint's dispatch answers a real frame. Each probe is a static method in the compiled source.
/// </summary>
public class CompileAndRunTests
{
    private const string Probes = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Text;
        using System.Text.Json;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using TypedSockets;

        namespace Demo;

        public static class Probes
        {
            public static string WriteSay() => SocketJson.SerializeToString(new Say("hi"));

            public static string ReadOrder(string json)
            {
                if (!SocketJson.TryDeserialize<Order>(Encoding.UTF8.GetBytes(json), out var order, out var error))
                {
                    return "error " + error;
                }
                var item = order.Items.Single();
                return $"{order.Id} {item.Name} x{item.Count} {item.Level} hidden='{item.Hidden}' prices={order.Prices?.Count} priority={order.Priority?.ToString() ?? "null"}";
            }

            public static string ReadPing(string json) =>
                SocketJson.TryDeserialize<Ping>(Encoding.UTF8.GetBytes(json), out var ping, out var error) ? "seq " + ping.Seq : "error " + error;

            /// <summary>The generated JSON next to what System.Text.Json writes with its web defaults.</summary>
            public static string[] WriteOrderBothWays()
            {
                var order = new Order(
                    new System.Guid("6f9619ff-8b86-d011-b42d-00c04fc964ff"),
                    [new Item { Name = "tea \"green\" <b>", Count = 2, Level = Level.High, Hidden = "secret" }],
                    new Dictionary<string, decimal> { ["tea"] = 1.50m, ["caf\u00e9"] = -0.1m },
                    Priority: null);
                return [SocketJson.SerializeToString(order), JsonSerializer.Serialize(order, JsonSerializerOptions.Web)];
            }

            /// <summary>Posts a ping with a ref to the endpoint through an in-process client and returns the reply frame.</summary>
            public static async Task<string> PingThroughTheEndpoint()
            {
                var services = new ServiceCollection();
                services.AddLogging();
                services.AddTypedSockets();
                await using var provider = services.BuildServiceProvider();
                var chat = provider.GetRequiredService<ChatEndpoint>();
                await using var client = new InProcessSocketClient("c1");
                await chat.Join(client);
                await client.PostAsync("{\"event\":\"ping\",\"data\":{\"seq\":7},\"ref\":\"r1\"}");
                await client.PostAsync("{\"event\":\"nope\",\"data\":{}}");
                var reply = await client.ReadFrameAsync();
                var error = await client.ReadFrameAsync();
                await chat.Leave(client);
                return reply + "\n" + error;
            }
        }
        """;

    private static readonly Lazy<Assembly> Demo = new(() =>
    {
        var (output, diagnostics, _) = GeneratorHarness.Run("Demo.Run", Sources.Chat, Probes);
        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        return GeneratorHarness.Load(output);
    });

    [Fact]
    public void Generated_code_writes_an_event()
    {
        Assert.Equal("""{"text":"hi"}""", Invoke<string>("WriteSay"));
    }

    [Fact]
    public void Generated_code_reads_an_event()
    {
        var read = Invoke<string>("ReadOrder", """
            {"id":"6f9619ff-8b86-d011-b42d-00c04fc964ff","items":[{"name":"tea","lvl":1,"hidden":"x"}],"prices":{"tea":1.5}}
            """);

        Assert.Equal("6f9619ff-8b86-d011-b42d-00c04fc964ff tea x1 High hidden='' prices=1 priority=null", read);
    }

    [Theory]
    [InlineData("""{"seq":5}""", "seq 5")]
    [InlineData("""{"seq":"5"}""", "seq 5")] // the web defaults read numbers from strings
    [InlineData("""{"seq":true}""", "error $.seq: ")]
    [InlineData("""{"seq":"five"}""", "error $.seq: ")]
    [InlineData("""{"seq":5.5}""", "error $.seq: ")]
    [InlineData("""{}""", "error $")]
    [InlineData("""[1]""", "error $")]
    [InlineData("""{"seq":5} {}""", "error ")]
    [InlineData("""{"seq":""", "error ")]
    public void Generated_code_rejects_what_does_not_match_with_a_path(string json, string expected)
    {
        Assert.StartsWith(expected, Invoke<string>("ReadPing", json), StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_json_matches_system_text_json_web_defaults()
    {
        var both = Invoke<string[]>("WriteOrderBothWays");

        Assert.Equal(both[1], both[0]);
    }

    [Fact]
    public async Task Generated_dispatch_answers_a_frame_through_an_in_process_client()
    {
        var task = Invoke<Task<string>>("PingThroughTheEndpoint");
        var frames = (await task.WaitAsync(TimeSpan.FromSeconds(30))).Split('\n');

        Assert.Equal("""{"event":"reply","ref":"r1","data":{"event":"pong","data":{"seq":7}}}""", frames[0]);
        Assert.StartsWith("""{"event":"error","data":{"code":"unknown_event",""", frames[1], StringComparison.Ordinal);
    }

    private static T Invoke<T>(string method, params object[] arguments)
    {
        var probes = Demo.Value.GetType("Demo.Probes", throwOnError: true)!;
        return (T)probes.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments)!;
    }
}
