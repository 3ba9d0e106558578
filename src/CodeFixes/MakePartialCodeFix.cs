using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TypedSockets.CodeFixes;

/// <summary>
/// Fixes TSK001 (endpoint class not partial), TSK005 (event type not partial) and TSK026 (contract
/// type not partial) by adding the
/// <c>partial</c> modifier to every declaration of the type that lacks it, keeping attributes,
/// doc comments and indentation where they were.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix))]
[Shared]
public sealed class MakePartialCodeFix : CodeFixProvider
{
    /// <summary>The key that groups these fixes for Fix All.</summary>
    public const string EquivalenceKey = "TypedSockets.MakePartial";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.EndpointNotPartial, DiagnosticIds.EventNotPartial, DiagnosticIds.ContractNotPartial);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }
        foreach (var diagnostic in context.Diagnostics)
        {
            // The analyzer reports on the type's identifier, whose parent is the declaration.
            if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not TypeDeclarationSyntax declaration)
            {
                continue;
            }
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Make '{declaration.Identifier.ValueText}' partial",
                    cancellationToken => MakePartialAsync(context.Document, declaration, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Solution> MakePartialAsync(Document document, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        var solution = document.Project.Solution;
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model?.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type)
        {
            return solution;
        }

        // A type split over several files needs 'partial' on each part, so edit every one.
        foreach (var parts in type.DeclaringSyntaxReferences.GroupBy(reference => reference.SyntaxTree))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var partDocument = solution.GetDocument(parts.Key);
            if (partDocument is null)
            {
                continue;
            }
            var root = await parts.Key.GetRootAsync(cancellationToken).ConfigureAwait(false);
            var declarations = parts
                .Select(reference => reference.GetSyntax(cancellationToken))
                .OfType<TypeDeclarationSyntax>()
                .Where(part => !part.Modifiers.Any(SyntaxKind.PartialKeyword));
            var newRoot = root.ReplaceNodes(declarations, (_, rewritten) => AddPartial(rewritten));
            solution = solution.WithDocumentSyntaxRoot(partDocument.Id, newRoot);
        }
        return solution;
    }

    /// <summary>
    /// Puts <c>partial</c> last among the modifiers, where C# requires it: right before
    /// <c>class</c>, <c>struct</c>, <c>interface</c> or <c>record</c>.
    /// </summary>
    private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax declaration)
    {
        var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (declaration.Modifiers.Count == 0)
        {
            // With no modifier, the keyword holds the leading trivia (indentation, and the doc
            // comment when there is no attribute); it moves to 'partial', now the first token.
            partial = partial.WithLeadingTrivia(declaration.Keyword.LeadingTrivia);
            declaration = declaration.WithKeyword(declaration.Keyword.WithLeadingTrivia(SyntaxTriviaList.Empty));
        }
        return declaration.WithModifiers(declaration.Modifiers.Add(partial));
    }
}
