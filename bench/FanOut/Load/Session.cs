using FanOut.Servers;

namespace FanOut.Load;

/// <summary>One running server, the clients connected to it, and what they received.</summary>
internal sealed class Session(ServerKind kind, RunningServer server, Options options) : IAsyncDisposable
{
    // Connections opened at once: enough to connect quickly, few enough for Kestrel's accept backlog.
    private const int ConnectParallelism = 16;

    private ILoadClient[] _clients = [];
    private int _nextSeq;

    public ServerKind Kind => kind;

    public RunningServer Server => server;

    public Options Options => options;

    public WireFormat Format { get; } = WireFormat.For(kind, options.Payload);

    public DeliveryTracker Tracker { get; } = new();

    public IReadOnlyList<ILoadClient> Clients => _clients;

    /// <summary>Connects <paramref name="count"/> clients, replacing none: call <see cref="DisconnectAllAsync"/> first.</summary>
    public async Task ConnectAsync(int count)
    {
        var uri = server.WebSocketUri(kind);
        var clients = new ILoadClient[count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = ConnectParallelism },
            async (index, cancellationToken) => clients[index] =
                kind == ServerKind.SignalR && options.SignalRClient == SignalRClientKind.Library
                    ? await HubConnectionLoadClient.ConnectAsync(uri, Format, Tracker, cancellationToken).ConfigureAwait(false)
                    : await WebSocketLoadClient.ConnectAsync(uri, Format, Tracker, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        _clients = clients;
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
