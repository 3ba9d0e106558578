using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TypedSockets.Tests.Redis;

/// <summary>
/// A real redis-server on a free loopback port, without persistence, for the Redis bus tests;
/// it can be stopped and started again on the same port. scripts/ensure-redis.sh (run by test.sh)
/// installs Debian's redis-server when the machine lacks it.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private Process? _process;

    public int Port { get; } = FreePort();

    public string Configuration => $"127.0.0.1:{Port}";

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        var path = File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server";
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
        {
            start.ArgumentList.Add(argument);
        }
        try
        {
            _process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("redis-server is not installed: run scripts/ensure-redis.sh (test.sh does).", exception);
        }
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Kills the server (as a crash would) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    public Task DisposeAsync() => StopAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
