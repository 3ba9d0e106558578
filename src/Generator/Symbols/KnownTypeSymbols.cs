using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace TypedSockets.Generator.Symbols;

/// <summary>
/// The well-known types of one compilation, resolved once (each parse of that compilation shares
/// them) and compared with <see cref="SymbolEqualityComparer"/>. A type the compilation does not
/// reference is <see langword="null"/> and matches nothing.
/// </summary>
internal sealed class KnownTypeSymbols
{
    private static readonly ConditionalWeakTable<Compilation, KnownTypeSymbols> Cache = new();

    private KnownTypeSymbols(Compilation compilation)
    {
        SocketEventAttribute = compilation.GetTypeByMetadataName(MetadataNames.SocketEventAttribute);
        OnEventAttribute = compilation.GetTypeByMetadataName(MetadataNames.OnEventAttribute);
        OnConnectAttribute = compilation.GetTypeByMetadataName(MetadataNames.OnConnectAttribute);
        OnDisconnectAttribute = compilation.GetTypeByMetadataName(MetadataNames.OnDisconnectAttribute);
        SocketEndpoint = compilation.GetTypeByMetadataName(MetadataNames.SocketEndpoint);
        SocketClient = compilation.GetTypeByMetadataName(MetadataNames.SocketClient);
        ISocketEvent = compilation.GetTypeByMetadataName(MetadataNames.ISocketEvent);
        CancellationToken = compilation.GetTypeByMetadataName(MetadataNames.CancellationToken);
        IServiceProvider = compilation.GetTypeByMetadataName(MetadataNames.IServiceProvider);
        Task = compilation.GetTypeByMetadataName(MetadataNames.Task);
        TaskOfT = compilation.GetTypeByMetadataName(MetadataNames.TaskOfT);
        ValueTask = compilation.GetTypeByMetadataName(MetadataNames.ValueTask);
        ValueTaskOfT = compilation.GetTypeByMetadataName(MetadataNames.ValueTaskOfT);
        IAuthorizeData = compilation.GetTypeByMetadataName(MetadataNames.IAuthorizeData);
        IAllowAnonymous = compilation.GetTypeByMetadataName(MetadataNames.IAllowAnonymous);
    }

    public INamedTypeSymbol? SocketEventAttribute { get; }

    public INamedTypeSymbol? OnEventAttribute { get; }

    public INamedTypeSymbol? OnConnectAttribute { get; }

    public INamedTypeSymbol? OnDisconnectAttribute { get; }

    public INamedTypeSymbol? SocketEndpoint { get; }

    public INamedTypeSymbol? SocketClient { get; }

    public INamedTypeSymbol? ISocketEvent { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    public INamedTypeSymbol? IServiceProvider { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? IAuthorizeData { get; }

    public INamedTypeSymbol? IAllowAnonymous { get; }

    public static KnownTypeSymbols For(Compilation compilation) => Cache.GetValue(compilation, static c => new KnownTypeSymbols(c));

    /// <summary>Whether <paramref name="type"/> is <paramref name="known"/> (an unresolved known type matches nothing).</summary>
    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
        known is not null && SymbolEqualityComparer.Default.Equals(type, known);

    /// <summary>Whether <paramref name="type"/> derives from <paramref name="baseType"/>, directly or not.</summary>
    public static bool DerivesFrom(ITypeSymbol type, INamedTypeSymbol? baseType)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (Is(current, baseType))
            {
                return true;
            }
        }
        return false;
    }
}
