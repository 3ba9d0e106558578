using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSockets.Generator.Symbols;

namespace TypedSockets.Generator.Diagnostics;

/// <summary>
/// The misuses that are about the user's code rather than about what is generated: declarations
/// that must be <c>partial</c> (endpoints, events, contracts), endpoints that do not derive from <c>SocketEndpoint</c>,
/// <c>async void</c> handlers and handlers outside an endpoint. As an
/// analyzer they come with code fixes, and the generator simply skips what they report.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UsageAnalyzer : DiagnosticAnalyzer
{

    private static readonly ImmutableDictionary<string, string> HandlerAttributes = ImmutableDictionary.CreateRange(new[]
    {
        new System.Collections.Generic.KeyValuePair<string, string>(MetadataNames.OnEventAttribute, "OnEvent"),
        new System.Collections.Generic.KeyValuePair<string, string>(MetadataNames.OnConnectAttribute, "OnConnect"),
        new System.Collections.Generic.KeyValuePair<string, string>(MetadataNames.OnDisconnectAttribute, "OnDisconnect"),
    });

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.EndpointNotPartial,
        DiagnosticDescriptors.EventNotPartial,
        DiagnosticDescriptors.AsyncVoidHandler,
        DiagnosticDescriptors.HandlerOutsideEndpoint,
        DiagnosticDescriptors.EndpointNotDerived,
        DiagnosticDescriptors.ContractNotPartial);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            // Resolve the attributes once per compilation; a compilation without TypedSockets has
            // nothing to check, and one with only TypedSockets.Core (a contracts library) has events
            // but no endpoints.
            var @event = start.Compilation.GetTypeByMetadataName(MetadataNames.SocketEventAttribute);
            if (@event is null)
            {
                return;
            }
            var endpoint = start.Compilation.GetTypeByMetadataName(MetadataNames.SocketEndpointAttribute);
            var endpointBase = start.Compilation.GetTypeByMetadataName(MetadataNames.SocketEndpoint);
            var contract = start.Compilation.GetTypeByMetadataName(MetadataNames.SocketContractAttribute);
            start.RegisterSymbolAction(context => AnalyzeType(context, endpoint, @event, endpointBase, contract), SymbolKind.NamedType);
            if (endpoint is null)
            {
                return;
            }
            var handlers = HandlerAttributes
                .Select(pair => (Symbol: start.Compilation.GetTypeByMetadataName(pair.Key), Name: pair.Value))
                .Where(pair => pair.Symbol is not null)
                .ToImmutableArray();
            start.RegisterSymbolAction(context => AnalyzeMethod(context, endpoint, handlers!), SymbolKind.Method);
            // Local functions are not symbols the symbol action sees; a handler attribute on one is never called.
            start.RegisterSyntaxNodeAction(context => AnalyzeLocalFunction(context, handlers!), SyntaxKind.LocalFunctionStatement);
        });
    }

    private static void AnalyzeLocalFunction(SyntaxNodeAnalysisContext context, ImmutableArray<(INamedTypeSymbol Symbol, string Name)> handlers)
    {
        var syntax = (LocalFunctionStatementSyntax)context.Node;
        if (syntax.AttributeLists.Count == 0 || context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is not IMethodSymbol function)
        {
            return;
        }
        foreach (var attribute in function.GetAttributes())
        {
            foreach (var handler in handlers)
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, handler.Symbol))
                {
                    var owner = function.ContainingType?.Name ?? "the enclosing method";
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.HandlerOutsideEndpoint, syntax.Identifier.GetLocation(), function.Name, handler.Name, owner + "." + function.ContainingSymbol.Name));
                    return;
                }
            }
        }
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol? endpoint, INamedTypeSymbol @event, INamedTypeSymbol? endpointBase, INamedTypeSymbol? contract)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        foreach (var attribute in type.GetAttributes())
        {
            if (endpoint is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, endpoint) && type.TypeKind == TypeKind.Class && !type.IsRecord && !type.IsStatic
                && !KnownTypeSymbols.DerivesFrom(type, endpointBase) && type.Locations.FirstOrDefault() is { } location)
            {
                // The operations live on the base class so other generators see them; a class
                // without it gets nothing generated (EndpointParser skips it). Records and static
                // classes cannot derive from it: TSK004 tells them what an endpoint is instead.
                var baseType = type.BaseType;
                var problem = baseType is null || baseType.SpecialType == SpecialType.System_Object
                    ? "does not derive from SocketEndpoint"
                    : $"derives from '{baseType.Name}', not from SocketEndpoint";
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EndpointNotDerived, location, type.Name, problem));
            }
            var descriptor = endpoint is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, endpoint) ? DiagnosticDescriptors.EndpointNotPartial
                : SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, @event) ? DiagnosticDescriptors.EventNotPartial
                : contract is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, contract) ? DiagnosticDescriptors.ContractNotPartial
                : null;
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

    private static void AnalyzeMethod(
        SymbolAnalysisContext context,
        INamedTypeSymbol endpoint,
        ImmutableArray<(INamedTypeSymbol Symbol, string Name)> handlers)
    {
        var method = (IMethodSymbol)context.Symbol;
        string? attributeName = null;
        foreach (var attribute in method.GetAttributes())
        {
            foreach (var handler in handlers)
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, handler.Symbol))
                {
                    attributeName = handler.Name;
                }
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
        if (owner is not null && !owner.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, endpoint)))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.HandlerOutsideEndpoint, location, method.Name, attributeName, owner.Name));
        }
    }
}
