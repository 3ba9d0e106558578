using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using TypedSockets.Generator.Diagnostics;

namespace TypedSockets.CodeFixes.Tests;

/// <summary>
/// TSK027 and TSK028 come from the generator, with the snapshot of the code as it is now; the fix
/// writes that text into the project's <c>SocketContracts.Shipped.txt</c>, and is not offered
/// without one.
/// </summary>
public class UpdateContractSnapshotCodeFixTests
{
    private const string NewSnapshot = "# header\nchat /ws/chat\nchat out said\n";

    [Theory]
    [InlineData("TSK027")]
    [InlineData("TSK028")]
    public async Task The_fix_writes_the_snapshot_the_diagnostic_carries(string id)
    {
        using var workspace = new AdhocWorkspace();
        var (document, snapshot) = Project(workspace, withSnapshot: true);

        var action = Assert.Single(await FixesAsync(document, id));

        Assert.Equal("Record the contract in SocketContracts.Shipped.txt", action.Title);
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        Assert.Equal(NewSnapshot, (await changed.GetAdditionalDocument(snapshot!)!.GetTextAsync()).ToString());
        Assert.Equal(
            (await document.GetTextAsync()).ToString(),
            (await changed.GetDocument(document.Id)!.GetTextAsync()).ToString());
    }

    [Fact]
    public async Task Without_a_snapshot_file_no_fix_is_offered()
    {
        using var workspace = new AdhocWorkspace();
        var (document, _) = Project(workspace, withSnapshot: false);

        Assert.Empty(await FixesAsync(document, "TSK028"));
    }

    [Fact]
    public async Task Fix_All_writes_the_snapshot_once()
    {
        using var workspace = new AdhocWorkspace();
        var (document, snapshot) = Project(workspace, withSnapshot: true);
        var diagnostics = new[] { await DiagnosticAsync(document, "TSK027"), await DiagnosticAsync(document, "TSK028") };
        var fix = new UpdateContractSnapshotCodeFix();
        var context = new FixAllContext(
            document,
            fix,
            FixAllScope.Project,
            UpdateContractSnapshotCodeFix.EquivalenceKey,
            ["TSK027", "TSK028"],
            new Diagnostics(diagnostics),
            CancellationToken.None);

        var action = await fix.GetFixAllProvider().GetFixAsync(context);

        Assert.NotNull(action);
        var changed = (await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single().ChangedSolution;
        Assert.Equal(NewSnapshot, (await changed.GetAdditionalDocument(snapshot!)!.GetTextAsync()).ToString());
    }

    private static (Document Document, DocumentId? Snapshot) Project(AdhocWorkspace workspace, bool withSnapshot)
    {
        var project = workspace.AddProject("App", LanguageNames.CSharp);
        var document = workspace.AddDocument(project.Id, "Chat.cs", SourceText.From("public partial class ChatEndpoint { }\n"));
        if (!withSnapshot)
        {
            return (document, null);
        }
        var snapshot = DocumentId.CreateNewId(project.Id);
        var solution = workspace.CurrentSolution.AddAdditionalDocument(
            DocumentInfo.Create(snapshot, "SocketContracts.Shipped.txt", loader: TextLoader.From(TextAndVersion.Create(SourceText.From("# old\n"), VersionStamp.Create())), filePath: "/app/SocketContracts.Shipped.txt"));
        Assert.True(workspace.TryApplyChanges(solution));
        return (workspace.CurrentSolution.GetDocument(document.Id)!, snapshot);
    }

    private static async Task<Diagnostic> DiagnosticAsync(Document document, string id)
    {
        var tree = (await document.GetSyntaxTreeAsync())!;
        var descriptor = id == "TSK027" ? DiagnosticDescriptors.ContractBreakingChange : DiagnosticDescriptors.ContractCompatibleChange;
        return Diagnostic.Create(
            descriptor,
            Location.Create(tree, new TextSpan(21, 12)),
            ImmutableDictionary<string, string?>.Empty.Add(ContractSnapshotCheck.SnapshotProperty, NewSnapshot),
            "'chat' now sends 'said'");
    }

    private static async Task<List<CodeAction>> FixesAsync(Document document, string id)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, await DiagnosticAsync(document, id), (action, _) => actions.Add(action), CancellationToken.None);
        await new UpdateContractSnapshotCodeFix().RegisterCodeFixesAsync(context);
        return actions;
    }

    private sealed class Diagnostics(IEnumerable<Diagnostic> all) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult(all);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) => Task.FromResult(all);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult(Enumerable.Empty<Diagnostic>());
    }
}
