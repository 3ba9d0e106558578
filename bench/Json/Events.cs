namespace TypedSockets.Benchmarks.Json;

// Three events of the sizes a real app sends: a chat line, an order with its lines, a market snapshot.

/// <summary>Small: one chat message.</summary>
[SocketEvent("bench_said")]
public sealed partial record Said(string From, string Text, DateTimeOffset At);

/// <summary>Medium: an order with a nested customer, a few lines, an enum and nullable members.</summary>
[SocketEvent("bench_order_placed")]
public sealed partial record OrderPlaced(
    Guid OrderId,
    OrderStatus Status,
    Customer Customer,
    List<LineItem> Items,
    decimal Total,
    string? Note,
    DateTimeOffset PlacedAt,
    DateTimeOffset? ShippedAt);

/// <summary>Where an order is.</summary>
public enum OrderStatus
{
    /// <summary>Placed, not paid.</summary>
    Pending,

    /// <summary>Paid.</summary>
    Paid,

    /// <summary>On its way.</summary>
    Shipped,
}

/// <summary>Who placed an order.</summary>
public sealed record Customer(Guid Id, string Name, string Email, string? Phone);

/// <summary>One line of an order.</summary>
public sealed record LineItem(string Sku, string Name, int Quantity, decimal UnitPrice, decimal? Discount);

/// <summary>Large: a hundred tickers keyed by symbol.</summary>
[SocketEvent("bench_market_snapshot")]
public sealed partial record MarketSnapshot(long Sequence, DateTimeOffset TakenAt, Dictionary<string, Ticker> Tickers);

/// <summary>One instrument's latest quote.</summary>
public sealed record Ticker(string Symbol, double Price, long Volume, decimal Change, DateTimeOffset UpdatedAt, List<string> Tags);
