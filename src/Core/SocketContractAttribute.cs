namespace TypedSockets;

/// <summary>
/// Marks a <c>partial</c> interface or class as the contract of an endpoint, declared where a
/// client can share it: a library that references only <c>TypedSockets.Core</c>. The contract
/// names the endpoint (<see cref="Ref"/>, <see cref="Path"/>), what it receives
/// (<see cref="ReceivesAttribute{TEvent}"/>) and what it sends (<see cref="SendsAttribute{TEvent}"/>).
/// A server adopts it by deriving its endpoint from <c>SocketEndpoint&lt;TContract&gt;</c>; the
/// generator adds <c>ContractHash</c> to the contract type.
/// </summary>
/// <example>
/// <code>
/// [SocketContract("chat")]
/// [Receives&lt;Say&gt;, Receives&lt;Ping&gt;(Reply = typeof(Pong))]
/// [Sends&lt;Said&gt;]
/// public partial interface IChatContract;
/// </code>
/// </example>
/// <param name="ref">The endpoint's reference: 1–64 letters, digits, <c>_</c>, <c>-</c>, <c>.</c> or <c>:</c>.
/// The endpoint is served at <c>/ws/{ref}</c> unless <see cref="Path"/> says otherwise.</param>
[AttributeUsage(AttributeTargets.Interface | AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SocketContractAttribute(string @ref) : Attribute
{
    /// <summary>The endpoint's reference.</summary>
    public string Ref { get; } = @ref;

    /// <summary>The request path the endpoint is served at; defaults to <c>/ws/{ref}</c>.</summary>
    public string? Path { get; init; }
}
