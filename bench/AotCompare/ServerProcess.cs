using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AotCompare;

/// <summary>A published chat server started on a free loopback port, killed on dispose.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri chatUri, long startTimestamp)
    {
        _process = process;
        ChatUri = chatUri;
        StartTimestamp = startTimestamp;
    }

    /// <summary>The chat endpoint, <c>ws://127.0.0.1:PORT/ws/chat</c>, the same path in both apps.</summary>
    public Uri ChatUri { get; }

    /// <summary>The <see cref="Stopwatch"/> timestamp taken just before the process was started.</summary>
    public long StartTimestamp { get; }

    /// <summary>Starts the executable with <c>--urls http://127.0.0.1:PORT</c>. Its log output is read and dropped.</summary>
    public static ServerProcess Start(string executable)
    {
        var port = FreePort();
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(executable)!,
        };
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");

        var startTimestamp = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {executable}.");
        // Both apps log every connection; a full pipe would block the server, so keep it drained.
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, new Uri($"ws://127.0.0.1:{port}/ws/chat"), startTimestamp);
    }

    /// <summary>VmRSS, the resident set size, from <c>/proc/PID/status</c>, in bytes.</summary>
    public long ResidentBytes() => ReadProcField("status", "VmRSS:") * 1024;

    /// <summary>The soft limit on open files of the server process (<see cref="long.MaxValue"/> for unlimited).</summary>
    public long OpenFilesLimit() => ReadProcField("limits", "Max open files");

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    // The first number after the label on its line, e.g. "VmRSS:     23456 kB" or "Max open files  1024  4096  files".
    private long ReadProcField(string file, string label)
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"The server exited with code {_process.ExitCode}.");
        }
        var line = File.ReadLines($"/proc/{_process.Id}/{file}").First(l => l.StartsWith(label, StringComparison.Ordinal));
        var number = line[label.Length..].TrimStart().Split(' ', 2)[0];
        return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : long.MaxValue;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
