namespace TypedSockets.Generator;

/// <summary>The names of the generator's pipeline steps, for incrementality tests.</summary>
internal static class TrackingNames
{
    public const string AssemblyName = nameof(AssemblyName);
    public const string AssemblyVersion = nameof(AssemblyVersion);
    public const string EventParse = nameof(EventParse);
    public const string EndpointParse = nameof(EndpointParse);
    public const string ContractParse = nameof(ContractParse);
    public const string EventModels = nameof(EventModels);
    public const string EndpointModels = nameof(EndpointModels);
    public const string EventReferences = nameof(EventReferences);
    public const string Shapes = nameof(Shapes);
    public const string AllEndpoints = nameof(AllEndpoints);
    public const string Conflicts = nameof(Conflicts);
    public const string ContractFacts = nameof(ContractFacts);
    public const string ContractSnapshot = nameof(ContractSnapshot);
    public const string Diagnostics = nameof(Diagnostics);
    public const string ClientRuntime = nameof(ClientRuntime);
    public const string ReferencedClients = nameof(ReferencedClients);
    public const string TypeScriptPackageName = nameof(TypeScriptPackageName);
}
