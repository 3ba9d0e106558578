namespace TypedSockets.Generator.Model;

/// <summary>
/// The typed .NET client of one contract: where it is declared, what it is named, and the
/// contract's facts and events it is written from.
/// </summary>
/// <param name="Namespace">The namespace it is declared in (the contract's), empty for the global one.</param>
/// <param name="Name">Its name, from the contract's: <c>IChatContract</c> gives <c>ChatClient</c>.</param>
/// <param name="IsPublic">Whether it is public: when the contract and its events are.</param>
/// <param name="ContractTypeName">The contract type, fully qualified, for its documentation.</param>
/// <param name="Ref">The endpoint's reference.</param>
/// <param name="Path">The endpoint's path.</param>
/// <param name="ContractHash">The contract hash the client presents, the same as the endpoint's.</param>
/// <param name="Requests">What the client may send, each with the reply it gets, ordered by event name.</param>
/// <param name="Events">What the endpoint sends the client, reply events included, ordered as <see cref="ContractModel.Sent"/> orders them.</param>
internal sealed record ClientModel(
    string Namespace,
    string Name,
    bool IsPublic,
    string ContractTypeName,
    string Ref,
    string Path,
    string ContractHash,
    EquatableArray<ContractEventModel> Requests,
    EquatableArray<ContractEventModel> Events)
{
    /// <summary>A file-name-safe, unique name for the generated file.</summary>
    public string HintName => Namespace.Length == 0 ? Name : Namespace + "." + Name;
}
