namespace TypedSockets.Generator.Model;

/// <summary>
/// What the contract snapshot check needs of one endpoint or shared contract: its contract, and
/// where it is declared. Kept beside the models rather than in them: a location changes with every
/// edit above it, and only diagnostics depend on it.
/// </summary>
/// <param name="Ref">The endpoint reference.</param>
/// <param name="Path">The request path.</param>
/// <param name="Contract">What it receives and sends.</param>
/// <param name="Holder">The declaration of the endpoint or contract type (its ref).</param>
internal sealed record ContractFacts(string Ref, string Path, ContractModel Contract, LocationInfo? Holder);

/// <summary>
/// Where an event type of this compilation and its JSON properties are declared, so that a contract
/// change is reported where it was made. Made by the event's own parse, so it changes only with the
/// event's file.
/// </summary>
/// <param name="TypeName">The event type, fully qualified.</param>
/// <param name="Declaration">The type's name in its declaration.</param>
/// <param name="Members">Each JSON property's declaration, by its snapshot path (<c>.name</c>).</param>
internal sealed record EventLocations(string TypeName, LocationInfo? Declaration, EquatableArray<NamedLocation> Members);

/// <summary>A declaration's location under a key.</summary>
internal sealed record NamedLocation(string Key, LocationInfo Location);
