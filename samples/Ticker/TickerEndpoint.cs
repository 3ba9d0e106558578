using TypedSockets;

namespace Ticker;

/// <summary>
/// Price ticks at <c>/ws/ticker</c>. Each symbol is a group: <c>subscribe</c> joins it,
/// <c>unsubscribe</c> leaves it, and <see cref="PriceFeed"/> broadcasts to it. Its contract is
/// <see cref="ITickerContract"/>.
/// </summary>
[SocketEndpoint]
public sealed partial class TickerEndpoint(Market market) : SocketEndpoint<ITickerContract>
{
    [OnConnect]
    public ValueTask Connected(SocketClient client) => client.SendAsync(new Symbols(market.Symbols));

    [OnEvent]
    public ValueTask Subscribe(Subscribe request, SocketClient sender) => JoinGroup(sender, Known(request.Symbol));

    [OnEvent]
    public ValueTask Unsubscribe(Unsubscribe request, SocketClient sender) => LeaveGroup(sender, Known(request.Symbol));

    private string Known(string symbol) =>
        market.IsListed(symbol)
            ? symbol
            : throw new SocketErrorException("unknown_symbol", $"'{symbol}' is not listed; see the symbols event for what is.");
}
