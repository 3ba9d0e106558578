using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TypedSockets.Tests.Infrastructure;

namespace TypedSockets.Tests.Abuse;

/// <summary>Host shutdown and <c>Stop()</c> flush what is queued, then close with 1001, quietly.</summary>
public sealed class ShutdownTests
{
    private const int Backlog = 300;

    [Fact]
    public async Task Host_shutdown_flushes_every_clients_queue_then_closes_1001_without_error_logs()
    {
        var logs = new CapturingLoggerProvider();
        var server = await SocketServer.StartAsync(
            builder =>
            {
                builder.Logging.AddProvider(logs);
                builder.Services.AddSingleton<TestLog>();
                builder.Services.AddTypedSockets();
            },
            app => app.MapTypedSockets());
        var endpoint = server.Services.GetRequiredService<DrainEndpoint>();
        var clients = new List<TestClient>();
        for (var i = 0; i < 3; i++)
        {
            clients.Add(await server.ConnectAsync("/ws/drain"));
        }
        await SocketServer.WaitUntilAsync(() => endpoint.Clients.Count == 3);

        // Frames are queued faster than the clients (not reading yet) take them.
        for (var seq = 0; seq < Backlog; seq++)
        {
            await endpoint.Broadcast(new Queued(seq, new string('q', 500)));
        }
        var stopping = server.DisposeAsync().AsTask();

        foreach (var client in clients)
        {
            Assert.Equal(Enumerable.Range(0, Backlog), await ReadSeqsUntilCloseAsync(client));
            Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, client.CloseStatus);
            Assert.Equal("server stopping", client.CloseDescription);
        }
        await stopping;
        Assert.Empty(logs.AtOrAbove(LogLevel.Error));
    }

    [Fact]
    public async Task Stop_flushes_the_endpoints_queues_then_closes_1001_and_the_host_keeps_running()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await SocketServer.StartAsync(
            builder =>
            {
                builder.Logging.AddProvider(logs);
                builder.Services.AddSingleton<TestLog>();
                builder.Services.AddTypedSockets();
            },
            app => app.MapTypedSockets());
        var endpoint = server.Services.GetRequiredService<DrainEndpoint>();
        await using var client = await server.ConnectAsync("/ws/drain");
        await SocketServer.WaitUntilAsync(() => endpoint.Clients.Count == 1);
        for (var seq = 0; seq < Backlog; seq++)
        {
            await endpoint.Broadcast(new Queued(seq, new string('q', 500)));
        }

        await endpoint.Stop();

        Assert.Equal(Enumerable.Range(0, Backlog), await ReadSeqsUntilCloseAsync(client));
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, client.CloseStatus);
        Assert.Equal("endpoint stopped", client.CloseDescription);
        await using var next = await server.ConnectAsync("/ws/drain");
        await SocketServer.WaitUntilAsync(() => endpoint.Clients.Count == 1);
        Assert.Empty(logs.AtOrAbove(LogLevel.Error));
    }

    private static async Task<List<int>> ReadSeqsUntilCloseAsync(TestClient client)
    {
        var seqs = new List<int>();
        while (await client.ReceiveTextAsync() is { } text)
        {
            using var frame = System.Text.Json.JsonDocument.Parse(text);
            seqs.Add(frame.RootElement.GetProperty("data").GetProperty("seq").GetInt32());
        }
        return seqs;
    }

    /// <summary>This server's own log entries (the shared list also holds other tests').</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly List<(LogLevel Level, string Message)> _entries = [];

        public IEnumerable<string> AtOrAbove(LogLevel level)
        {
            lock (_entries)
            {
                return [.. _entries.Where(e => e.Level >= level).Select(e => $"{e.Level}: {e.Message}")];
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner._entries)
                {
                    owner._entries.Add((logLevel, formatter(state, exception) + (exception is null ? "" : " " + exception)));
                }
            }
        }
    }
}
