using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using TypedSockets.Redis;
using TypedSockets.Tests.Infrastructure;

namespace TypedSockets.Tests.Redis;

/// <summary>
/// Several real Kestrel servers of one app (this assembly's endpoints) on one redis-server, each
/// with its own Redis bus, as servers behind a load balancer would be.
/// </summary>
internal sealed class RedisCluster : IAsyncDisposable
{
    private readonly NodeLog[] _logs;
    private readonly List<TestClient> _clients = [];

    private RedisCluster(SocketServer[] nodes, NodeLog[] logs)
    {
        Nodes = nodes;
        _logs = logs;
    }

    public SocketServer[] Nodes { get; }

    /// <summary>What a node logged (Information and up), each line with its exception's message.</summary>
    public string[] Log(int node) => _logs[node].Lines;

    public SocketServer this[int index] => Nodes[index];

    public static async Task<RedisCluster> StartAsync(RedisServer redis, int nodes = 2, string? prefix = null, Action<TypedSocketsRedisOptions>? configure = null, bool waitHealthy = true)
    {
        prefix ??= "test-" + Guid.NewGuid().ToString("N")[..8];
        var servers = new SocketServer[nodes];
        var logs = new NodeLog[nodes];
        for (var i = 0; i < nodes; i++)
        {
            var log = logs[i] = new NodeLog();
            servers[i] = await SocketServer.StartAsync(builder =>
            {
                builder.Logging.AddProvider(log);
                builder.Services.AddSingleton<TestLog>();
                builder.Services.AddTypedSockets().AddTypedSocketsRedis(redis.Configuration, options =>
                {
                    options.ChannelPrefix = prefix;
                    options.HeartbeatInterval = TimeSpan.FromMilliseconds(500);
                    options.AckTimeout = TimeSpan.FromSeconds(2);
                    configure?.Invoke(options);
                });
            }, app => app.MapTypedSockets());
        }
        var cluster = new RedisCluster(servers, logs);
        if (waitHealthy)
        {
            await cluster.WaitHealthyAsync();
        }
        return cluster;
    }

    public static RedisSocketBus Bus(SocketServer node) => node.Services.GetRequiredService<RedisSocketBus>();

    public static async Task<HealthStatus> HealthAsync(SocketServer node) =>
        (await node.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Status;

    public async Task WaitHealthyAsync(int timeoutMs = 30_000)
    {
        foreach (var node in Nodes)
        {
            await WaitAsync(async () => await HealthAsync(node) == HealthStatus.Healthy, timeoutMs);
        }
    }

    /// <summary>
    /// Connects a client to a node and waits until every node that runs the endpoint listens on its
    /// channel. The cluster closes the client when it is disposed.
    /// </summary>
    public async Task<(TestClient Client, string Id)> ConnectAsync(int node)
    {
        var client = await Nodes[node].ConnectAsync("/ws/scale");
        _clients.Add(client);
        await client.SendAsync("""{"event":"sc_whoami","data":{},"ref":"me"}""");
        var reply = await client.ReceiveEventAsync("reply");
        await WaitSubscribedAsync();
        return (client, reply.Data().GetProperty("data").GetProperty("id").GetString()!);
    }

    public Task WaitSubscribedAsync() =>
        WaitAsync(() => Task.FromResult(Nodes.All(n => Bus(n).IsSubscribed("scale") || !HasEndpointRunning(n))), 30_000);

    private static bool HasEndpointRunning(SocketServer node) =>
        node.Services.GetRequiredService<TypedSockets.Endpoints.SocketEndpointHost<ScaleEndpoint>>().Clients.Count > 0;

    public static async Task WaitAsync(Func<Task<bool>> condition, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not become true in time.");
            }
            await Task.Delay(25);
        }
    }

    private sealed class NodeLog : ILoggerProvider
    {
        private readonly List<string> _lines = [];

        public string[] Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(NodeLog log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    lock (log._lines)
                    {
                        log._lines.Add(formatter(state, exception) + (exception is null ? string.Empty : " | " + exception.Message));
                    }
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
    }
}
