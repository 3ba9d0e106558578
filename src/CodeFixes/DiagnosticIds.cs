namespace TypedSockets.CodeFixes;

/// <summary>
/// The IDs this assembly fixes, as reported by the analyzers of <c>TypedSockets.Generator</c>.
/// Strings rather than the generator's descriptors, so the fixes load without the generator
/// assembly; the tests check that both agree.
/// </summary>
internal static class DiagnosticIds
{
    public const string EndpointNotPartial = "TSK001";
    public const string EventNotPartial = "TSK005";
    public const string AsyncVoidHandler = "TSK013";
    public const string EndpointNotDerived = "TSK020";
    public const string UndeclaredOutboundEvent = "TSK022";
    public const string UndeclaredInboundEvent = "TSK024";
    public const string ContractNotPartial = "TSK026";
    public const string ContractBreakingChange = "TSK027";
    public const string ContractCompatibleChange = "TSK028";
}
