namespace Ticker;

/// <summary>
/// Server code that is not a handler using an endpoint: every 100 ms it moves each price and
/// broadcasts a <see cref="Tick"/> to the symbol's group. A broadcast never waits for a slow client.
/// </summary>
public sealed partial class PriceFeed(TickerEndpoint ticker, Market market, TimeProvider time, ILogger<PriceFeed> log)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = time.GetUtcNow();
                foreach (var symbol in market.Symbols)
                {
                    await ticker.BroadcastToGroup(symbol, new Tick(symbol, market.Move(symbol), now));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogStopped(log);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Price feed stopped")]
    private static partial void LogStopped(ILogger logger);
}
