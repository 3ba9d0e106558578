using System.Collections.Generic;
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
using Microsoft.CodeAnalysis.Simplification;

namespace TypedSockets.CodeFixes;

/// <summary>
/// Fixes TSK022 (an endpoint sends an event it does not declare) by adding <c>[Sends&lt;T&gt;]</c>,
/// and TSK024 (it reads an event it does not receive) by adding <c>[Receives&lt;T&gt;]</c>, to the
/// type that declares the endpoint's contract: the endpoint, or the contract type it adopts, in
/// whichever file of the solution that is. Fix All adds each missing declaration once, however
/// many calls report it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddContractDeclarationCodeFix))]
[Shared]
public sealed class AddContractDeclarationCodeFix : CodeFixProvider
{
    /// <summary>The key that groups these fixes for Fix All.</summary>
    public const string EquivalenceKey = "TypedSockets.AddContractDeclaration";

    // The analyzer's property names (TypedSockets.Generator.Diagnostics.ContractUsageAnalyzer).
    private const string AttributeProperty = "Attribute";
    private const string EventTypeProperty = "EventType";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.UndeclaredOutboundEvent, DiagnosticIds.UndeclaredInboundEvent);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => new FixAll();

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (Read(diagnostic) is not { } declaration)
            {
                continue;
            }
            var target = await FindTypeAsync(context.Document.Project.Solution, declaration.Location, context.CancellationToken).ConfigureAwait(false);
            if (target is null)
            {
                continue;
            }
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Add [{declaration.Attribute}<{ShortName(declaration.EventType)}>] to '{target.Identifier.ValueText}'",
                    cancellationToken => AddAsync(context.Document.Project.Solution, new[] { declaration }, cancellationToken),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>What one diagnostic asks for: which attribute, for which event, on the type declared at which location.</summary>
    private sealed class Declaration(string attribute, string eventType, Location location)
    {
        public string Attribute { get; } = attribute;

        public string EventType { get; } = eventType;

        public Location Location { get; } = location;
    }

    private static Declaration? Read(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(AttributeProperty, out var attribute) && attribute is "Sends" or "Receives"
        && diagnostic.Properties.TryGetValue(EventTypeProperty, out var eventType) && !string.IsNullOrEmpty(eventType)
        && diagnostic.AdditionalLocations.FirstOrDefault() is { IsInSource: true } location
            ? new Declaration(attribute!, eventType!, location)
            : null;

    private static async Task<TypeDeclarationSyntax?> FindTypeAsync(Solution solution, Location location, CancellationToken cancellationToken)
    {
        if (solution.GetDocument(location.SourceTree) is not { } document
            || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root)
        {
            return null;
        }
        // The analyzer points at the type's name, whose parent is its declaration.
        return root.FindToken(location.SourceSpan.Start).Parent as TypeDeclarationSyntax;
    }

    /// <summary>Adds every declaration once, grouped by the file and type it goes to.</summary>
    private static async Task<Solution> AddAsync(Solution solution, IEnumerable<Declaration> declarations, CancellationToken cancellationToken)
    {
        foreach (var file in declarations.GroupBy(d => d.Location.SourceTree))
        {
            if (solution.GetDocument(file.Key) is not { } document
                || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root)
            {
                continue;
            }
            var additions = new Dictionary<TypeDeclarationSyntax, List<string>>();
            foreach (var declaration in file)
            {
                if (root.FindToken(declaration.Location.SourceSpan.Start).Parent is not TypeDeclarationSyntax type)
                {
                    continue;
                }
                if (!additions.TryGetValue(type, out var attributes))
                {
                    additions.Add(type, attributes = new List<string>());
                }
                var attribute = $"global::TypedSockets.{declaration.Attribute}<{declaration.EventType}>";
                if (!attributes.Contains(attribute))
                {
                    attributes.Add(attribute);
                }
            }
            var newRoot = root.ReplaceNodes(additions.Keys, (original, rewritten) => AddAttributes(rewritten, additions[original]));
            solution = document.WithSyntaxRoot(newRoot).Project.Solution;
        }
        return solution;
    }

    /// <summary>
    /// Puts each attribute on a line of its own after the type's last attribute list (before its
    /// modifiers), indented like the declaration; a type without attributes gets them first, after
    /// its doc comment.
    /// </summary>
    private static TypeDeclarationSyntax AddAttributes(TypeDeclarationSyntax type, IEnumerable<string> attributes)
    {
        var endOfLine = type.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var newLine = endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.LineFeed;
        var firstToken = type.AttributeLists.Count > 0 ? type.AttributeLists[0].GetFirstToken() : type.GetFirstToken();
        var indentation = firstToken.LeadingTrivia.LastOrDefault() is { } last && last.IsKind(SyntaxKind.WhitespaceTrivia)
            ? SyntaxFactory.TriviaList(last)
            : SyntaxTriviaList.Empty;

        var lists = attributes.Select(name => SyntaxFactory.AttributeList(
                SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(
                    (NameSyntax)SyntaxFactory.ParseTypeName(name).WithAdditionalAnnotations(Simplifier.Annotation))))
            .WithLeadingTrivia(indentation)
            .WithTrailingTrivia(newLine))
            .ToList();

        if (type.AttributeLists.Count == 0)
        {
            // The first new list takes over the declaration's leading trivia (doc comment, blank
            // lines); the modifier or keyword it came from keeps the indentation only.
            var leading = type.GetLeadingTrivia();
            type = type.WithLeadingTrivia(indentation);
            lists[0] = lists[0].WithLeadingTrivia(leading);
        }
        return type.WithAttributeLists(type.AttributeLists.AddRange(lists));
    }

    /// <summary>The type's own name, for the fix's title: <c>Said</c> for <c>global::Chat.Said</c>.</summary>
    private static string ShortName(string typeName)
    {
        var end = typeName.IndexOf('<');
        var name = end < 0 ? typeName : typeName.Substring(0, end);
        var dot = name.LastIndexOf('.');
        return dot < 0 ? name.Replace("global::", string.Empty) : name.Substring(dot + 1);
    }

    /// <summary>Collects every diagnostic in scope and adds each missing declaration once.</summary>
    private sealed class FixAll : FixAllProvider
    {
        public override async Task<CodeAction?> GetFixAsync(FixAllContext context)
        {
            var diagnostics = new List<Diagnostic>();
            switch (context.Scope)
            {
                case FixAllScope.Solution:
                    foreach (var project in context.Solution.Projects)
                    {
                        diagnostics.AddRange(await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                    }
                    break;
                case FixAllScope.Project:
                    diagnostics.AddRange(await context.GetAllDiagnosticsAsync(context.Project).ConfigureAwait(false));
                    break;
                default:
                    if (context.Document is { } document)
                    {
                        diagnostics.AddRange(await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false));
                    }
                    break;
            }
            var declarations = diagnostics.Select(Read).Where(d => d is not null).Select(d => d!).ToList();
            if (declarations.Count == 0)
            {
                return null;
            }
            return CodeAction.Create(
                "Declare every event sent or read",
                cancellationToken => AddAsync(context.Solution, declarations, cancellationToken),
                EquivalenceKey);
        }
    }
}
