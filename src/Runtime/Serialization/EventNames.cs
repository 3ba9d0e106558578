using System.Text.Json;

namespace TypedSockets.Serialization;

/// <summary>The encoded name of each event type, computed once per type.</summary>
internal static class EventNames<TEvent> where TEvent : ISocketEvent<TEvent>
{
    public static readonly JsonEncodedText Encoded = JsonEncodedText.Encode(TEvent.EventName);
}
