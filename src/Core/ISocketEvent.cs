using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace TypedSockets;

/// <summary>
/// An event that travels over a socket. Implemented by the TypedSockets generator for every
/// <see cref="SocketEventAttribute"/> type; nothing here uses reflection.
/// </summary>
/// <typeparam name="TSelf">The event type itself.</typeparam>
public interface ISocketEvent<TSelf> where TSelf : ISocketEvent<TSelf>
{
    /// <summary>The event name on the wire.</summary>
    static abstract string EventName { get; }

    /// <summary>
    /// Whether the event is volatile (<see cref="SocketEventAttribute.Volatile"/>): under pressure
    /// it replaces an older frame of itself rather than filling a client's queue.
    /// </summary>
    static virtual bool IsVolatile => false;

    /// <summary>
    /// Whether the event can be read from JSON (it has a constructor reading can use); an event that
    /// cannot is only ever sent by the server.
    /// </summary>
    static virtual bool IsReadable => true;

    /// <summary>Writes <paramref name="value"/> as the JSON value of the event's <c>data</c>.</summary>
    static abstract void Write(Utf8JsonWriter writer, TSelf value);

    /// <summary>
    /// Reads the event from <paramref name="reader"/>, which is positioned on the value's first
    /// token; on success the reader is left on the value's last token.
    /// </summary>
    /// <returns><see langword="false"/> with <paramref name="error"/> set (JSON path and reason)
    /// when the JSON does not match the event's type.</returns>
    static abstract bool TryRead(
        ref Utf8JsonReader reader,
        [MaybeNullWhen(false)] out TSelf value,
        [NotNullWhen(false)] out SocketJsonError? error);
}
