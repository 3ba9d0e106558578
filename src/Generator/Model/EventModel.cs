namespace TypedSockets.Generator.Model;

/// <summary>A <c>[SocketEvent]</c> type: its declaration, its wire name and the JSON shapes it needs.</summary>
/// <param name="Type">The event type's declaration.</param>
/// <param name="EventName">The name on the wire.</param>
/// <param name="IsReadable">Whether it can be read from JSON (so it can be inbound).</param>
/// <param name="Shapes">Its own shape first, then every shape it reaches.</param>
/// <param name="IsVolatile">Whether <c>Volatile = true</c> is set: a newer frame may replace it in a full queue.</param>
internal sealed record EventModel(
    TypeDeclarationModel Type,
    string EventName,
    bool IsReadable,
    EquatableArray<TypeShape> Shapes,
    bool IsVolatile);

/// <summary>What an endpoint's dispatch needs to know of an event of its assembly.</summary>
internal sealed record EventReference(string EventName, string TypeName, bool IsReadable);
