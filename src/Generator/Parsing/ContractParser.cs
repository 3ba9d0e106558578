using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using TypedSockets.Generator.Diagnostics;
using TypedSockets.Generator.Model;
using TypedSockets.Generator.Symbols;

namespace TypedSockets.Generator.Parsing;

/// <summary>
/// Parses an endpoint's contract: the ref and path it takes from an adopted
/// <c>[SocketContract]</c> type, and the events it receives (its handlers, <c>[Receives]</c>) and
/// sends (<c>[Sends]</c>), checking that handlers and declarations agree (TSK025).
/// </summary>
internal static class ContractParser
{
    /// <summary>
    /// Takes the ref and path of the contract <paramref name="endpoint"/> adopts; an endpoint that
    /// names its own must name the same. False (with TSK025) when the endpoint cannot be generated.
    /// </summary>
    public static bool TakeIdentity(
        INamedTypeSymbol endpoint,
        INamedTypeSymbol contract,
        Location refLocation,
        KnownTypeSymbols known,
        List<DiagnosticInfo> diagnostics,
        ref string @ref,
        string? ownPath,
        ref string path)
    {
        var attribute = contract.GetAttributes().FirstOrDefault(a => KnownTypeSymbols.Is(a.AttributeClass, known.SocketContractAttribute));
        if (attribute is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.ContractMismatch, refLocation, endpoint.Name,
                $"'{contract.Name}' is not a contract; mark it [SocketContract(\"ref\")] or derive the endpoint from SocketEndpoint"));
            return false;
        }
        var (contractRef, contractOwnPath) = ContractSymbols.RefAndPath(attribute);
        var contractPath = contractOwnPath ?? ContractSymbols.DefaultPath(contractRef);
        if (@ref.Length > 0 && @ref != contractRef)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.ContractMismatch, refLocation, endpoint.Name,
                $"its ref '{@ref}' is not the ref of '{contract.Name}', '{contractRef}'; write [SocketEndpoint] and let the contract name it"));
            return false;
        }
        if (ownPath is not null && ownPath != contractPath)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.ContractMismatch, refLocation, endpoint.Name,
                $"its path '{ownPath}' is not the path of '{contract.Name}', '{contractPath}'; set the path on the contract"));
            return false;
        }
        @ref = contractRef;
        path = contractPath;
        return true;
    }

    /// <summary>What a <c>[SocketContract]</c> type declares that its endpoint receives and sends.</summary>
    public static ContractModel ParseDeclarations(
        INamedTypeSymbol contract,
        KnownTypeSymbols known,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken) =>
        Parse(contract, adopted: null, [], known, diagnostics, cancellationToken, isContractType: true);

    /// <summary>What the endpoint receives and sends; mismatches between handlers and declarations are reported.</summary>
    public static ContractModel Parse(
        INamedTypeSymbol endpoint,
        INamedTypeSymbol? adopted,
        IReadOnlyList<(HandlerModel Handler, Location? Location)> handlers,
        KnownTypeSymbols known,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken,
        bool isContractType = false)
    {
        var declaring = adopted ?? endpoint;
        if (adopted is not null)
        {
            // The contract is the one place a client reads; declarations on the endpoint would be invisible to it.
            foreach (var (_, attribute) in ContractSymbols.Sent(endpoint, known))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.ContractMismatch, AttributeLocation(attribute, endpoint), endpoint.Name,
                    $"it adopts '{adopted.Name}', so declare what it sends there, not on the endpoint"));
            }
            foreach (var (_, _, attribute) in ContractSymbols.Received(endpoint, known))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.ContractMismatch, AttributeLocation(attribute, endpoint), endpoint.Name,
                    $"it adopts '{adopted.Name}', so declare what it receives there, not on the endpoint"));
            }
        }

        var inbound = new SortedDictionary<string, ContractEventModel>(System.StringComparer.Ordinal);
        var declaredInbound = new Dictionary<string, (string EventName, string? ReplyTypeName, string? ReplyEventName)>();
        foreach (var (eventType, reply, attribute) in ContractSymbols.Received(declaring, known))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Event(eventType, known) is not { } @event)
            {
                continue; // TSK021 reports the type argument.
            }
            var replyEvent = reply is null ? null : Event(reply, known);
            if (reply is not null && replyEvent is null)
            {
                continue; // TSK021 reports the reply type.
            }
            declaredInbound[@event.TypeName] = (@event.EventName, replyEvent?.TypeName, replyEvent?.EventName);
            inbound[@event.EventName] = new ContractEventModel(@event.EventName, @event.TypeName, replyEvent?.EventName, replyEvent?.TypeName);
        }

        var handled = new HashSet<string>();
        foreach (var (handler, location) in handlers)
        {
            handled.Add(handler.EventTypeName);
            if (declaredInbound.TryGetValue(handler.EventTypeName, out var declared))
            {
                if (declared.ReplyTypeName != handler.ReplyTypeName)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.ContractMismatch, location, endpoint.Name,
                        $"handler '{handler.MethodName}' answers '{handler.EventName}' with {Describe(handler.ReplyEventName)}, " +
                        $"but {Owner(adopted)} declares {Describe(declared.ReplyEventName)}; make the handler's return type and Reply agree"));
                }
                continue;
            }
            if (adopted is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.ContractMismatch, location, endpoint.Name,
                    $"handler '{handler.MethodName}' takes '{handler.EventName}', which '{adopted.Name}' does not receive; add [Receives<{ShortName(handler.EventTypeName)}>] to '{adopted.Name}'"));
                continue;
            }
            inbound[handler.EventName] = new ContractEventModel(handler.EventName, handler.EventTypeName, handler.ReplyEventName, handler.ReplyTypeName);
        }
        foreach (var pair in declaredInbound)
        {
            if (!isContractType && pair.Value.ReplyTypeName is not null && !handled.Contains(pair.Key))
            {
                // Only a handler can answer; subscribers only observe.
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.ContractMismatch, endpoint.Locations.FirstOrDefault(), endpoint.Name,
                    $"{Owner(adopted)} answers '{pair.Value.EventName}' with '{pair.Value.ReplyEventName}', but the endpoint has no [OnEvent] handler for it"));
            }
        }

        var outbound = new SortedDictionary<string, ContractEventModel>(System.StringComparer.Ordinal);
        foreach (var (eventType, _) in ContractSymbols.Sent(declaring, known))
        {
            if (Event(eventType, known) is { } @event)
            {
                outbound[@event.EventName] = new ContractEventModel(@event.EventName, @event.TypeName);
            }
        }

        return new ContractModel(
            adopted is null ? null : SymbolNames.TypeName(adopted),
            inbound.Values.ToEquatableArray(),
            outbound.Values.ToEquatableArray(),
            Shapes(endpoint, adopted, inbound.Values.Concat(outbound.Values), known, cancellationToken));
    }

    /// <summary>
    /// The shapes of the contract's events (requests, replies, sends), built from their symbols
    /// wherever they are declared: a contract's events may come from another assembly. Problems
    /// with a shape are the event's own diagnostics, reported where it is declared.
    /// </summary>
    private static EquatableArray<TypeShape> Shapes(
        INamedTypeSymbol endpoint,
        INamedTypeSymbol? adopted,
        IEnumerable<ContractEventModel> events,
        KnownTypeSymbols known,
        CancellationToken cancellationToken)
    {
        var wanted = new HashSet<string>();
        foreach (var @event in events)
        {
            wanted.Add(@event.TypeName);
            if (@event.ReplyTypeName is not null)
            {
                wanted.Add(@event.ReplyTypeName);
            }
        }
        var builder = new ShapeBuilder(known, cancellationToken);
        foreach (var type in EventTypes(endpoint, adopted, known))
        {
            if (wanted.Remove(SymbolNames.TypeName(type)))
            {
                builder.TryAdd(type, type.Locations.FirstOrDefault() ?? Location.None, out _);
            }
        }
        return builder.Shapes.OrderBy(s => s.TypeName, System.StringComparer.Ordinal).ToEquatableArray();
    }

    /// <summary>Every event type the contract's declarations and the endpoint's handlers name.</summary>
    private static IEnumerable<INamedTypeSymbol> EventTypes(INamedTypeSymbol endpoint, INamedTypeSymbol? adopted, KnownTypeSymbols known)
    {
        var declaring = adopted ?? endpoint;
        foreach (var (type, _) in ContractSymbols.Sent(declaring, known))
        {
            if (type is INamedTypeSymbol named)
            {
                yield return named;
            }
        }
        foreach (var (type, reply, _) in ContractSymbols.Received(declaring, known))
        {
            if (type is INamedTypeSymbol named)
            {
                yield return named;
            }
            if (reply is INamedTypeSymbol namedReply)
            {
                yield return namedReply;
            }
        }
        foreach (var (request, reply) in ContractSymbols.Handlers(endpoint, known))
        {
            if (request is INamedTypeSymbol namedRequest)
            {
                yield return namedRequest;
            }
            if (reply is INamedTypeSymbol namedReply)
            {
                yield return namedReply;
            }
        }
    }

    /// <summary>The event's name and type when <paramref name="type"/> is an event with (or about to get) its code.</summary>
    private static (string EventName, string TypeName)? Event(ITypeSymbol type, KnownTypeSymbols known)
    {
        if (type is not INamedTypeSymbol named || EndpointParser.EventNameOf(named, known) is not { } name
            || !EndpointParser.HasGeneratedCode(named, name, known))
        {
            return null;
        }
        return (name, SymbolNames.TypeName(named));
    }

    private static Location? AttributeLocation(AttributeData attribute, ISymbol fallback) =>
        attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? fallback.Locations.FirstOrDefault();

    private static string Owner(INamedTypeSymbol? adopted) =>
        adopted is null ? "its [Receives] declaration" : $"'{adopted.Name}'";

    private static string Describe(string? replyEventName) => replyEventName is null ? "nothing" : $"'{replyEventName}'";

    /// <summary>The type's name without namespace or <c>global::</c>, for a message.</summary>
    private static string ShortName(string typeName)
    {
        var dot = typeName.LastIndexOf('.');
        return dot < 0 ? typeName.Replace("global::", string.Empty) : typeName.Substring(dot + 1);
    }
}
