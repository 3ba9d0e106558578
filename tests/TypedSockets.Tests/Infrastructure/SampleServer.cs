using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace TypedSockets.Tests.Infrastructure;

/// <summary>How a sample's server is started for a test: in this process, or as its Native AOT executable.</summary>
public enum SampleHosting
{
    InProcess,
    Native,
}

/// <summary>
/// A sample app serving on a free loopback port, started the way <see cref="SampleHosting"/> says.
/// The same tests run against both, so the native build is held to exactly the JIT build's behaviour.
/// </summary>
public abstract partial class SampleServer : IAsyncDisposable
{
    private static readonly string[] QuietLogging = ["--Logging:LogLevel:Default=Warning"];

    public required Uri Http { get; init; }

    public Uri WebSocket(string path) =>
        new(Http.ToString().Replace("http://", "ws://", StringComparison.Ordinal).TrimEnd('/') + path);

    public static async Task<SampleServer> StartAsync(string sample, SampleHosting hosting, Func<string[], WebApplication> build) =>
        hosting == SampleHosting.InProcess
            ? await InProcessServer.StartAsync(build(["--urls", "http://127.0.0.1:0", .. QuietLogging]))
            : await NativeServer.StartAsync(sample, QuietLogging);

    /// <summary>Starts a sample's native executable with extra command-line arguments (configuration).</summary>
    public static Task<SampleServer> StartNativeAsync(string sample, params string[] arguments) =>
        NativeServer.StartAsync(sample, [.. QuietLogging, .. arguments]);

    private static readonly SemaphoreSlim PublishLock = new(1, 1);
    private int _disposed;

    /// <summary>Stops the server as its host would on SIGTERM; a second call does nothing.</summary>
    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _disposed, 1) == 0 ? StopAsync() : ValueTask.CompletedTask;

    protected abstract ValueTask StopAsync();

    /// <summary>The native executable of a sample, published first when it is missing.</summary>
    internal static async Task<string> EnsurePublishedAsync(string sample)
    {
        var root = RepositoryRoot();
        var executable = Path.Combine(root, "artifacts", "native", sample, sample);
        await PublishLock.WaitAsync();
        try
        {
            if (!File.Exists(executable))
            {
                using var publish = Process.Start(new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "publish-native.sh"), sample])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                })!;
                var stdout = publish.StandardOutput.ReadToEndAsync();
                var stderr = publish.StandardError.ReadToEndAsync();
                await publish.WaitForExitAsync();
                Assert.True(publish.ExitCode == 0, $"scripts/publish-native.sh {sample} failed:\n{await stdout}\n{await stderr}");
            }
        }
        finally
        {
            PublishLock.Release();
        }
        return executable;
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TypedSockets.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("TypedSockets.sln not found above " + AppContext.BaseDirectory);
    }

    private sealed class InProcessServer : SampleServer
    {
        private WebApplication _app = null!;

        public static async Task<SampleServer> StartAsync(WebApplication app)
        {
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new InProcessServer { _app = app, Http = new Uri(address) };
        }

        protected override async ValueTask StopAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>
    /// The sample's native executable from <c>artifacts/native/&lt;Sample&gt;/</c>, published by
    /// <c>scripts/publish-native.sh</c> (which <c>./test.sh</c> runs first; a plain <c>dotnet test</c>
    /// publishes it here once when it is missing). It listens on port 0 and the port is read from
    /// its "Now listening on" line.
    /// </summary>
    private sealed partial class NativeServer : SampleServer
    {
        private Process _process = null!;
        private StringBuilder _output = null!;

        public static async Task<SampleServer> StartAsync(string sample, string[] arguments)
        {
            var executable = await EnsurePublishedAsync(sample);
            var output = new StringBuilder();
            var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["--urls", "http://127.0.0.1:0", .. arguments, "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information"])
            {
                start.ArgumentList.Add(argument);
            }
            var process = new Process { StartInfo = start, EnableRaisingEvents = true };
            void Collect(object sender, DataReceivedEventArgs e)
            {
                if (e.Data is null)
                {
                    return;
                }
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
                if (ListeningLine().Match(e.Data) is { Success: true } match)
                {
                    listening.TrySetResult(new Uri(match.Groups[1].Value));
                }
            }
            process.OutputDataReceived += Collect;
            process.ErrorDataReceived += Collect;
            process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"{sample} exited before it listened:\n{output}"));
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            try
            {
                var http = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
                return new NativeServer { _process = process, _output = output, Http = http };
            }
            catch
            {
                process.Kill();
                process.Dispose();
                throw;
            }
        }

        protected override async ValueTask StopAsync()
        {
            if (!_process.HasExited)
            {
                // SIGTERM, as a service manager would send: the host shuts down and closes clients with 1001.
                using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
                {
                    await kill.WaitForExitAsync();
                }
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill();
                    throw new InvalidOperationException($"The native server did not stop on SIGTERM:\n{_output}");
                }
            }
            _process.Dispose();
        }

        [GeneratedRegex(@"Now listening on: (http://\S+)")]
        private static partial Regex ListeningLine();
    }
}
