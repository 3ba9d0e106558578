using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using TypedSockets.Tests.Infrastructure;

namespace TypedSockets.Tests.Client;

/// <summary>
/// Two processes of samples/ChatClient, published with Native AOT, chatting through samples/Chat:
/// what a user types in one appears in the other, and <c>/ping</c> prints the reply.
/// </summary>
public sealed partial class ChatClientSampleTests : IAsyncLifetime
{
    private SampleServer _chat = null!;

    public async Task InitializeAsync() => _chat = await SampleServer.StartAsync("Chat", SampleHosting.InProcess, Chat.ChatApp.Build);

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task Two_native_clients_see_each_others_lines_and_ping_gets_its_reply()
    {
        var executable = await SampleServer.EnsurePublishedAsync("ChatClient");
        var uri = _chat.WebSocket("/ws/chat").ToString();
        await using var a = ConsoleProcess.Start(executable, uri);
        var aId = Connected().Match(await a.WaitForLineAsync(Connected())).Groups[1].Value;
        await using var b = ConsoleProcess.Start(executable, uri);
        var bId = Connected().Match(await b.WaitForLineAsync(Connected())).Groups[1].Value;
        await a.WaitForLineAsync(new Regex($"^\\* {bId} joined$"));

        await a.WriteLineAsync("hello from a");
        await b.WaitForLineAsync(new Regex($"^{aId}: hello from a$"));
        await b.WriteLineAsync("and hello from b");
        await a.WaitForLineAsync(new Regex($"^{bId}: and hello from b$"));
        await a.WriteLineAsync("/ping");
        await a.WaitForLineAsync(new Regex(@"^pong 1 in [0-9.]+ ms$"));
        await b.WriteLineAsync("/join lobby");
        await b.WaitForLineAsync(new Regex("^\\* in room lobby$"));
        await a.WriteLineAsync("/room lobby not a member");
        await a.WaitForLineAsync(new Regex("^! forbidden: "));

        // The end of input closes each client cleanly.
        Assert.Equal(0, await a.EndInputAndWaitAsync());
        await b.WaitForLineAsync(new Regex($"^\\* {aId} left$"));
        Assert.Equal(0, await b.EndInputAndWaitAsync());
        Assert.DoesNotContain(a.Lines, line => line.Contains("Unhandled exception", StringComparison.Ordinal));
    }

    [Fact]
    public void The_client_app_restores_no_ASP_NET_Core()
    {
        // What NuGet resolved for samples/ChatClient: the contracts library, TypedSockets.Client and
        // Core, logging abstractions; never the shared framework of ASP.NET Core or the server package.
        using var assets = System.Text.Json.JsonDocument.Parse(
            File.ReadAllText(Path.Combine(SampleServer.RepositoryRoot(), "samples", "ChatClient", "obj", "project.assets.json")));
        var resolved = assets.RootElement.GetProperty("targets").EnumerateObject()
            .SelectMany(target => target.Value.EnumerateObject().Select(library => library.Name.Split('/')[0]))
            .ToHashSet(StringComparer.Ordinal);
        var frameworkReferences = assets.RootElement.GetProperty("project").GetProperty("frameworks").EnumerateObject()
            .SelectMany(framework => framework.Value.TryGetProperty("frameworkReferences", out var references)
                ? references.EnumerateObject().Select(reference => reference.Name)
                : [])
            .ToList();

        Assert.Contains("TypedSockets.Client", resolved);
        Assert.Contains("Chat.Contracts", resolved);
        Assert.DoesNotContain(resolved, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || name == "TypedSockets");
        Assert.DoesNotContain(frameworkReferences, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^\* connected as (\S+), \d+ online$")]
    private static partial Regex Connected();

    /// <summary>A console app with its standard input, output and error redirected; output lines are kept in order.</summary>
    private sealed class ConsoleProcess : IAsyncDisposable
    {
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
        private readonly Process _process;
        private readonly List<string> _lines = [];
        private readonly SemaphoreSlim _arrived = new(0);

        private ConsoleProcess(Process process) => _process = process;

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public static ConsoleProcess Start(string executable, params string[] arguments)
        {
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardInputEncoding = new UTF8Encoding(false),
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            var process = new ConsoleProcess(new Process { StartInfo = start });
            process._process.OutputDataReceived += process.Collect;
            process._process.ErrorDataReceived += process.Collect;
            process._process.Start();
            process._process.BeginOutputReadLine();
            process._process.BeginErrorReadLine();
            return process;
        }

        public async Task WriteLineAsync(string line)
        {
            await _process.StandardInput.WriteLineAsync(line);
            await _process.StandardInput.FlushAsync();
        }

        /// <summary>Waits for a line matching <paramref name="pattern"/>; fails with every line seen so far.</summary>
        public async Task<string> WaitForLineAsync(Regex pattern)
        {
            var deadline = DateTime.UtcNow + Wait;
            var checkedLines = 0;
            while (true)
            {
                var lines = Lines;
                for (; checkedLines < lines.Count; checkedLines++)
                {
                    if (pattern.IsMatch(lines[checkedLines]))
                    {
                        return lines[checkedLines];
                    }
                }
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
                {
                    Assert.Fail($"No line matched /{pattern}/ within {Wait.TotalSeconds} s. Lines:\n{string.Join('\n', Lines)}");
                }
            }
        }

        public async Task<int> EndInputAndWaitAsync()
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(Wait);
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
        }

        private void Collect(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }
            lock (_lines)
            {
                _lines.Add(e.Data);
            }
            _arrived.Release();
        }
    }
}
