using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TypedSockets.Generator.Diagnostics;

/// <summary>
/// The misuses that are about the user's code rather than about what is generated: declarations
/// that must be <c>partial</c>, <c>async void</c> handlers and handlers outside an endpoint. As an
/// analyzer they come with code fixes, and the generator simply skips what they report.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UsageAnalyzer : DiagnosticAnalyzer
{
    private const string SocketEndpoint = "TypedSockets.SocketEndpointAttribute";
    private const string SocketEvent = "TypedSockets.SocketEventAttribute";

    private static readonly ImmutableDictionary<string, string> HandlerAttributes = ImmutableDictionary.CreateRange(new[]
    {
        new System.Collections.Generic.KeyValuePair<string, string>("TypedSockets.OnEventAttribute", "OnEvent"),
        new System.Collections.Generic.KeyValuePair<string, string>("TypedSockets.OnConnectAttribute", "OnConnect"),
        new System.Collections.Generic.KeyValuePair<string, string>("TypedSockets.OnDisconnectAttribute", "OnDisconnect"),
    });

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.EndpointNotPartial,
        DiagnosticDescriptors.EventNotPartial,
        DiagnosticDescriptors.AsyncVoidHandler,
        DiagnosticDescriptors.HandlerOutsideEndpoint);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
        context.RegisterSymbolAction(AnalyzeMethod, SymbolKind.Method);
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        foreach (var attribute in type.GetAttributes())
        {
            var descriptor = attribute.AttributeClass?.ToDisplayString() switch
            {
                SocketEndpoint => DiagnosticDescriptors.EndpointNotPartial,
                SocketEvent => DiagnosticDescriptors.EventNotPartial,
                _ => null,
            };
            if (descriptor is null)
            {
                continue;
            }
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(context.CancellationToken) is TypeDeclarationSyntax declaration
                    && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    context.ReportDiagnostic(Diagnostic.Create(descriptor, declaration.Identifier.GetLocation(), type.Name));
                    return;
                }
            }
        }
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context)
    {
        var method = (IMethodSymbol)context.Symbol;
        string? attributeName = null;
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { } attributeClass && HandlerAttributes.TryGetValue(attributeClass.ToDisplayString(), out var name))
            {
                attributeName = name;
                break;
            }
        }
        if (attributeName is null)
        {
            return;
        }
        var location = method.Locations.FirstOrDefault();
        if (method.IsAsync && method.ReturnsVoid)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AsyncVoidHandler, location, method.Name));
        }
        var owner = method.ContainingType;
        if (owner is not null && !owner.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == SocketEndpoint))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.HandlerOutsideEndpoint, location, method.Name, attributeName, owner.Name));
        }
    }
}
