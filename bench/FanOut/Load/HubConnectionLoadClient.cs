using System.Diagnostics;
using FanOut.Servers;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace FanOut.Load;

/// <summary>
/// A SignalR client built on the official <see cref="HubConnection"/> (WebSockets only, no
/// negotiation), for <c>--signalr-client library</c>: it parses every message into a
/// <see cref="HubTick"/>, which costs the shared CPU more than the bare clients do.
/// </summary>
internal sealed class HubConnectionLoadClient : ILoadClient
{
    private readonly HubConnection _connection;
    private readonly string _pad;
    private volatile bool _closing;

    private HubConnectionLoadClient(HubConnection connection, string pad)
    {
        _connection = connection;
        _pad = pad;
    }

    public static async Task<HubConnectionLoadClient> ConnectAsync(Uri uri, WireFormat format, DeliveryTracker tracker, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(uri, HttpTransportType.WebSockets, options => options.SkipNegotiation = true)
            .Build();
        var client = new HubConnectionLoadClient(connection, new string('x', format.PadLength));
        connection.On<HubTick>(SignalRServer.TickMethod, tick => tracker.OnDelivery(tick.Seq, tick.SentAt));
        connection.Closed += error =>
        {
            if (!client._closing)
            {
                tracker.OnError();
            }
            return Task.CompletedTask;
        };
        try
        {
            await connection.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return client;
    }

    public ValueTask SendAsync(bool toOthers, int seq) =>
        new(_connection.SendAsync(toOthers ? nameof(FanOutHub.Chat) : nameof(FanOutHub.Publish), new HubTick(Stopwatch.GetTimestamp(), seq, _pad)));

    public async ValueTask DisposeAsync()
    {
        _closing = true;
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
