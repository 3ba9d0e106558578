using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;
using FanOut.Servers;

namespace FanOut.Load;

/// <summary>
/// A server the load runs against: by default this same program started again as a child process
/// (<c>serve --kind …</c>), so server and clients do not share a GC or a heap; with
/// <c>--in-process</c> the server app runs inside the driver.
/// </summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly Process? _process;
    private readonly WebApplication? _app;
    private readonly HttpClient _http;

    private RunningServer(Uri baseAddress, Process? process, WebApplication? app)
    {
        BaseAddress = baseAddress;
        _process = process;
        _app = app;
        _http = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public static async Task<RunningServer> StartAsync(ServerKind kind, bool inProcess, string? redis = null)
    {
        if (inProcess)
        {
            var app = ServerApp.Build(kind, port: 0, redis);
            await app.StartAsync().ConfigureAwait(false);
            return new RunningServer(new Uri(app.Urls.First()), process: null, app);
        }

        var process = Process.Start(ChildStartInfo(kind, redis)) ?? throw new InvalidOperationException("The server process did not start.");
        // The child's warnings and errors belong in the driver's stderr.
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[{ServerKinds.Name(kind)}] {e.Data}");
            }
        };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false) is { } line)
            {
                if (line.StartsWith(ServerApp.ReadyLine, StringComparison.Ordinal))
                {
                    return new RunningServer(new Uri(line[ServerApp.ReadyLine.Length..]), process, app: null);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // not ready in time: stopped below
        }
        process.Kill();
        process.Dispose();
        throw new InvalidOperationException($"The {ServerKinds.Name(kind)} server did not become ready.");
    }

    /// <summary>The WebSocket address of the server's endpoint.</summary>
    public Uri WebSocketUri(ServerKind kind) =>
        new UriBuilder(BaseAddress) { Scheme = "ws", Path = ServerKinds.Path(kind) }.Uri;

    /// <summary>The server's counters; <paramref name="collect"/> runs a full GC first (for memory, not for timing).</summary>
    public async Task<ServerStats> StatsAsync(bool collect) =>
        await _http.GetFromJsonAsync(collect ? ServerStats.Path + "?gc=true" : ServerStats.Path, StatsJsonContext.Default.ServerStats).ConfigureAwait(false)
        ?? throw new InvalidOperationException("The server sent no stats.");

    /// <summary>Waits until the server's <c>/health</c> says Healthy (a TypedSockets node of a scale-out run).</summary>
    public async Task WaitHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await _http.GetStringAsync(new Uri("/health", UriKind.Relative)).ConfigureAwait(false) != "Healthy")
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The server at {BaseAddress} did not become healthy (its Redis bus).");
            }
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
        if (_process is not null)
        {
            // Closing its stdin is the child's signal to stop.
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
            _process.Dispose();
        }
    }

    /// <summary>This program again, whether it was started by its apphost or by <c>dotnet FanOut.dll</c>.</summary>
    private static ProcessStartInfo ChildStartInfo(ServerKind kind, string? redis)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this process is unknown.");
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }
        foreach (var argument in (string[])["serve", "--kind", ServerKinds.Name(kind), .. redis is null ? [] : (string[])["--redis", redis]])
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }
}
