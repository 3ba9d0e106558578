namespace TypedSockets.Generator.Model;

/// <summary>A <c>[SocketEndpoint]</c> class and everything its generated half needs.</summary>
/// <param name="Type">The endpoint's declaration.</param>
/// <param name="Ref">The endpoint reference.</param>
/// <param name="Path">The request path it is served at.</param>
/// <param name="ConstructorParameters">The services its constructor takes, in order.</param>
/// <param name="Handlers">Its <c>[OnEvent]</c> methods.</param>
/// <param name="OnConnect">Its <c>[OnConnect]</c> method, if any.</param>
/// <param name="OnDisconnect">Its <c>[OnDisconnect]</c> method, if any.</param>
/// <param name="SlowConsumerPolicy">The <c>SlowConsumerPolicy</c> member its attribute names, if it sets one.</param>
/// <param name="AllowBinaryFrames">Whether its attribute lets clients send binary frames.</param>
/// <param name="Metadata">Its authorization attributes, recreated on its route.</param>
/// <param name="Contract">What it receives and sends.</param>
internal sealed record EndpointModel(
    TypeDeclarationModel Type,
    string Ref,
    string Path,
    EquatableArray<ServiceParameter> ConstructorParameters,
    EquatableArray<HandlerModel> Handlers,
    HookModel? OnConnect,
    HookModel? OnDisconnect,
    string? SlowConsumerPolicy,
    bool AllowBinaryFrames,
    EquatableArray<AttributeModel> Metadata,
    ContractModel Contract);

/// <summary>A constructor parameter resolved from DI.</summary>
/// <param name="TypeName">The service type.</param>
/// <param name="IsOptional">Whether it may be missing (nullable or with a default), so <c>GetService</c> is used.</param>
/// <param name="IsServiceProvider">Whether it is the <c>IServiceProvider</c> itself.</param>
internal sealed record ServiceParameter(string TypeName, bool IsOptional, bool IsServiceProvider);

/// <summary>What a handler or hook returns, which decides how the dispatch completes.</summary>
internal enum ReturnKind
{
    Void,
    Task,
    ValueTask,
    Event,
    TaskOfEvent,
    ValueTaskOfEvent,
}

/// <summary>An <c>[OnEvent]</c> method.</summary>
internal sealed record HandlerModel(
    string MethodName,
    string EventTypeName,
    string EventName,
    bool TakesClient,
    bool TakesCancellationToken,
    ReturnKind Return,
    string? ReplyTypeName,
    string? ReplyEventName,
    bool IsStatic);

/// <summary>An <c>[OnConnect]</c> or <c>[OnDisconnect]</c> method.</summary>
internal sealed record HookModel(string MethodName, bool TakesCancellationToken, ReturnKind Return, bool IsStatic);
