using System.Collections.Generic;

namespace TypedSockets.Generator.Model;

/// <summary>
/// An endpoint's wire contract: the events clients may send it (with the reply each request gets)
/// and the events it may send them, each list ordered by event name. It comes from the endpoint's
/// handlers and its <c>[Receives]</c> / <c>[Sends]</c> declarations, or from the
/// <c>[SocketContract]</c> type it adopts.
/// </summary>
/// <param name="ContractTypeName">The <c>[SocketContract]</c> type the endpoint adopts, if it adopts one.</param>
/// <param name="Inbound">Client to server.</param>
/// <param name="Outbound">Server to client.</param>
/// <param name="Shapes">The JSON shapes of every event in the contract and of all they reach, for the
/// AsyncAPI document and the contract hash.</param>
internal sealed record ContractModel(
    string? ContractTypeName,
    EquatableArray<ContractEventModel> Inbound,
    EquatableArray<ContractEventModel> Outbound,
    EquatableArray<TypeShape> Shapes)
{
    /// <summary>The shapes by type name, for the writers that follow one type to another.</summary>
    public Dictionary<string, TypeShape> ShapesByName()
    {
        var byName = new Dictionary<string, TypeShape>();
        foreach (var shape in Shapes)
        {
            byName[shape.TypeName] = shape;
        }
        return byName;
    }

    /// <summary>
    /// Every event the server sends as a plain frame: the declared outbound events, then each reply
    /// event not among them (a request sent without a <c>ref</c> gets its reply as a plain event).
    /// </summary>
    public IEnumerable<ContractEventModel> Sent()
    {
        var seen = new HashSet<string>();
        foreach (var outbound in Outbound)
        {
            seen.Add(outbound.EventName);
            yield return outbound;
        }
        foreach (var inbound in Inbound)
        {
            if (inbound.ReplyEventName is { } reply && seen.Add(reply))
            {
                yield return new ContractEventModel(reply, inbound.ReplyTypeName!);
            }
        }
    }
}

/// <summary>One event of a contract.</summary>
/// <param name="EventName">The name on the wire.</param>
/// <param name="TypeName">The event type, fully qualified.</param>
/// <param name="ReplyEventName">For an inbound event answered with an event, that event's name.</param>
/// <param name="ReplyTypeName">For an inbound event answered with an event, that event's type.</param>
internal sealed record ContractEventModel(string EventName, string TypeName, string? ReplyEventName = null, string? ReplyTypeName = null);
