using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TypedSockets.Tests.Infrastructure;

namespace TypedSockets.Tests.Abuse;

/// <summary>
/// The endpoint the abuse tests hammer. It has no connect or disconnect hook, so a client sees only
/// what it asked for or what a test broadcasts, and it records how many of its handlers run at once.
/// </summary>
[SocketEndpoint("abuse")]
[Sends<Observed>]
public sealed partial class AbuseEndpoint : SocketEndpoint
{
    private readonly TaskCompletionSource _gate = NewGate();
    private int _running;
    private int _maxRunning;
    private int _started;

    /// <summary><see cref="Hold"/> handlers running now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>The most <see cref="Hold"/> handlers ever seen running at once.</summary>
    public int MaxRunning => Volatile.Read(ref _maxRunning);

    /// <summary><see cref="Hold"/> handlers started so far.</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>Lets every held handler, and every later one, finish.</summary>
    public void Release() => _gate.TrySetResult();

    [OnEvent]
    public Echoed Echo(Echo message) => new(message.Text, message.Text.Length);

    [OnEvent]
    public void Boom(Boom boom) => throw new InvalidOperationException(boom.Why);

    [OnEvent]
    public DeepRead Deep(Deep deep) => new(DepthOf(deep.Raw));

    /// <summary>Waits for <see cref="Release"/> (10 s at most), counting the handlers waiting with it.</summary>
    [OnEvent]
    public async Task<Held> Hold(Hold hold, CancellationToken cancellationToken)
    {
        var running = Interlocked.Increment(ref _running);
        Interlocked.Increment(ref _started);
        for (var max = MaxRunning; running > max; max = MaxRunning)
        {
            if (Interlocked.CompareExchange(ref _maxRunning, running, max) == max)
            {
                break;
            }
        }
        try
        {
            await _gate.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
        return new Held(hold.Id);
    }

    private static TaskCompletionSource NewGate() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static int DepthOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => 1 + element.EnumerateArray().Select(DepthOf).DefaultIfEmpty(0).Max(),
        JsonValueKind.Object => 1 + element.EnumerateObject().Select(p => DepthOf(p.Value)).DefaultIfEmpty(0).Max(),
        _ => 0,
    };
}

/// <summary>An endpoint that takes its JSON messages in binary frames too.</summary>
[SocketEndpoint("abuse-binary", AllowBinaryFrames = true)]
public sealed partial class BinaryEndpoint : SocketEndpoint
{
    [OnEvent]
    public Echoed Echo(Echo message) => new("binary:" + message.Text, message.Text.Length);
}

/// <summary>Any authenticated user may connect.</summary>
[Authorize]
[SocketEndpoint("abuse-guarded")]
public sealed partial class GuardedEndpoint : SocketEndpoint
{
    [OnEvent]
    public Identity WhoAmI(WhoAmI question, SocketClient client) => Identity.Of(client);
}

/// <summary>Only users in the role <c>admin</c> may connect.</summary>
[Authorize(Roles = "admin")]
[SocketEndpoint("abuse-admin")]
public sealed partial class AdminEndpoint : SocketEndpoint
{
    [OnEvent]
    public Identity WhoAmI(WhoAmI question, SocketClient client) => Identity.Of(client);
}

/// <summary>Only users the policy <c>Admins</c> accepts may connect.</summary>
[Authorize(Policy = "Admins")]
[SocketEndpoint("abuse-policy")]
public sealed partial class PolicyEndpoint : SocketEndpoint
{
    [OnEvent]
    public Identity WhoAmI(WhoAmI question, SocketClient client) => Identity.Of(client);
}

/// <summary>Open to anyone, even when the app requires authorization for all its endpoints.</summary>
[AllowAnonymous]
[SocketEndpoint("abuse-open")]
public sealed partial class OpenEndpoint : SocketEndpoint
{
    [OnEvent]
    public Identity WhoAmI(WhoAmI question, SocketClient client) => Identity.Of(client);
}

[SocketEvent("abuse_deep")] public sealed partial record Deep(JsonElement Raw);
[SocketEvent("abuse_deep_read")] public sealed partial record DeepRead(int Depth);
[SocketEvent("abuse_hold")] public sealed partial record Hold(int Id);
[SocketEvent("abuse_held")] public sealed partial record Held(int Id);
[SocketEvent("abuse_whoami")] public sealed partial record WhoAmI;

[SocketEvent("abuse_identity")]
public sealed partial record Identity(string? Name, bool Admin)
{
    public static Identity Of(SocketClient client) => new(client.User.Identity?.Name, client.User.IsInRole("admin"));
}

/// <summary>A server for the abuse tests, with a log of its own (the shared test log mixes every server's).</summary>
public static class AbuseServer
{
    /// <summary>Starts a server; its <see cref="CapturedLog"/> is a service.</summary>
    public static Task<SocketServer> StartAsync(
        Action<TypedSocketsOptions>? configure = null,
        Action<WebApplicationBuilder>? configureServices = null,
        Func<WebApplication, IEndpointConventionBuilder>? map = null)
    {
        var log = new CapturedLog();
        return SocketServer.StartAsync(
            builder =>
            {
                builder.Logging.AddProvider(log);
                builder.Services.AddSingleton(log);
                builder.Services.AddSingleton<TestLog>();
                builder.Services.AddTypedSockets(configure);
                configureServices?.Invoke(builder);
            },
            app => (map ?? (a => a.MapTypedSockets()))(app));
    }
}

/// <summary>Keeps one server's log entries, every level.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Message, Exception? Exception)> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(LogLevel, string, string, Exception?)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((logLevel, category, formatter(state, exception), exception));
    }
}
