using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedSockets.Generator.Diagnostics;
using TypedSockets.Generator.Model;
using TypedSockets.Generator.Symbols;

namespace TypedSockets.Generator.Parsing;

/// <summary>The result of parsing one <c>[SocketEndpoint]</c> class: its model (absent when unusable) and diagnostics.</summary>
internal sealed record EndpointParseResult(
    EndpointModel? Model,
    LocationInfo? RefLocation,
    LocationInfo? PathLocation,
    EquatableArray<DiagnosticInfo> Diagnostics,
    ContractFacts? Facts = null);

/// <summary>Parses <c>[SocketEndpoint]</c> classes, their handlers and hooks into <see cref="EndpointModel"/>s.</summary>
internal static class EndpointParser
{
    public const string AttributeName = MetadataNames.SocketEndpointAttribute;

    public static EndpointParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var syntax = (TypeDeclarationSyntax)context.TargetNode;
        var known = KnownTypeSymbols.For(context.SemanticModel.Compilation);
        var attribute = context.Attributes[0];
        var diagnostics = new List<DiagnosticInfo>();
        var refLocation = SymbolNames.FirstArgumentLocation(attribute) ?? syntax.Identifier.GetLocation();

        var (@ref, ownPath) = ContractSymbols.RefAndPath(attribute);
        var path = ownPath ?? ContractSymbols.DefaultPath(@ref);

