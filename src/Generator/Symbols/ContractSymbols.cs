using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TypedSockets.Generator.Symbols;

/// <summary>
/// Reads an endpoint's contract declarations off its symbols: which contract type it adopts, and
/// the <c>[Sends&lt;T&gt;]</c> and <c>[Receives&lt;T&gt;]</c> attributes of the type that declares
/// them. The generator's parse and the analyzers read contracts the same way through here.
/// </summary>
internal static class ContractSymbols
{
    /// <summary>The <c>TContract</c> of the <c>SocketEndpoint&lt;TContract&gt;</c> that <paramref name="type"/> derives from, if any.</summary>
    public static INamedTypeSymbol? AdoptedContract(ITypeSymbol type, KnownTypeSymbols known)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && KnownTypeSymbols.Is(current.OriginalDefinition, known.SocketEndpointOfT))
            {
                return current.TypeArguments[0] as INamedTypeSymbol;
            }
        }
        return null;
    }

    /// <summary>
    /// The type whose attributes declare what an endpoint sends and receives: the contract it
    /// adopts, else the endpoint itself when it is a <c>[SocketEndpoint]</c> class; null when
    /// <paramref name="type"/> is neither (the <c>SocketEndpoint</c> base, an abstract helper class).
    /// </summary>
    public static INamedTypeSymbol? DeclaringType(ITypeSymbol type, KnownTypeSymbols known)
    {
        if (AdoptedContract(type, known) is { } contract)
        {
            return contract;
        }
        return type is INamedTypeSymbol named && HasAttribute(named, known.SocketEndpointAttribute) ? named : null;
    }

    /// <summary>The event types of the <c>[Sends&lt;T&gt;]</c> attributes on <paramref name="declaring"/>, with each attribute.</summary>
    public static IEnumerable<(ITypeSymbol Event, AttributeData Attribute)> Sent(INamedTypeSymbol declaring, KnownTypeSymbols known)
    {
        foreach (var attribute in declaring.GetAttributes())
        {
            if (IsGenericAttribute(attribute, known.SendsAttribute, out var eventType))
            {
                yield return (eventType, attribute);
            }
        }
    }

    /// <summary>
    /// The event types of the <c>[Receives&lt;T&gt;]</c> attributes on <paramref name="declaring"/>,
    /// each with the reply type its <c>Reply</c> names (null when none) and the attribute.
    /// </summary>
    public static IEnumerable<(ITypeSymbol Event, ITypeSymbol? Reply, AttributeData Attribute)> Received(INamedTypeSymbol declaring, KnownTypeSymbols known)
    {
        foreach (var attribute in declaring.GetAttributes())
        {
            if (IsGenericAttribute(attribute, known.ReceivesAttribute, out var eventType))
            {
                ITypeSymbol? reply = null;
                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "Reply")
                    {
                        reply = named.Value.Value as ITypeSymbol;
                    }
                }
                yield return (eventType, reply, attribute);
            }
        }
    }

    /// <summary>
    /// The <c>[OnEvent]</c> methods of <paramref name="endpoint"/>: the event each takes (its first
    /// parameter) and the type it answers with (its return type, out of <c>Task&lt;T&gt;</c> or
    /// <c>ValueTask&lt;T&gt;</c>; whether that is an event is for the caller to decide).
    /// </summary>
    public static IEnumerable<(ITypeSymbol Event, ITypeSymbol Reply)> Handlers(INamedTypeSymbol endpoint, KnownTypeSymbols known)
    {
        foreach (var member in endpoint.GetMembers())
        {
            if (member is IMethodSymbol { Parameters.Length: > 0 } method && HasAttribute(method, known.OnEventAttribute))
            {
                yield return (method.Parameters[0].Type, Awaited(method.ReturnType, known));
            }
        }
    }

    /// <summary>The <c>T</c> of <c>Task&lt;T&gt;</c> or <c>ValueTask&lt;T&gt;</c>, else the type itself.</summary>
    private static ITypeSymbol Awaited(ITypeSymbol type, KnownTypeSymbols known) =>
        type is INamedTypeSymbol { IsGenericType: true } generic
            && (KnownTypeSymbols.Is(generic.OriginalDefinition, known.TaskOfT) || KnownTypeSymbols.Is(generic.OriginalDefinition, known.ValueTaskOfT))
            ? generic.TypeArguments[0]
            : type;

    /// <summary>
    /// The ref a <c>[SocketEndpoint]</c> or <c>[SocketContract]</c> attribute names (empty when it
    /// names none), and the path it sets (null when it sets none; the default is <c>/ws/{ref}</c>).
    /// </summary>
    public static (string Ref, string? Path) RefAndPath(AttributeData attribute) =>
        (attribute.ConstructorArguments.FirstOrDefault().Value as string ?? string.Empty,
         attribute.NamedArguments.FirstOrDefault(a => a.Key == "Path").Value.Value as string);

    /// <summary>The path an endpoint with <paramref name="ref"/> is served at when it sets none.</summary>
    public static string DefaultPath(string @ref) => "/ws/" + @ref;

    /// <summary>The wire name <c>[SocketEvent("name")]</c> gives <paramref name="type"/>, or null when it is not an event.</summary>
    public static string? EventName(INamedTypeSymbol type, KnownTypeSymbols known)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (KnownTypeSymbols.Is(attribute.AttributeClass, known.SocketEventAttribute))
            {
                return attribute.ConstructorArguments.FirstOrDefault().Value as string;
            }
        }
        return null;
    }

    public static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attributeType)
    {
        if (attributeType is null)
        {
            return false;
        }
        foreach (var attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsGenericAttribute(AttributeData attribute, INamedTypeSymbol? definition, out ITypeSymbol typeArgument)
    {
        if (attribute.AttributeClass is { IsGenericType: true, TypeArguments.Length: 1 } generic
            && KnownTypeSymbols.Is(generic.OriginalDefinition, definition))
        {
            typeArgument = generic.TypeArguments[0];
            return true;
        }
        typeArgument = null!;
        return false;
    }
}
