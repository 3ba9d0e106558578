using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace TypedSockets.CodeFixes;

/// <summary>
/// Fixes TSK020 (endpoint class does not derive from <c>SocketEndpoint</c>) by making
/// <c>SocketEndpoint</c> the first type of the class's base list, written as short as the
/// file's usings allow. Offered only when the class has no other base class: replacing one would
/// change what the class is.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeriveFromSocketEndpointCodeFix))]
[Shared]
public sealed class DeriveFromSocketEndpointCodeFix : CodeFixProvider
{
    /// <summary>The key that groups these fixes for Fix All.</summary>
    public const string EquivalenceKey = "TypedSockets.DeriveFromSocketEndpoint";

    private const string SocketEndpoint = "TypedSockets.SocketEndpoint";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.EndpointNotDerived);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }
        foreach (var diagnostic in context.Diagnostics)
        {
            // The analyzer reports on the class name, whose parent is the declaration.
            if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not ClassDeclarationSyntax declaration
                || model.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } type
                || type.BaseType is { SpecialType: not SpecialType.System_Object })
            {
                continue;
            }
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Derive '{declaration.Identifier.ValueText}' from SocketEndpoint",
                    cancellationToken => DeriveAsync(context.Document, declaration, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> DeriveAsync(Document document, ClassDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }
        return document.WithSyntaxRoot(root.ReplaceNode(declaration, AddBase(declaration)));
    }

    /// <summary>
    /// Puts the base class first in the base list (C# wants it before any interface). A new base
    /// list goes right after the name or primary constructor, taking over the trailing trivia
    /// (the line break or comment) of the token it follows.
    /// </summary>
    private static ClassDeclarationSyntax AddBase(ClassDeclarationSyntax declaration)
    {
        var baseType = SyntaxFactory.SimpleBaseType(
            SyntaxFactory.ParseTypeName("global::" + SocketEndpoint).WithAdditionalAnnotations(Simplifier.Annotation));
        if (declaration.BaseList is { } list)
        {
            var first = list.Types[0];
            var types = list.Types.Insert(0, baseType.WithLeadingTrivia(first.GetLeadingTrivia()));
            return declaration.WithBaseList(list.WithTypes(types.Replace(types[1], first.WithLeadingTrivia(SyntaxFactory.Space))));
        }

        SyntaxToken before = declaration.ParameterList?.CloseParenToken
            ?? declaration.TypeParameterList?.GreaterThanToken
            ?? declaration.Identifier;
        var trailing = before.TrailingTrivia;
        if (trailing.Count == 0 && before.GetNextToken().IsKind(SyntaxKind.OpenBraceToken))
        {
            trailing = SyntaxFactory.TriviaList(SyntaxFactory.Space); // "class Chat{" becomes "class Chat : SocketEndpoint {"
        }
        declaration = declaration.ReplaceToken(before, before.WithTrailingTrivia(SyntaxTriviaList.Empty));
        var baseList = SyntaxFactory.BaseList(
                SyntaxFactory.Token(SyntaxKind.ColonToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.SingletonSeparatedList<BaseTypeSyntax>(baseType))
            .WithTrailingTrivia(trailing);
        return declaration.WithBaseList(baseList);
    }
}
