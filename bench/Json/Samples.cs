namespace TypedSockets.Benchmarks.Json;

/// <summary>The values the benchmarks write and read: fixed, so every run measures the same bytes.</summary>
internal static class Samples
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 9, 30, 0, TimeSpan.FromHours(2));

    public static Said Said() =>
        new("ada", "Deploy is green, I'm merging the websocket branch now", Start.AddMilliseconds(1234));

    public static OrderPlaced OrderPlaced() =>
        new(
            Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"),
            OrderStatus.Paid,
            new Customer(Guid.Parse("3b241101-e2bb-4255-8caf-4136c566a962"), "Grace Hopper", "grace@example.com", null),
            [
                new LineItem("KB-104", "Mechanical keyboard", 1, 129.90m, null),
                new LineItem("MS-220", "Wireless mouse", 2, 39.50m, 5.00m),
                new LineItem("CB-USB-C", "USB-C cable, 2 m", 3, 12.99m, null),
                new LineItem("MN-27Q", "27\" monitor", 1, 329.00m, 30.00m),
                new LineItem("ST-ARM", "Monitor arm", 1, 74.25m, null),
            ],
            729.33m,
            "Leave at the front desk",
            Start,
            null);

    public static MarketSnapshot MarketSnapshot()
    {
        string[][] tagSets = [["nasdaq", "tech"], ["nyse", "energy", "dividend"], ["nyse", "finance"], ["lse", "mining", "esg"]];
        var tickers = new Dictionary<string, Ticker>(100, StringComparer.Ordinal);
        for (var i = 0; i < 100; i++)
        {
            var symbol = Symbol(i * 4_567 % (26 * 26 * 26 * 26));
            tickers.Add(symbol, new Ticker(
                symbol,
                Math.Round(20 + (i * 7.31 % 480), 2),
                1_000_000L + (i * 7_919L * 131),
                ((i % 13) - 6) * 0.125m,
                Start.AddSeconds(i),
                [.. tagSets[i % tagSets.Length]]));
        }
        return new MarketSnapshot(1_048_576, Start.AddMinutes(5), tickers);
    }

    // Four letters in base 26, so the keys look like real ticker symbols.
    private static string Symbol(int index)
    {
        Span<char> letters = stackalloc char[4];
        for (var i = 3; i >= 0; i--)
        {
            letters[i] = (char)('A' + (index % 26));
            index /= 26;
        }
        return new string(letters);
    }
}
