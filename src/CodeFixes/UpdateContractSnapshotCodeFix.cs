using System;
using System.Collections.Immutable;
using System.Composition;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace TypedSockets.CodeFixes;

/// <summary>
/// Fixes TSK027 (a contract change that breaks deployed clients, when the break is intended) and
/// TSK028 (a compatible change) by writing the project's contract snapshot,
/// <c>SocketContracts.Shipped.txt</c>, as the generator computed it for the code as it is now.
/// Every diagnostic of one build carries the same text, so Fix All writes it once.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UpdateContractSnapshotCodeFix))]
[Shared]
public sealed class UpdateContractSnapshotCodeFix : CodeFixProvider
{
    /// <summary>The key that groups these fixes for Fix All.</summary>
    public const string EquivalenceKey = "TypedSockets.UpdateContractSnapshot";

    /// <summary>The snapshot file's name.</summary>
    public const string FileName = "SocketContracts.Shipped.txt";

    // The generator's property name (TypedSockets.Generator.Diagnostics.ContractSnapshotCheck).
    private const string SnapshotProperty = "Snapshot";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.ContractBreakingChange, DiagnosticIds.ContractCompatibleChange);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => new FixAll();

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (Snapshot(diagnostic) is not { } text || Find(context.Document.Project) is null)
            {
                continue;
            }
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Record the contract in {FileName}",
                    cancellationToken => Task.FromResult(Write(context.Document.Project, text)),
                    EquivalenceKey),
                diagnostic);
        }
        return Task.CompletedTask;
    }

    private static string? Snapshot(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(SnapshotProperty, out var text) ? text : null;

    private static TextDocument? Find(Project project) =>
        project.AdditionalDocuments.FirstOrDefault(d => string.Equals(Path.GetFileName(d.FilePath ?? d.Name), FileName, StringComparison.OrdinalIgnoreCase));

    private static Solution Write(Project project, string text) =>
        Find(project) is { } file
            ? project.Solution.WithAdditionalDocumentText(file.Id, SourceText.From(text))
            : project.Solution;

    /// <summary>Every diagnostic carries the whole new snapshot: the first one in scope says it all.</summary>
    private sealed class FixAll : FixAllProvider
    {
        public override async Task<CodeAction?> GetFixAsync(FixAllContext context)
        {
            var project = context.Project;
            var diagnostics = await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
            var text = diagnostics.Select(Snapshot).FirstOrDefault(t => t is not null);
            if (text is null || Find(project) is null)
            {
                return null;
            }
            return CodeAction.Create($"Record the contract in {FileName}", _ => Task.FromResult(Write(project, text)), EquivalenceKey);
        }
    }
}
