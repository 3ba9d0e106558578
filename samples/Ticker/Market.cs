namespace Ticker;

/// <summary>The listed symbols and a random walk of their prices.</summary>
public sealed class Market
{
    private readonly Dictionary<string, decimal> _prices = new(StringComparer.Ordinal)
    {
        ["ACME"] = 120.00m,
        ["GLOBEX"] = 54.30m,
        ["INITECH"] = 8.75m,
        ["UMBRELLA"] = 310.10m,
    };

    private readonly Random _random;

    public Market() : this(Random.Shared) { }

    public Market(Random random)
    {
        _random = random;
        Symbols = [.. _prices.Keys];
    }

    public IReadOnlyList<string> Symbols { get; }

    public bool IsListed(string symbol) => _prices.ContainsKey(symbol);

    /// <summary>Moves the price of <paramref name="symbol"/> by up to half a percent and returns it.</summary>
    /// <remarks>Called from the feed's single loop only, so it needs no lock.</remarks>
    public decimal Move(string symbol)
    {
        var price = _prices[symbol];
        var step = (decimal)(_random.NextDouble() - 0.5) / 100m;
        price = Math.Max(0.01m, Math.Round(price * (1 + step), 2));
        _prices[symbol] = price;
        return price;
    }
}
