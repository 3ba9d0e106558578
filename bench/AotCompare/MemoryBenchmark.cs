using System.Diagnostics;

namespace AotCompare;

/// <summary>One server's resident memory before and with idle chat connections.</summary>
/// <param name="IdleBytes">VmRSS once the server accepts connections and has settled, with none open.</param>
/// <param name="LoadedBytes">VmRSS with every connection open and idle.</param>
/// <param name="Connections">How many connections were opened.</param>
/// <param name="OpenAtReading">How many of them were still open when VmRSS was read.</param>
/// <param name="OpeningTime">How long opening them all took, welcome included.</param>
internal sealed record MemorySample(long IdleBytes, long LoadedBytes, int Connections, int OpenAtReading, TimeSpan OpeningTime)
{
    public double BytesPerConnection => (double)(LoadedBytes - IdleBytes) / Connections;
}

/// <summary>Opens many idle chat connections to a server and reads its VmRSS before and after.</summary>
internal static class MemoryBenchmark
{
    // Connections opened at once; more would only queue in Kestrel's accept backlog.
    private const int OpeningConcurrency = 32;
    private static readonly TimeSpan OpeningTimeout = TimeSpan.FromMinutes(3);
    // Below SignalR's 30 s client timeout, as SignalR's own clients do with 15 s.
    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(10);

    public static async Task<MemorySample> MeasureAsync(string executable, ChatProtocol protocol, int connections, TimeSpan settle)
    {
        using var server = ServerProcess.Start(executable);
        var limit = server.OpenFilesLimit();
        if (limit < connections + 100)
        {
            throw new InvalidOperationException($"The server may open only {limit} files, too few for {connections} connections; raise `ulimit -n`.");
        }

        // Ready: one connection accepted, then closed; what the server built for it stays, like after a first user.
        (await StartupBenchmark.ConnectWhenReadyAsync(server.ChatUri)).Abort();
        await Task.Delay(settle);
        var idle = server.ResidentBytes();

        var clients = new ChatConnection?[connections];
        using var stopKeepAlive = new CancellationTokenSource();
        var keepAlive = Task.CompletedTask;
        try
        {
            var opening = Stopwatch.StartNew();
            await OpenAllAsync(server.ChatUri, protocol, clients);
            opening.Stop();

            keepAlive = KeepAliveAsync(clients, stopKeepAlive.Token);
            await Task.Delay(settle);
            var loaded = server.ResidentBytes();
            var open = clients.Count(client => client!.IsOpen);
            return new MemorySample(idle, loaded, connections, open, opening.Elapsed);
        }
        finally
        {
            await stopKeepAlive.CancelAsync();
            await keepAlive;
            foreach (var client in clients)
            {
                if (client is not null)
                {
                    await client.DisposeAsync();
                }
            }
        }
    }

    private static async Task OpenAllAsync(Uri uri, ChatProtocol protocol, ChatConnection?[] clients)
    {
        using var timeout = new CancellationTokenSource(OpeningTimeout);
        var options = new ParallelOptions { MaxDegreeOfParallelism = OpeningConcurrency, CancellationToken = timeout.Token };
        await Parallel.ForEachAsync(Enumerable.Range(0, clients.Length), options, async (i, cancellationToken) =>
            clients[i] = await ChatConnection.OpenAsync(uri, protocol, cancellationToken));
    }

    private static async Task KeepAliveAsync(ChatConnection?[] clients, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(KeepAliveInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var client in clients)
                {
                    await client!.KeepAliveAsync(cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
