using TypedSockets.Generator.Diagnostics;

namespace TypedSockets.CodeFixes.Tests;

/// <summary>The fixes name their IDs as strings; these must be the analyzer's.</summary>
public class DiagnosticIdTests
{
    [Fact]
    public void MakePartialCodeFix_fixes_the_two_not_partial_diagnostics() =>
        Assert.Equal(
            [DiagnosticDescriptors.EndpointNotPartial.Id, DiagnosticDescriptors.EventNotPartial.Id, DiagnosticDescriptors.ContractNotPartial.Id],
            new MakePartialCodeFix().FixableDiagnosticIds.ToArray());

    [Fact]
    public void AsyncVoidHandlerCodeFix_fixes_the_async_void_diagnostic() =>
        Assert.Equal([DiagnosticDescriptors.AsyncVoidHandler.Id], new AsyncVoidHandlerCodeFix().FixableDiagnosticIds.ToArray());

    [Fact]
    public void DeriveFromSocketEndpointCodeFix_fixes_the_missing_base_diagnostic() =>
        Assert.Equal([DiagnosticDescriptors.EndpointNotDerived.Id], new DeriveFromSocketEndpointCodeFix().FixableDiagnosticIds.ToArray());

    [Fact]
    public void AddContractDeclarationCodeFix_fixes_the_undeclared_event_diagnostics() =>
        Assert.Equal(
            [DiagnosticDescriptors.UndeclaredOutboundEvent.Id, DiagnosticDescriptors.UndeclaredInboundEvent.Id],
            new AddContractDeclarationCodeFix().FixableDiagnosticIds.ToArray());

    [Fact]
    public void AddContractDeclarationCodeFix_reads_the_properties_ContractUsageAnalyzer_writes()
    {
        // The fix cannot reference the generator; the names it reads are spelled out there too.
        var source = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "CodeFixes", "AddContractDeclarationCodeFix.cs"));
        Assert.Contains($"AttributeProperty = \"{ContractUsageAnalyzer.AttributeProperty}\"", source, StringComparison.Ordinal);
        Assert.Contains($"EventTypeProperty = \"{ContractUsageAnalyzer.EventTypeProperty}\"", source, StringComparison.Ordinal);
    }

    [Fact]
    public void UpdateContractSnapshotCodeFix_fixes_the_snapshot_diagnostics_and_names_the_generators_file()
    {
        Assert.Equal(
            [DiagnosticDescriptors.ContractBreakingChange.Id, DiagnosticDescriptors.ContractCompatibleChange.Id],
            new UpdateContractSnapshotCodeFix().FixableDiagnosticIds.ToArray());
        Assert.Equal(TypedSockets.Generator.Emitting.ContractSnapshot.FileName, UpdateContractSnapshotCodeFix.FileName);
        var source = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "CodeFixes", "UpdateContractSnapshotCodeFix.cs"));
        Assert.Contains($"SnapshotProperty = \"{ContractSnapshotCheck.SnapshotProperty}\"", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_fixed_id_is_reported_by_UsageAnalyzer()
    {
        var reported = new UsageAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToHashSet();
        var fixedIds = new MakePartialCodeFix().FixableDiagnosticIds
            .Concat(new AsyncVoidHandlerCodeFix().FixableDiagnosticIds)
            .Concat(new DeriveFromSocketEndpointCodeFix().FixableDiagnosticIds);
        Assert.All(fixedIds, id => Assert.Contains(id, reported));
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}
