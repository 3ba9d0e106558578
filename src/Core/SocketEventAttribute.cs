namespace TypedSockets;

/// <summary>
/// Marks a <c>partial</c> record, class or struct as an event that travels over a socket.
/// The generator implements <see cref="ISocketEvent{TSelf}"/> for it, JSON code included.
/// </summary>
/// <param name="name">The event name on the wire: 1–64 letters, digits, <c>_</c>, <c>-</c>, <c>.</c> or <c>:</c>;
/// <c>reply</c>, <c>error</c> and names starting with <c>ts:</c> are reserved.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class SocketEventAttribute(string name) : Attribute
{
    /// <summary>The event name on the wire.</summary>
    public string Name { get; } = name;

    /// <summary>
    /// Whether only the latest value matters, as for a price tick or a cursor position. When a
    /// client's outbound queue is full, a volatile event replaces the oldest queued frame of the
    /// same event (or is dropped when there is none) instead of making the client a slow consumer.
    /// </summary>
    public bool Volatile { get; init; }
}
