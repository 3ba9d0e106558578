using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace FanOut.Load;

/// <summary>What Redis did over a phase: PUBLISH commands and bytes it received from the servers.</summary>
internal sealed record RedisCounters(long Publishes, long BytesIn)
{
    public RedisCounters Since(RedisCounters before) => new(Publishes - before.Publishes, BytesIn - before.BytesIn);
}

/// <summary>
/// The Redis of a scale-out run (<c>--nodes</c>): the one given with <c>--redis</c>, or a
/// redis-server this driver starts on a free loopback port (without persistence) and stops; and
/// its counters, read with INFO.
/// </summary>
internal sealed class RedisProbe : IAsyncDisposable
{
    private readonly Process? _process;
    private readonly ConnectionMultiplexer _connection;

    private RedisProbe(string configuration, Process? process, ConnectionMultiplexer connection)
    {
        Configuration = configuration;
        _process = process;
        _connection = connection;
    }

    public string Configuration { get; }

    public static async Task<RedisProbe> StartAsync(string? configuration)
    {
        Process? process = null;
        if (configuration is null)
        {
            var port = FreePort();
            var start = new ProcessStartInfo(File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
            {
                start.ArgumentList.Add(argument);
            }
            process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start (scripts/ensure-redis.sh installs it).");
            process.OutputDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            configuration = $"127.0.0.1:{port}";
        }
        var options = ConfigurationOptions.Parse(configuration);
        options.AllowAdmin = true;
        options.AbortOnConnectFail = false;
        var connection = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
        for (var i = 0; i < 100 && !connection.IsConnected; i++)
        {
            await Task.Delay(100).ConfigureAwait(false);
        }
        return new RedisProbe(configuration, process, connection);
    }

    public async Task<RedisCounters> ReadAsync()
    {
        var server = _connection.GetServers()[0];
        var commands = await server.InfoAsync("commandstats").ConfigureAwait(false);
        var stats = await server.InfoAsync("stats").ConfigureAwait(false);
        long publishes = 0, bytesIn = 0;
        foreach (var pair in commands.SelectMany(group => group))
        {
            // cmdstat_publish:calls=12,usec=…
            if (pair.Key == "cmdstat_publish")
            {
                var calls = pair.Value.Split(',')[0];
                publishes = long.Parse(calls[(calls.IndexOf('=', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
            }
        }
        foreach (var pair in stats.SelectMany(group => group))
        {
            if (pair.Key == "total_net_input_bytes")
            {
                bytesIn = long.Parse(pair.Value, CultureInfo.InvariantCulture);
            }
        }
        return new RedisCounters(publishes, bytesIn);
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        if (_process is not null)
        {
            _process.Kill();
            await _process.WaitForExitAsync().ConfigureAwait(false);
            _process.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
