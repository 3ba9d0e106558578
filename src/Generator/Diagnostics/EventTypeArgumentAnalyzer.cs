using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
                Location(context.Operation, method, parameters[i], i),
                method.TypeArguments[i].ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                method.Name));
        }
    }

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

    /// <summary>
    /// Where the type came from: the explicit type argument, else the argument it was inferred
    /// from, else the whole call.
    /// </summary>
    private static Location Location(IOperation operation, IMethodSymbol method, ITypeParameterSymbol parameter, int index)
    {
        var name = operation.Syntax switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Name,
            InvocationExpressionSyntax { Expression: SimpleNameSyntax simple } => simple,
            MemberAccessExpressionSyntax access => access.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };
        if (name is GenericNameSyntax generic && index < generic.TypeArgumentList.Arguments.Count)
        {
            return generic.TypeArgumentList.Arguments[index].GetLocation();
        }
        if (operation is IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } p && SymbolEqualityComparer.Default.Equals(p.OriginalDefinition.Type, parameter)
                    && argument.Syntax is ArgumentSyntax syntax)
                {
                    return syntax.GetLocation();
                }
            }
        }
        return (name ?? operation.Syntax).GetLocation();
    }

    private sealed record Symbols(INamedTypeSymbol EventTypeParameter, INamedTypeSymbol SocketEvent, INamedTypeSymbol EventInterface);
}
