namespace TypedSockets.Generator.Tests;

/// <summary>User code the generator tests compile.</summary>
internal static class Sources
{
    public const string Chat = """
        using System.Threading;
        using System.Threading.Tasks;
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using TypedSockets;

        namespace Demo;

        [SocketEndpoint("chat")]
        [Sends<Joined>, Sends<Said>]
        public sealed partial class ChatEndpoint(Microsoft.Extensions.Logging.ILogger<ChatEndpoint> log) : SocketEndpoint
        {
            [OnConnect]
            public ValueTask Connected(SocketClient client)
            {
                Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(log, "{Id} joined", client.Id);
                return BroadcastFrom(new Joined(client.Id));
            }

            [OnEvent]
            public ValueTask Say(Say message, SocketClient sender) => BroadcastFrom(sender, new Said(sender.Id, message.Text));

            [OnEvent]
            public Pong Ping(Ping ping) => new(ping.Seq);

            [OnEvent]
            public async Task<Pong> PingLater(PingLater ping, CancellationToken cancellationToken)
            {
                await Task.Delay(1, cancellationToken);
                return new Pong(ping.Seq);
            }
        }

        [SocketEvent("say")] public sealed partial record Say(string Text);
        [SocketEvent("said")] public sealed partial record Said(string From, string Text);
        [SocketEvent("ping")] public sealed partial record Ping(int Seq);
        [SocketEvent("ping_later")] public sealed partial record PingLater(int Seq);
        [SocketEvent("pong")] public sealed partial record Pong(int Seq);

        // A shared contract for clients of another endpoint: it gets its ref, path and hash.
        [SocketContract("lobby")]
        [Receives<Ping>(Reply = typeof(Pong))]
        [Sends<Said>]
        public partial interface ILobbyContract;
        [SocketEvent("joined")] public sealed partial record Joined(string Id);

        public enum Level : byte { Low, High }

        public sealed class Item
        {
            public required string Name { get; init; }
            public int Count { get; set; } = 1;
            [JsonPropertyName("lvl")] public Level Level { get; set; }
            [JsonIgnore] public string Hidden { get; set; } = "";
        }

        [SocketEvent("order")]
        public sealed partial record Order(System.Guid Id, List<Item> Items, Dictionary<string, decimal>? Prices, int? Priority = null);
        """;
}
