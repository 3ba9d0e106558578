namespace TypedSockets.Generator.Model;

/// <summary>A <c>[SocketContract]</c> type: its declaration, the endpoint's ref and path, and its events.</summary>
/// <param name="Type">The contract type's declaration.</param>
/// <param name="Ref">The endpoint reference it names.</param>
/// <param name="Path">The request path it names.</param>
/// <param name="Contract">Its declared events and their shapes.</param>
internal sealed record ContractTypeModel(TypeDeclarationModel Type, string Ref, string Path, ContractModel Contract);
