namespace TypedSockets.Generator.Symbols;

/// <summary>
/// The metadata names of the types TypedSockets' generator and analyzers look up, written once.
/// Resolve them with <see cref="KnownTypeSymbols"/> (or <c>GetTypeByMetadataName</c> in an
/// analyzer's compilation-start action) and compare symbols, never display strings.
/// </summary>
internal static class MetadataNames
{
    public const string SocketEndpointAttribute = "TypedSockets.SocketEndpointAttribute";
    public const string SocketEventAttribute = "TypedSockets.SocketEventAttribute";
    public const string OnEventAttribute = "TypedSockets.OnEventAttribute";
    public const string OnConnectAttribute = "TypedSockets.OnConnectAttribute";
    public const string OnDisconnectAttribute = "TypedSockets.OnDisconnectAttribute";
    public const string SocketEventTypeParameterAttribute = "TypedSockets.SocketEventTypeParameterAttribute";
    public const string SocketEndpoint = "TypedSockets.SocketEndpoint";
    public const string SocketEndpointOfT = "TypedSockets.SocketEndpoint`1";
    public const string SocketContractAttribute = "TypedSockets.SocketContractAttribute";
    public const string SendsAttribute = "TypedSockets.SendsAttribute`1";
    public const string ReceivesAttribute = "TypedSockets.ReceivesAttribute`1";
    public const string SocketClient = "TypedSockets.SocketClient";
    public const string SocketEndpointClient = "TypedSockets.Client.SocketEndpointClient";
    public const string ISocketEvent = "TypedSockets.ISocketEvent`1";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string IServiceProvider = "System.IServiceProvider";
    public const string Task = "System.Threading.Tasks.Task";
    public const string TaskOfT = "System.Threading.Tasks.Task`1";
    public const string ValueTask = "System.Threading.Tasks.ValueTask";
    public const string ValueTaskOfT = "System.Threading.Tasks.ValueTask`1";
    public const string IAuthorizeData = "Microsoft.AspNetCore.Authorization.IAuthorizeData";
    public const string IAllowAnonymous = "Microsoft.AspNetCore.Authorization.IAllowAnonymous";

    // Types with a JSON shape of their own.
    public const string Guid = "System.Guid";
    public const string DateTimeOffset = "System.DateTimeOffset";
    public const string DateOnly = "System.DateOnly";
    public const string TimeOnly = "System.TimeOnly";
    public const string TimeSpan = "System.TimeSpan";
    public const string Uri = "System.Uri";
    public const string Version = "System.Version";
    public const string Half = "System.Half";
    public const string Int128 = "System.Int128";
    public const string UInt128 = "System.UInt128";
    public const string JsonElement = "System.Text.Json.JsonElement";
    public const string JsonNode = "System.Text.Json.Nodes.JsonNode";

    // Collections.
    public const string ListOfT = "System.Collections.Generic.List`1";
    public const string IReadOnlyListOfT = "System.Collections.Generic.IReadOnlyList`1";
    public const string IListOfT = "System.Collections.Generic.IList`1";
    public const string ICollectionOfT = "System.Collections.Generic.ICollection`1";
    public const string IReadOnlyCollectionOfT = "System.Collections.Generic.IReadOnlyCollection`1";
    public const string IEnumerableOfT = "System.Collections.Generic.IEnumerable`1";
    public const string HashSetOfT = "System.Collections.Generic.HashSet`1";
    public const string ISetOfT = "System.Collections.Generic.ISet`1";
    public const string IReadOnlySetOfT = "System.Collections.Generic.IReadOnlySet`1";
    public const string ImmutableArrayOfT = "System.Collections.Immutable.ImmutableArray`1";
    public const string ImmutableListOfT = "System.Collections.Immutable.ImmutableList`1";
    public const string IImmutableListOfT = "System.Collections.Immutable.IImmutableList`1";
    public const string DictionaryOfTKeyTValue = "System.Collections.Generic.Dictionary`2";
    public const string IDictionaryOfTKeyTValue = "System.Collections.Generic.IDictionary`2";
    public const string IReadOnlyDictionaryOfTKeyTValue = "System.Collections.Generic.IReadOnlyDictionary`2";
    public const string ImmutableDictionaryOfTKeyTValue = "System.Collections.Immutable.ImmutableDictionary`2";
    public const string IImmutableDictionaryOfTKeyTValue = "System.Collections.Immutable.IImmutableDictionary`2";

    // Attributes read off events and their members.
    public const string FlagsAttribute = "System.FlagsAttribute";
    public const string JsonConstructorAttribute = "System.Text.Json.Serialization.JsonConstructorAttribute";
    public const string JsonConverterAttribute = "System.Text.Json.Serialization.JsonConverterAttribute";
    public const string JsonDerivedTypeAttribute = "System.Text.Json.Serialization.JsonDerivedTypeAttribute";
    public const string JsonExtensionDataAttribute = "System.Text.Json.Serialization.JsonExtensionDataAttribute";
    public const string JsonIgnoreAttribute = "System.Text.Json.Serialization.JsonIgnoreAttribute";
    public const string JsonIncludeAttribute = "System.Text.Json.Serialization.JsonIncludeAttribute";
    public const string JsonNumberHandlingAttribute = "System.Text.Json.Serialization.JsonNumberHandlingAttribute";
    public const string JsonPolymorphicAttribute = "System.Text.Json.Serialization.JsonPolymorphicAttribute";
    public const string JsonPropertyNameAttribute = "System.Text.Json.Serialization.JsonPropertyNameAttribute";
    public const string JsonPropertyOrderAttribute = "System.Text.Json.Serialization.JsonPropertyOrderAttribute";
    public const string JsonRequiredAttribute = "System.Text.Json.Serialization.JsonRequiredAttribute";
    public const string JsonStringEnumConverter = "System.Text.Json.Serialization.JsonStringEnumConverter";
    public const string JsonStringEnumConverterOfT = "System.Text.Json.Serialization.JsonStringEnumConverter`1";
    public const string JsonStringEnumMemberNameAttribute = "System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute";
}