        if (!DeclarationParser.IsPartial(syntax))
        {
            // TSK001 comes from UsageAnalyzer, with its code fix; there is nothing to generate.
            return new EndpointParseResult(null, null, null, diagnostics.ToEquatableArray());
        }
        if (syntax is not ClassDeclarationSyntax)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidEndpointType, syntax.Identifier.GetLocation(), type.Name, type.IsValueType ? "a struct" : "a record"));
            return new EndpointParseResult(null, null, null, diagnostics.ToEquatableArray());
        }
        if (EndpointTypeProblem(type) is { } typeProblem)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidEndpointType, syntax.Identifier.GetLocation(), type.Name, typeProblem));
            return new EndpointParseResult(null, null, null, diagnostics.ToEquatableArray());
        }
        if (!KnownTypeSymbols.DerivesFrom(type, known.SocketEndpoint))
        {
            // TSK020 comes from UsageAnalyzer, with its code fix: the operations live on the base
            // class, so without it there is nothing the generated half could call.
            return new EndpointParseResult(null, null, null, diagnostics.ToEquatableArray());
        }
        if (DeclarationParser.AccessibilityProblem(type) is { } access)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InaccessibleType, syntax.Identifier.GetLocation(), "Endpoint class", type.Name, access));
            return new EndpointParseResult(null, null, null, diagnostics.ToEquatableArray());
        }
        if (DeclarationParser.FirstNonPartialContainer(syntax) is { } container)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.ContainingTypeNotPartial, container.Identifier.GetLocation(), container.Identifier.ValueText, "endpoint", type.Name));
            return new EndpointParseResult(null, null, null, diagnostics.ToEquatableArray());
        }
        var adopted = ContractSymbols.AdoptedContract(type, known);
        if (adopted is not null && !ContractParser.TakeIdentity(type, adopted, refLocation, known, diagnostics, ref @ref, ownPath, ref path))
        {
            return new EndpointParseResult(null, null, null, diagnostics.ToEquatableArray());
        }
        if (!Naming.IsValidName(@ref))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidEndpointRef, refLocation, @ref));
            return new EndpointParseResult(null, null, null, diagnostics.ToEquatableArray());
        }

        var handlers = new List<HandlerModel>();
        var handlerLocations = new Dictionary<string, string>();
        var handlerLocationsByModel = new List<(HandlerModel Handler, Location? Location)>();
        HookModel? onConnect = null, onDisconnect = null;
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var methodAttribute in method.GetAttributes())
            {
                var attributeClass = methodAttribute.AttributeClass;
                if (KnownTypeSymbols.Is(attributeClass, known.OnEventAttribute))
                {
                    if (ParseHandler(method, known, diagnostics) is { } handler)
                    {
                        if (handlerLocations.TryGetValue(handler.EventTypeName, out var first))
                        {
                            diagnostics.Add(DiagnosticInfo.Create(
                                DiagnosticDescriptors.DuplicateHandler, method.Locations.FirstOrDefault(), first, method.Name, handler.EventName));
                        }
                        else
                        {
                            handlerLocations.Add(handler.EventTypeName, method.Name);
                            handlers.Add(handler);
                            handlerLocationsByModel.Add((handler, method.Locations.FirstOrDefault()));
                        }
                    }
                }
                else if (KnownTypeSymbols.Is(attributeClass, known.OnConnectAttribute))
                {
                    ParseHook(method, "[OnConnect]", known, ref onConnect, diagnostics);
                }
                else if (KnownTypeSymbols.Is(attributeClass, known.OnDisconnectAttribute))
                {
                    ParseHook(method, "[OnDisconnect]", known, ref onDisconnect, diagnostics);
                }
            }
        }

        var contract = ContractParser.Parse(type, adopted, handlerLocationsByModel, known, diagnostics, cancellationToken);
        ConstructorProblems(type, syntax, diagnostics);
        var model = new EndpointModel(
            DeclarationParser.Parse(type, syntax),
            @ref,
            path,
            ConstructorParameters(type, known).ToEquatableArray(),
            handlers.ToEquatableArray(),
            onConnect,
            onDisconnect,
            EnumMemberName(attribute.NamedArguments.FirstOrDefault(a => a.Key == "SlowConsumerPolicy").Value),
            attribute.NamedArguments.FirstOrDefault(a => a.Key == "AllowBinaryFrames").Value.Value is true,
            MetadataParser.Authorization(type, known, cancellationToken).ToEquatableArray(),
            contract);
        var facts = new ContractFacts(@ref, path, contract, LocationInfo.From(refLocation));
        return new EndpointParseResult(model, LocationInfo.From(refLocation), LocationInfo.From(PathArgumentLocation(context)), diagnostics.ToEquatableArray(), facts);
    }

    private static HandlerModel? ParseHandler(IMethodSymbol method, KnownTypeSymbols known, List<DiagnosticInfo> diagnostics)
    {
        var location = method.Locations.FirstOrDefault();
        var parameters = method.Parameters;
        string? problem = null;
        if (method.IsGenericMethod)
        {
            problem = "generic handlers are not supported";
        }
        else if (parameters.Length == 0)
        {
            problem = "the first parameter must be the event";
        }
        else if (parameters.Any(p => p.RefKind != RefKind.None))
        {
            problem = "parameters cannot be ref, in or out";
        }
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidHandlerSignature, location, method.Name, problem));
            return null;
        }

        var eventType = parameters[0].Type as INamedTypeSymbol;
        var eventName = eventType is null ? null : EventNameOf(eventType, known);
        if (eventType is not null && eventName is not null && !HasGeneratedCode(eventType, eventName, known))
        {
            // The event's own declaration is reported (not partial, bad name); routing to it would only cascade.
            return null;
        }
        if (eventType is null || eventName is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidHandlerSignature,
                parameters[0].Locations.FirstOrDefault() ?? location,
                method.Name,
                $"the first parameter's type '{parameters[0].Type.ToDisplayString()}' is not a [SocketEvent] type"));
            return null;
        }

        var rest = parameters.Skip(1).ToList();
        var takesClient = rest.Count > 0 && KnownTypeSymbols.Is(rest[0].Type, known.SocketClient);
        if (takesClient)
        {
            rest.RemoveAt(0);
        }
        var takesToken = rest.Count > 0 && KnownTypeSymbols.Is(rest[0].Type, known.CancellationToken);
        if (takesToken)
        {
            rest.RemoveAt(0);
        }
        if (rest.Count > 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidHandlerSignature,
                rest[0].Locations.FirstOrDefault() ?? location,
                method.Name,
                $"parameter '{rest[0].Name}' of type '{rest[0].Type.ToDisplayString()}' is not expected there"));
            return null;
        }

        var returns = ReturnOf(method.ReturnType, known, allowEvent: true);
        var replyType = ReplyTypeOf(method.ReturnType, returns);
        if (replyType is not null && !HasGeneratedCode(replyType, EventNameOf(replyType, known)!, known))
        {
            return null;
        }
        if (returns is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.ReplyIsNotAnEvent,
                location,
                method.Name,
                method.ReturnType.ToDisplayString()));
            return null;
        }

        if (JsonConstructors.WhyNotConstructible(eventType, known) is { } whyNot)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.EventNotConstructible, parameters[0].Locations.FirstOrDefault() ?? location, eventType.Name, whyNot));
            return null;
        }

        return new HandlerModel(
            method.Name,
            SymbolNames.TypeName(eventType),
            eventName,
            takesClient,
            takesToken,
            returns.Value,
            replyType is null ? null : SymbolNames.TypeName(replyType),
            replyType is null ? null : EventNameOf(replyType, known),
            method.IsStatic);
    }

    private static void ParseHook(IMethodSymbol method, string kind, KnownTypeSymbols known, ref HookModel? hook, List<DiagnosticInfo> diagnostics)
    {
        var location = method.Locations.FirstOrDefault();
        var parameters = method.Parameters;
        string? problem = null;
        if (hook is not null)
        {
            problem = $"the endpoint already has a {kind} method, '{hook.MethodName}'";
        }
        else if (method.IsGenericMethod)
        {
            problem = "it cannot be generic";
        }
        else if (parameters.Any(p => p.RefKind != RefKind.None))
        {
            problem = "parameters cannot be ref, in or out";
        }
        else if (parameters.Length > 2)
        {
            problem = "it takes at most a SocketClient and a CancellationToken";
        }
        else if (parameters.Length == 0 || !KnownTypeSymbols.Is(parameters[0].Type, known.SocketClient))
        {
            problem = "the first parameter must be the SocketClient";
        }
        else if (parameters.Length == 2 && !KnownTypeSymbols.Is(parameters[1].Type, known.CancellationToken))
        {
            problem = "the second parameter, if any, must be a CancellationToken";
        }
        var returns = ReturnOf(method.ReturnType, known, allowEvent: false);
        if (problem is null && returns is null)
        {
            problem = "it must return void, Task or ValueTask";
        }
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidHookSignature, location, method.Name, problem));
            return;
        }
        hook = new HookModel(method.Name, parameters.Length == 2, returns!.Value, method.IsStatic);
    }

    private static ReturnKind? ReturnOf(ITypeSymbol type, KnownTypeSymbols known, bool allowEvent)
    {
        if (type.SpecialType == SpecialType.System_Void)
        {
            return ReturnKind.Void;
        }
        var definition = type.OriginalDefinition;
        if (KnownTypeSymbols.Is(definition, known.Task))
        {
            return ReturnKind.Task;
        }
        if (KnownTypeSymbols.Is(definition, known.ValueTask))
        {
            return ReturnKind.ValueTask;
        }
        if (!allowEvent)
        {
            return null;
        }
        if (KnownTypeSymbols.Is(definition, known.TaskOfT))
        {
            return IsEvent(((INamedTypeSymbol)type).TypeArguments[0], known) ? ReturnKind.TaskOfEvent : null;
        }
        if (KnownTypeSymbols.Is(definition, known.ValueTaskOfT))
        {
            return IsEvent(((INamedTypeSymbol)type).TypeArguments[0], known) ? ReturnKind.ValueTaskOfEvent : null;
        }
        return IsEvent(type, known) ? ReturnKind.Event : null;
    }

    private static bool IsEvent(ITypeSymbol type, KnownTypeSymbols known) => type is INamedTypeSymbol named && EventNameOf(named, known) is not null;

    /// <summary>The event type a handler replies with, for the returns that reply.</summary>
    private static INamedTypeSymbol? ReplyTypeOf(ITypeSymbol returnType, ReturnKind? kind) => kind switch
    {
        ReturnKind.Event => returnType as INamedTypeSymbol,
        ReturnKind.TaskOfEvent or ReturnKind.ValueTaskOfEvent => ((INamedTypeSymbol)returnType).TypeArguments[0] as INamedTypeSymbol,
        _ => null,
    };

    /// <summary>
    /// Whether the event type has (or will get) its <c>ISocketEvent</c> code: from another assembly
    /// it must implement it already; in source it must be partial (nested in partial types) with a
    /// valid name. Otherwise its own declaration carries the diagnostic.
    /// </summary>
    internal static bool HasGeneratedCode(INamedTypeSymbol type, string eventName, KnownTypeSymbols known)
    {
        if (type.DeclaringSyntaxReferences.Length == 0)
        {
            return type.AllInterfaces.Any(i => KnownTypeSymbols.Is(i.OriginalDefinition, known.ISocketEvent));
        }
        if (!Naming.IsValidName(eventName) || Naming.IsReservedEventName(eventName) || DeclarationParser.AccessibilityProblem(type) is not null)
        {
            return false;
        }
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not TypeDeclarationSyntax declaration
                || !DeclarationParser.IsPartial(declaration)
                || DeclarationParser.FirstNonPartialContainer(declaration) is not null)
            {
                return false;
            }
        }
        return true;
    }

    private static Location? PathArgumentLocation(GeneratorAttributeSyntaxContext context) =>
        context.Attributes[0].ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax { ArgumentList: { } arguments }
            ? arguments.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Path")?.GetLocation()
            : null;

    internal static string? EventNameOf(INamedTypeSymbol type, KnownTypeSymbols known) => ContractSymbols.EventName(type, known);

    private static string? EndpointTypeProblem(INamedTypeSymbol type)
    {
        if (type.IsStatic)
        {
            return "static";
        }
        if (type.IsAbstract)
        {
            return "abstract";
        }
        if (type.TypeParameters.Length > 0)
        {
            return "generic";
        }
        for (var container = type.ContainingType; container is not null; container = container.ContainingType)
        {
            if (container.TypeParameters.Length > 0)
            {
                return $"nested in the generic type '{container.Name}'";
            }
        }
        return null;
    }

    /// <summary>TSK014: one public constructor, whose parameters dependency injection can provide.</summary>
    private static void ConstructorProblems(INamedTypeSymbol type, TypeDeclarationSyntax syntax, List<DiagnosticInfo> diagnostics)
    {
        var publicOnes = PublicConstructors(type);
        if (publicOnes.Count > 1)
        {
            var second = publicOnes.Skip(1).First(c => !c.IsImplicitlyDeclared);
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidEndpointConstructor,
                second.Locations.FirstOrDefault() ?? syntax.Identifier.GetLocation(),
                type.Name,
                $"has {publicOnes.Count} public constructors, so which one to call is ambiguous"));
            return;
        }
        var constructor = publicOnes.FirstOrDefault();
        if (constructor is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidEndpointConstructor, syntax.Identifier.GetLocation(), type.Name, "has no public constructor"));
            return;
        }
        foreach (var parameter in constructor.Parameters)
        {
            var problem = parameter.RefKind != RefKind.None ? "is passed by reference"
                : parameter.Type.IsValueType && !parameter.HasExplicitDefaultValue ? "is a value type, not a service"
                : parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.TypeParameter ? "cannot be a service"
                : null;
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.InvalidEndpointConstructor,
                    parameter.Locations.FirstOrDefault() ?? syntax.Identifier.GetLocation(),
                    type.Name,
                    $"takes '{parameter.Name}', which {problem}"));
            }
        }
    }

    /// <summary>
    /// The constructor the DI factory calls: the one public constructor, which is what TSK014 asks
    /// for. When TSK014 is reported (none or several), the one with the most parameters, so the
    /// generated factory still compiles and the error is the only one.
    /// </summary>
    private static IMethodSymbol? FactoryConstructor(INamedTypeSymbol type)
    {
        var publicOnes = PublicConstructors(type);
        if (publicOnes.Count == 1)
        {
            return publicOnes[0];
        }
        // Preferring constructors DI could call at all keeps ref and pointer parameters from adding errors to TSK014.
        return type.InstanceConstructors
            .OrderByDescending(c => c.Parameters.All(p => p.RefKind == RefKind.None && p.Type.TypeKind is not (TypeKind.Pointer or TypeKind.FunctionPointer)))
            .ThenByDescending(c => c.Parameters.Length)
            .FirstOrDefault();
    }

    private static List<IMethodSymbol> PublicConstructors(INamedTypeSymbol type) =>
        type.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).ToList();

    private static IEnumerable<ServiceParameter> ConstructorParameters(INamedTypeSymbol type, KnownTypeSymbols known)
    {
        if (FactoryConstructor(type) is not { } constructor)
        {
            yield break;
        }
        foreach (var parameter in constructor.Parameters)
        {
            var typeName = SymbolNames.TypeName(parameter.Type);
            yield return new ServiceParameter(
                typeName,
                parameter.HasExplicitDefaultValue || parameter.NullableAnnotation == NullableAnnotation.Annotated,
                KnownTypeSymbols.Is(parameter.Type, known.IServiceProvider));
        }
    }

    /// <summary>The name of the enum member an attribute argument holds, or null when it is not set.</summary>
    private static string? EnumMemberName(TypedConstant argument) =>
        argument.Kind == TypedConstantKind.Enum
            ? argument.Type?.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, argument.Value))?.Name
            : null;
}
