using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace TypedSockets.CodeFixes;

/// <summary>
/// Fixes TSK013 (an <c>async void</c> handler or hook) by making it return
/// <see cref="ValueTask"/>, so the endpoint awaits it and reports its exceptions.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncVoidHandlerCodeFix))]
[Shared]
public sealed class AsyncVoidHandlerCodeFix : CodeFixProvider
{
    /// <summary>The key that groups these fixes for Fix All.</summary>
    public const string EquivalenceKey = "TypedSockets.AsyncVoidToValueTask";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AsyncVoidHandler);

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
            // The analyzer reports on the method's identifier. A partial method is left alone:
            // its other part would have to change too, and C# may require 'void' there.
            if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not MethodDeclarationSyntax method
                || method.ReturnType is not PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
                || method.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                continue;
            }
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Return ValueTask instead of void",
                    cancellationToken => ReturnValueTaskAsync(context.Document, method, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> ReturnValueTaskAsync(Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }
        // Written fully qualified; ImportAdder adds 'using System.Threading.Tasks;' when no using
        // (global ones included) brings it in, then the code action's cleanup shortens the name
        // to 'ValueTask' unless something else of that name is in scope.
        var importsAnnotation = new SyntaxAnnotation();
        var valueTask = SyntaxFactory.ParseTypeName("global::System.Threading.Tasks.ValueTask")
            .WithTriviaFrom(method.ReturnType)
            .WithAdditionalAnnotations(Simplifier.Annotation, importsAnnotation);
        var changed = document.WithSyntaxRoot(root.ReplaceNode(method.ReturnType, valueTask));
        return await ImportAdder.AddImportsAsync(changed, importsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
