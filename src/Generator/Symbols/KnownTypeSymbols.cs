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
        SocketEndpointAttribute = compilation.GetTypeByMetadataName(MetadataNames.SocketEndpointAttribute);
        OnEventAttribute = compilation.GetTypeByMetadataName(MetadataNames.OnEventAttribute);
        OnConnectAttribute = compilation.GetTypeByMetadataName(MetadataNames.OnConnectAttribute);
        OnDisconnectAttribute = compilation.GetTypeByMetadataName(MetadataNames.OnDisconnectAttribute);
        SocketEndpoint = compilation.GetTypeByMetadataName(MetadataNames.SocketEndpoint);
        SocketEndpointOfT = compilation.GetTypeByMetadataName(MetadataNames.SocketEndpointOfT);
        SocketContractAttribute = compilation.GetTypeByMetadataName(MetadataNames.SocketContractAttribute);
        SendsAttribute = compilation.GetTypeByMetadataName(MetadataNames.SendsAttribute);
        ReceivesAttribute = compilation.GetTypeByMetadataName(MetadataNames.ReceivesAttribute);
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
        Guid = compilation.GetTypeByMetadataName(MetadataNames.Guid);
        DateTimeOffset = compilation.GetTypeByMetadataName(MetadataNames.DateTimeOffset);
        DateOnly = compilation.GetTypeByMetadataName(MetadataNames.DateOnly);
        TimeOnly = compilation.GetTypeByMetadataName(MetadataNames.TimeOnly);
        TimeSpan = compilation.GetTypeByMetadataName(MetadataNames.TimeSpan);
        Uri = compilation.GetTypeByMetadataName(MetadataNames.Uri);
        Version = compilation.GetTypeByMetadataName(MetadataNames.Version);
        Half = compilation.GetTypeByMetadataName(MetadataNames.Half);
        Int128 = compilation.GetTypeByMetadataName(MetadataNames.Int128);
        UInt128 = compilation.GetTypeByMetadataName(MetadataNames.UInt128);
        JsonElement = compilation.GetTypeByMetadataName(MetadataNames.JsonElement);
        JsonNode = compilation.GetTypeByMetadataName(MetadataNames.JsonNode);
        ListOfT = compilation.GetTypeByMetadataName(MetadataNames.ListOfT);
        IReadOnlyListOfT = compilation.GetTypeByMetadataName(MetadataNames.IReadOnlyListOfT);
        IListOfT = compilation.GetTypeByMetadataName(MetadataNames.IListOfT);
        ICollectionOfT = compilation.GetTypeByMetadataName(MetadataNames.ICollectionOfT);
        IReadOnlyCollectionOfT = compilation.GetTypeByMetadataName(MetadataNames.IReadOnlyCollectionOfT);
        IEnumerableOfT = compilation.GetTypeByMetadataName(MetadataNames.IEnumerableOfT);
        HashSetOfT = compilation.GetTypeByMetadataName(MetadataNames.HashSetOfT);
        ISetOfT = compilation.GetTypeByMetadataName(MetadataNames.ISetOfT);
        IReadOnlySetOfT = compilation.GetTypeByMetadataName(MetadataNames.IReadOnlySetOfT);
        ImmutableArrayOfT = compilation.GetTypeByMetadataName(MetadataNames.ImmutableArrayOfT);
        ImmutableListOfT = compilation.GetTypeByMetadataName(MetadataNames.ImmutableListOfT);
        IImmutableListOfT = compilation.GetTypeByMetadataName(MetadataNames.IImmutableListOfT);
        DictionaryOfTKeyTValue = compilation.GetTypeByMetadataName(MetadataNames.DictionaryOfTKeyTValue);
        IDictionaryOfTKeyTValue = compilation.GetTypeByMetadataName(MetadataNames.IDictionaryOfTKeyTValue);
        IReadOnlyDictionaryOfTKeyTValue = compilation.GetTypeByMetadataName(MetadataNames.IReadOnlyDictionaryOfTKeyTValue);
        ImmutableDictionaryOfTKeyTValue = compilation.GetTypeByMetadataName(MetadataNames.ImmutableDictionaryOfTKeyTValue);
        IImmutableDictionaryOfTKeyTValue = compilation.GetTypeByMetadataName(MetadataNames.IImmutableDictionaryOfTKeyTValue);
        FlagsAttribute = compilation.GetTypeByMetadataName(MetadataNames.FlagsAttribute);
        JsonConstructorAttribute = compilation.GetTypeByMetadataName(MetadataNames.JsonConstructorAttribute);
        JsonConverterAttribute = compilation.GetTypeByMetadataName(MetadataNames.JsonConverterAttribute);
        JsonDerivedTypeAttribute = compilation.GetTypeByMetadataName(MetadataNames.JsonDerivedTypeAttribute);
        JsonExtensionDataAttribute = compilation.GetTypeByMetadataName(MetadataNames.JsonExtensionDataAttribute);
        JsonIgnoreAttribute = compilation.GetTypeByMetadataName(MetadataNames.JsonIgnoreAttribute);
        JsonIncludeAttribute = compilation.GetTypeByMetadataName(MetadataNames.JsonIncludeAttribute);
        JsonNumberHandlingAttribute = compilation.GetTypeByMetadataName(MetadataNames.JsonNumberHandlingAttribute);
        JsonPolymorphicAttribute = compilation.GetTypeByMetadataName(MetadataNames.JsonPolymorphicAttribute);
        JsonPropertyNameAttribute = compilation.GetTypeByMetadataName(MetadataNames.JsonPropertyNameAttribute);
        JsonPropertyOrderAttribute = compilation.GetTypeByMetadataName(MetadataNames.JsonPropertyOrderAttribute);
        JsonRequiredAttribute = compilation.GetTypeByMetadataName(MetadataNames.JsonRequiredAttribute);
        JsonStringEnumConverter = compilation.GetTypeByMetadataName(MetadataNames.JsonStringEnumConverter);
        JsonStringEnumConverterOfT = compilation.GetTypeByMetadataName(MetadataNames.JsonStringEnumConverterOfT);
        JsonStringEnumMemberNameAttribute = compilation.GetTypeByMetadataName(MetadataNames.JsonStringEnumMemberNameAttribute);
    }

    public INamedTypeSymbol? SocketEventAttribute { get; }

    public INamedTypeSymbol? SocketEndpointAttribute { get; }

    public INamedTypeSymbol? OnEventAttribute { get; }

    public INamedTypeSymbol? OnConnectAttribute { get; }

    public INamedTypeSymbol? OnDisconnectAttribute { get; }

    public INamedTypeSymbol? SocketEndpoint { get; }

    /// <summary><c>SocketEndpoint&lt;TContract&gt;</c>, the base class of an endpoint that adopts a contract.</summary>
    public INamedTypeSymbol? SocketEndpointOfT { get; }

    public INamedTypeSymbol? SocketContractAttribute { get; }

    /// <summary>The generic definition <c>SendsAttribute&lt;TEvent&gt;</c>.</summary>
    public INamedTypeSymbol? SendsAttribute { get; }

    /// <summary>The generic definition <c>ReceivesAttribute&lt;TEvent&gt;</c>.</summary>
    public INamedTypeSymbol? ReceivesAttribute { get; }

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

    public INamedTypeSymbol? Guid { get; }

    public INamedTypeSymbol? DateTimeOffset { get; }

    public INamedTypeSymbol? DateOnly { get; }

    public INamedTypeSymbol? TimeOnly { get; }

    public INamedTypeSymbol? TimeSpan { get; }

    public INamedTypeSymbol? Uri { get; }

    public INamedTypeSymbol? Version { get; }

    public INamedTypeSymbol? Half { get; }

    public INamedTypeSymbol? Int128 { get; }

    public INamedTypeSymbol? UInt128 { get; }

    public INamedTypeSymbol? JsonElement { get; }

    public INamedTypeSymbol? JsonNode { get; }

    public INamedTypeSymbol? ListOfT { get; }

    public INamedTypeSymbol? IReadOnlyListOfT { get; }

    public INamedTypeSymbol? IListOfT { get; }

    public INamedTypeSymbol? ICollectionOfT { get; }

    public INamedTypeSymbol? IReadOnlyCollectionOfT { get; }

    public INamedTypeSymbol? IEnumerableOfT { get; }

    public INamedTypeSymbol? HashSetOfT { get; }

    public INamedTypeSymbol? ISetOfT { get; }

    public INamedTypeSymbol? IReadOnlySetOfT { get; }

    public INamedTypeSymbol? ImmutableArrayOfT { get; }

    public INamedTypeSymbol? ImmutableListOfT { get; }

    public INamedTypeSymbol? IImmutableListOfT { get; }

    public INamedTypeSymbol? DictionaryOfTKeyTValue { get; }

    public INamedTypeSymbol? IDictionaryOfTKeyTValue { get; }

    public INamedTypeSymbol? IReadOnlyDictionaryOfTKeyTValue { get; }

    public INamedTypeSymbol? ImmutableDictionaryOfTKeyTValue { get; }

    public INamedTypeSymbol? IImmutableDictionaryOfTKeyTValue { get; }

    public INamedTypeSymbol? FlagsAttribute { get; }

    public INamedTypeSymbol? JsonConstructorAttribute { get; }

    public INamedTypeSymbol? JsonConverterAttribute { get; }

    public INamedTypeSymbol? JsonDerivedTypeAttribute { get; }

    public INamedTypeSymbol? JsonExtensionDataAttribute { get; }

    public INamedTypeSymbol? JsonIgnoreAttribute { get; }

    public INamedTypeSymbol? JsonIncludeAttribute { get; }

    public INamedTypeSymbol? JsonNumberHandlingAttribute { get; }

    public INamedTypeSymbol? JsonPolymorphicAttribute { get; }

    public INamedTypeSymbol? JsonPropertyNameAttribute { get; }

    public INamedTypeSymbol? JsonPropertyOrderAttribute { get; }

    public INamedTypeSymbol? JsonRequiredAttribute { get; }

    public INamedTypeSymbol? JsonStringEnumConverter { get; }

    public INamedTypeSymbol? JsonStringEnumConverterOfT { get; }

    public INamedTypeSymbol? JsonStringEnumMemberNameAttribute { get; }

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
