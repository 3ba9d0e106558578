using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedSockets.Generator.Diagnostics;
using TypedSockets.Generator.Emitting;
using TypedSockets.Generator.Model;
using TypedSockets.Generator.Symbols;

namespace TypedSockets.Generator.Parsing;

/// <summary>The result of parsing one <c>[SocketEvent]</c> type: its model (absent when unusable) and diagnostics.</summary>
internal sealed record EventParseResult(
    EventModel? Model,
    LocationInfo? NameLocation,
    EquatableArray<DiagnosticInfo> Diagnostics,
    EventLocations? Locations = null);

/// <summary>Parses <c>[SocketEvent]</c> types into <see cref="EventModel"/>s.</summary>
internal static class EventParser
{
    public const string AttributeName = MetadataNames.SocketEventAttribute;

    public static EventParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var syntax = (TypeDeclarationSyntax)context.TargetNode;
        var diagnostics = new List<DiagnosticInfo>();
        var name = context.Attributes[0].ConstructorArguments.FirstOrDefault().Value as string ?? string.Empty;

        if (!DeclarationParser.IsPartial(syntax))
        {
            // TSK005 comes from UsageAnalyzer, with its code fix; there is nothing to generate.
            return new EventParseResult(null, null, diagnostics.ToEquatableArray());
        }
        if (DeclarationParser.AccessibilityProblem(type) is { } access)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InaccessibleType, syntax.Identifier.GetLocation(), "Event type", type.Name, access));
            return new EventParseResult(null, null, diagnostics.ToEquatableArray());
        }
        if (DeclarationParser.FirstNonPartialContainer(syntax) is { } container)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.ContainingTypeNotPartial, container.Identifier.GetLocation(), container.Identifier.ValueText, "event", type.Name));
            return new EventParseResult(null, null, diagnostics.ToEquatableArray());
        }
        if (!Naming.IsValidName(name) || Naming.IsReservedEventName(name))
        {
            var why = Naming.IsValidName(name) ? "reserved" : "invalid";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidEventName, SymbolNames.FirstArgumentLocation(context.Attributes[0]) ?? syntax.Identifier.GetLocation(), name, why));
            return new EventParseResult(null, null, diagnostics.ToEquatableArray());
        }

        var shapes = new ShapeBuilder(KnownTypeSymbols.For(context.SemanticModel.Compilation), cancellationToken);
        shapes.TryAdd(type, syntax.Identifier.GetLocation(), out _);
        diagnostics.AddRange(shapes.Diagnostics);
        var all = shapes.Shapes;
        var own = all.FirstOrDefault(s => s.TypeName == SymbolNames.TypeName(type));
        var readable = own?.Object?.IsReadable ?? false;
        var isVolatile = context.Attributes[0].NamedArguments.FirstOrDefault(a => a.Key == "Volatile").Value.Value is true;
        var model = new EventModel(DeclarationParser.Parse(type, syntax), name, readable, all, isVolatile);
        return new EventParseResult(
            model,
            LocationInfo.From(SymbolNames.FirstArgumentLocation(context.Attributes[0]) ?? syntax.Identifier.GetLocation()),
            diagnostics.ToEquatableArray(),
            Locations(type, syntax, own));
    }

    /// <summary>Where the event and each of its JSON properties are declared, for the contract snapshot check.</summary>
    private static EventLocations Locations(INamedTypeSymbol type, TypeDeclarationSyntax syntax, TypeShape? shape)
    {
        var members = new List<NamedLocation>();
        foreach (var member in shape?.Object?.Members ?? default)
        {
            var symbol = type.GetMembers(member.ClrName).FirstOrDefault();
            if (LocationInfo.From(symbol?.Locations.FirstOrDefault(l => l.IsInSource)) is { } location)
            {
                members.Add(new NamedLocation(ContractSnapshot.MemberPath(string.Empty, member.JsonName), location));
            }
        }
        return new EventLocations(SymbolNames.TypeName(type), LocationInfo.From(syntax.Identifier.GetLocation()), members.ToEquatableArray());
    }
}
