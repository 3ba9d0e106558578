using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedSockets.Generator.Symbols;

namespace TypedSockets.Generator.Diagnostics;

/// <summary>
/// Holds every send and every inbound subscription to the contract of the endpoint it is made
/// on. An operation whose type parameter is <c>[SocketEventTypeParameter(Outbound)]</c>
/// (<c>Broadcast</c>, <c>SendTo</c>, <c>SocketClient.SendAsync</c>, ...) must send an event the
/// endpoint declares with <c>[Sends&lt;T&gt;]</c> (TSK022); one that is <c>Inbound</c>
/// (<c>Subscribe</c>, <c>ReadEventsAsync</c>) must read an event it receives (TSK024). A call
/// that cannot be tied to one endpoint's contract is TSK023.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ContractUsageAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The diagnostic property naming the attribute the code fix adds: <c>Sends</c> or <c>Receives</c>.</summary>
    public const string AttributeProperty = "Attribute";

    /// <summary>The diagnostic property holding the event type, fully qualified.</summary>
    public const string EventTypeProperty = "EventType";

    private const int Outbound = 1;
    private const int Inbound = 2;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UndeclaredOutboundEvent,
        DiagnosticDescriptors.SendOutsideContract,
        DiagnosticDescriptors.UndeclaredInboundEvent);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var known = KnownTypeSymbols.For(start.Compilation);
            var eventTypeParameter = start.Compilation.GetTypeByMetadataName(MetadataNames.SocketEventTypeParameterAttribute);
            if (eventTypeParameter is null || known.SocketEndpoint is null || known.SocketClient is null || known.SocketEventAttribute is null)
            {
                // Without the server there is nothing that sends.
                return;
            }
            var analysis = new Analysis(known, eventTypeParameter);
            start.RegisterOperationAction(
                context =>
                {
                    var invocation = (IInvocationOperation)context.Operation;
                    analysis.Analyze(context, invocation.TargetMethod, invocation.Instance);
                },
                OperationKind.Invocation);
            start.RegisterOperationAction(
                context =>
                {
                    var reference = (IMethodReferenceOperation)context.Operation;
                    analysis.Analyze(context, reference.Method, reference.Instance);
                },
                OperationKind.MethodReference);
        });
    }

    /// <summary>One compilation's analysis, with the declarations of each contract read once.</summary>
    private sealed class Analysis(KnownTypeSymbols known, INamedTypeSymbol eventTypeParameter)
    {
        private readonly ConcurrentDictionary<INamedTypeSymbol, Declarations> _declarations = new(SymbolEqualityComparer.Default);

        public void Analyze(OperationAnalysisContext context, IMethodSymbol method, IOperation? instance)
        {
            if (!method.IsGenericMethod)
            {
                return;
            }
            var parameters = method.OriginalDefinition.TypeParameters;
            for (var i = 0; i < parameters.Length; i++)
            {
                var direction = DirectionOf(parameters[i]);
                if (direction is not (Outbound or Inbound))
                {
                    continue;
                }
                var eventType = method.TypeArguments[i];
                if (eventType.TypeKind == TypeKind.Error)
                {
                    continue;
                }
                var location = TypeArgumentLocation.Of(context.Operation, method, parameters[i], i);
                if (Endpoint(context, method, instance, out var notTied) is not { } endpoint)
                {
                    if (notTied is not null)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SendOutsideContract, location, method.Name, notTied));
                    }
                    continue;
                }
                if (ContractSymbols.DeclaringType(endpoint, known) is not { } declaring)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.SendOutsideContract, location, method.Name,
                        $"it is called on '{endpoint.Name}', which is not a [SocketEndpoint] class; call it on the endpoint class itself"));
                    continue;
                }
                if (eventType is ITypeParameterSymbol typeParameter)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.SendOutsideContract, location, method.Name,
                        $"its event type is the type parameter '{typeParameter.Name}'; use a concrete event type"));
                    continue;
                }
                if (eventType is not INamedTypeSymbol named || ContractSymbols.EventName(named, known) is not { } eventName)
                {
                    continue; // Not an event at all: TSK021.
                }
                var declarations = _declarations.GetOrAdd(declaring, type => Declarations.Read(type, known));
                var declared = direction == Outbound ? declarations.Outbound : declarations.Inbound;
                if (declared.Contains(named))
                {
                    continue;
                }
                var target = SymbolEqualityComparer.Default.Equals(declaring, endpoint) ? $"'{endpoint.Name}'" : $"its contract '{declaring.Name}'";
                var properties = ImmutableDictionary.CreateRange(new[]
                {
                    new KeyValuePair<string, string?>(AttributeProperty, direction == Outbound ? "Sends" : "Receives"),
                    new KeyValuePair<string, string?>(EventTypeProperty, named.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)),
                });
                // The declaring type's source, when it has one, is where the code fix adds the declaration.
                var declaration = declaring.Locations.Where(l => l.IsInSource).Take(1);
                context.ReportDiagnostic(Diagnostic.Create(
                    direction == Outbound ? DiagnosticDescriptors.UndeclaredOutboundEvent : DiagnosticDescriptors.UndeclaredInboundEvent,
                    location,
                    declaration,
                    properties,
                    endpoint.Name,
                    named.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                    eventName,
                    target));
            }
        }

        /// <summary>
        /// The endpoint type whose contract applies: the receiver of an endpoint operation, or
        /// for <c>SocketClient.SendAsync</c> the endpoint class the call is written in.
        /// </summary>
        private INamedTypeSymbol? Endpoint(OperationAnalysisContext context, IMethodSymbol method, IOperation? instance, out string? notTied)
        {
            notTied = null;
            var owner = method.ContainingType;
            if (IsOrDerives(owner, known.SocketEndpoint))
            {
                if (instance?.Type is INamedTypeSymbol receiver)
                {
                    return receiver;
                }
                notTied = $"it is called on a value of type '{instance?.Type?.Name}', which is not an endpoint class; call it on the endpoint class itself";
                return null;
            }
            if (IsOrDerives(owner, known.SocketClient))
            {
                for (var symbol = context.ContainingSymbol; symbol is not null; symbol = symbol.ContainingSymbol)
                {
                    if (symbol is INamedTypeSymbol type && ContractSymbols.DeclaringType(type, known) is not null)
                    {
                        return type;
                    }
                }
                notTied = "it is called outside an endpoint class; call SendTo(client, event) on the endpoint instead";
                return null;
            }
            // A method of the app's own: its body is where the send is checked.
            return null;
        }

        private int DirectionOf(ITypeParameterSymbol parameter)
        {
            foreach (var attribute in parameter.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, eventTypeParameter))
                {
                    return attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int direction ? direction : 0;
                }
            }
            return 0;
        }

        private static bool IsOrDerives(INamedTypeSymbol? type, INamedTypeSymbol? baseType) =>
            type is not null && (KnownTypeSymbols.Is(type, baseType) || KnownTypeSymbols.DerivesFrom(type, baseType));
    }

    /// <summary>The events one endpoint or contract type declares, each way.</summary>
    private sealed class Declarations(HashSet<ITypeSymbol> outbound, HashSet<ITypeSymbol> inbound)
    {
        public HashSet<ITypeSymbol> Outbound { get; } = outbound;

        public HashSet<ITypeSymbol> Inbound { get; } = inbound;

        public static Declarations Read(INamedTypeSymbol declaring, KnownTypeSymbols known)
        {
            var outbound = new HashSet<ITypeSymbol>(ContractSymbols.Sent(declaring, known).Select(s => s.Event), SymbolEqualityComparer.Default);
            var inbound = new HashSet<ITypeSymbol>(ContractSymbols.Received(declaring, known).Select(r => r.Event), SymbolEqualityComparer.Default);
            // A contract type lists what it receives; an endpoint's handlers declare theirs.
            inbound.UnionWith(ContractSymbols.Handlers(declaring, known).Select(h => h.Event));
            return new Declarations(outbound, inbound);
        }
    }
}
