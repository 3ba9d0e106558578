using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedSockets.Generator.Symbols;

namespace TypedSockets.Generator.Diagnostics;

/// <summary>
/// TSK021: a type argument for a <c>[SocketEventTypeParameter]</c> type parameter (the
/// <c>TEvent</c> of <c>Broadcast</c>, <c>SendTo</c>, <c>SocketClient.SendAsync</c>,
/// <c>SocketJson</c>, ...) must be a <c>[SocketEvent]</c> type. Those operations have no generic
/// constraint, because the interface it would name is implemented only in generated code that other
/// source generators never see; this analyzer is the constraint, at compile time.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EventTypeArgumentAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.NotAnEventType);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            // Resolved once per compilation; a compilation without TypedSockets has nothing to check.
            var eventTypeParameter = start.Compilation.GetTypeByMetadataName(MetadataNames.SocketEventTypeParameterAttribute);
            var socketEvent = start.Compilation.GetTypeByMetadataName(MetadataNames.SocketEventAttribute);
            var eventInterface = start.Compilation.GetTypeByMetadataName(MetadataNames.ISocketEvent);
            if (eventTypeParameter is null || socketEvent is null || eventInterface is null)
            {
                return;
            }
            var symbols = new Symbols(eventTypeParameter, socketEvent, eventInterface);
            start.RegisterOperationAction(
                context => Analyze(context, ((IInvocationOperation)context.Operation).TargetMethod, symbols),
                OperationKind.Invocation);
            start.RegisterOperationAction(
                context => Analyze(context, ((IMethodReferenceOperation)context.Operation).Method, symbols),
                OperationKind.MethodReference);
            // [Sends<T>], [Receives<T>(Reply = typeof(R))]: the contract's declarations name events too.
            start.RegisterSymbolAction(context => AnalyzeAttributes(context, symbols), SymbolKind.NamedType);
        });
    }

    private static void Analyze(OperationAnalysisContext context, IMethodSymbol method, Symbols symbols)
    {
        if (!method.IsGenericMethod)
        {
            return;
        }
        var parameters = method.OriginalDefinition.TypeParameters;
        for (var i = 0; i < parameters.Length; i++)
        {
            if (!HasAttribute(parameters[i], symbols.EventTypeParameter) || IsEvent(method.TypeArguments[i], symbols))
            {
                continue;
            }
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.NotAnEventType,
                TypeArgumentLocation.Of(context.Operation, method, parameters[i], i),
                method.TypeArguments[i].ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                method.Name));
        }
    }

    private static void AnalyzeAttributes(SymbolAnalysisContext context, Symbols symbols)
    {
        foreach (var attribute in context.Symbol.GetAttributes())
        {
            if (attribute.AttributeClass is not { IsGenericType: true } attributeClass
                || attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is not { } syntax)
            {
                continue;
            }
            var parameters = attributeClass.OriginalDefinition.TypeParameters;
            var marked = false;
            for (var i = 0; i < parameters.Length; i++)
            {
                if (!HasAttribute(parameters[i], symbols.EventTypeParameter))
                {
                    continue;
                }
                marked = true;
                if (!IsEvent(attributeClass.TypeArguments[i], symbols))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.NotAnEventType,
                        syntax.GetLocation(),
                        attributeClass.TypeArguments[i].ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                        ShortName(attributeClass)));
                }
            }
            if (!marked)
            {
                continue;
            }
            foreach (var named in attribute.NamedArguments)
            {
                // Reply = typeof(...) on [Receives<T>] names the event a request is answered with.
                if (named.Value.Kind == TypedConstantKind.Type && named.Value.Value is ITypeSymbol type && !IsEvent(type, symbols))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.NotAnEventType,
                        syntax.GetLocation(),
                        type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                        ShortName(attributeClass) + "." + named.Key));
                }
            }
        }
    }

    /// <summary>An attribute's name as written in source: <c>Sends</c> for <c>SendsAttribute</c>.</summary>
    private static string ShortName(INamedTypeSymbol attributeClass) =>
        attributeClass.Name.EndsWith("Attribute", System.StringComparison.Ordinal)
            ? attributeClass.Name.Substring(0, attributeClass.Name.Length - "Attribute".Length)
            : attributeClass.Name;

    private static bool IsEvent(ITypeSymbol type, Symbols symbols)
    {
        if (type.TypeKind == TypeKind.Error)
        {
            // The compiler reports a type it could not resolve; calling it "not an event" too would only add noise.
            return true;
        }
        switch (type)
        {
            case ITypeParameterSymbol parameter:
                // A type parameter of the caller's own: an event when it is marked the same way or
                // constrained to ISocketEvent<T>; its callers are checked in turn.
                if (HasAttribute(parameter, symbols.EventTypeParameter))
                {
                    return true;
                }
                foreach (var constraint in parameter.ConstraintTypes)
                {
                    if (SymbolEqualityComparer.Default.Equals(constraint.OriginalDefinition, symbols.EventInterface))
                    {
                        return true;
                    }
                }
                return false;
            case INamedTypeSymbol named:
                // A type whose [SocketEvent] is not yet generated (not partial, say) has its own
                // diagnostic; the call itself is right.
                return HasAttribute(named, symbols.SocketEvent);
            default:
                // Arrays, pointers and the like are not events.
                return false;
        }
    }

    private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol attribute)
    {
        foreach (var data in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return true;
            }
        }
        return false;
    }

    private sealed record Symbols(INamedTypeSymbol EventTypeParameter, INamedTypeSymbol SocketEvent, INamedTypeSymbol EventInterface);
}
