using FanOut.Servers;

namespace FanOut.Load;

/// <summary>
/// The running servers of one kind (one, or several on one Redis), the clients connected to them
/// (spread round-robin), and what they received.
/// </summary>
internal sealed class Session(ServerKind kind, IReadOnlyList<RunningServer> servers, Options options, RedisProbe? redis) : IAsyncDisposable
{
    // Connections opened at once: enough to connect quickly, few enough for Kestrel's accept backlog.
    private const int ConnectParallelism = 16;

    private ILoadClient[] _clients = [];
    private int _nextSeq;

    public ServerKind Kind => kind;

    public IReadOnlyList<RunningServer> Servers => servers;

    /// <summary>The Redis the servers share, in a scale-out run.</summary>
    public RedisProbe? Redis => redis;

    /// <summary>The servers' counters, summed.</summary>
    public async Task<ServerStats> StatsAsync(bool collect)
    {
        var all = await Task.WhenAll(servers.Select(server => server.StatsAsync(collect))).ConfigureAwait(false);
        return all.Aggregate((sum, next) => sum.Plus(next));
    }

    public Options Options => options;

    public WireFormat Format { get; } = WireFormat.For(kind, options.Payload);

    public DeliveryTracker Tracker { get; } = new();

    public IReadOnlyList<ILoadClient> Clients => _clients;

    /// <summary>Connects <paramref name="count"/> clients, replacing none: call <see cref="DisconnectAllAsync"/> first.</summary>
    public async Task ConnectAsync(int count)
    {
        var uris = servers.Select(server => server.WebSocketUri(kind)).ToArray();
        var clients = new ILoadClient[count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = ConnectParallelism },
            async (index, cancellationToken) => clients[index] =
                kind == ServerKind.SignalR && options.SignalRClient == SignalRClientKind.Library
                    ? await HubConnectionLoadClient.ConnectAsync(uris[index % uris.Length], Format, Tracker, cancellationToken).ConfigureAwait(false)
                    : await WebSocketLoadClient.ConnectAsync(uris[index % uris.Length], Format, Tracker, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        _clients = clients;
        if (options.Nodes > 1 && kind == ServerKind.TypedSockets)
        {
            foreach (var server in servers)
            {
                await server.WaitHealthyAsync().ConfigureAwait(false);
            }
        }
    }

    public async Task DisconnectAllAsync()
    {
        await Task.WhenAll(_clients.Select(client => client.DisposeAsync().AsTask())).ConfigureAwait(false);
        _clients = [];
    }

    /// <summary>
    /// Reserves <paramref name="count"/> sequence numbers. They grow across the phases of a run,
    /// so a late delivery from one phase is never counted in the next.
    /// </summary>
    public int ReserveSeqs(int count)
    {
        var first = _nextSeq;
        _nextSeq += count;
        return first;
    }

    public ValueTask DisposeAsync() => new(DisconnectAllAsync());
}
