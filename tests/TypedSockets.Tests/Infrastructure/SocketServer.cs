using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TypedSockets.Tests.Infrastructure;

/// <summary>A real Kestrel server on 127.0.0.1 with a free port, serving this assembly's test endpoints.</summary>
public sealed class SocketServer : IAsyncDisposable
{
    private SocketServer(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => App.Services;

    public TestLog Log => Services.GetRequiredService<TestLog>();

    public static Task<SocketServer> StartAsync(Action<TypedSocketsOptions>? configure = null, string url = "http://127.0.0.1:0") =>
        StartAsync(builder =>
        {
            builder.Services.AddSingleton<TestLog>();
            builder.Services.AddTypedSockets(configure);
        }, app => app.MapTypedSockets(), url);

    /// <param name="configureServices">Registers the app's services.</param>
    /// <param name="map">Maps its endpoints.</param>
    /// <param name="url">Where it listens: a free port by default; a fixed one to restart a server where its clients expect it.</param>
    public static async Task<SocketServer> StartAsync(Action<WebApplicationBuilder> configureServices, Action<WebApplication> map, string url = "http://127.0.0.1:0")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ListLoggerProvider());
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        configureServices(builder);
        var app = builder.Build();
        app.UseWebSockets();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SocketServer(app, new Uri(address));
    }

    public Uri WebSocketUri(string path) => new(BaseAddress.ToString().Replace("http://", "ws://", StringComparison.Ordinal).TrimEnd('/') + path);

    public Task<TestClient> ConnectAsync(string path = "/ws/test") => TestClient.ConnectAsync(WebSocketUri(path));

    /// <summary>Connects and consumes the connect hook's traffic, so tests start from a quiet client.</summary>
    public async Task<TestClient> ConnectQuietAsync(string path = "/ws/test")
    {
        var client = await ConnectAsync(path);
        await WaitUntilAsync(() => Log.Entries.Count(e => e.StartsWith("connect ", StringComparison.Ordinal)) > 0);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    public static async Task WaitUntilAsync(Func<bool> condition, int timeoutMs = 5000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not become true in time.");
            }
            await Task.Delay(10);
        }
    }
}

/// <summary>Keeps log entries in memory so tests can assert on them.</summary>
public sealed class ListLoggerProvider : ILoggerProvider
{
    public static List<(LogLevel Level, string Category, string Message, Exception? Exception)> Entries { get; } = [];

    public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName);

    public void Dispose()
    {
    }

    private sealed class ListLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            lock (Entries)
            {
                Entries.Add((logLevel, category, formatter(state, exception), exception));
            }
        }
    }
}
