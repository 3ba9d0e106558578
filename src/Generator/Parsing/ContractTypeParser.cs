using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedSockets.Generator.Diagnostics;
using TypedSockets.Generator.Model;
using TypedSockets.Generator.Symbols;

namespace TypedSockets.Generator.Parsing;

/// <summary>The result of parsing one <c>[SocketContract]</c> type: its model (absent when unusable), diagnostics, its facts for the snapshot, and its typed client.</summary>
internal sealed record ContractTypeParseResult(
    ContractTypeModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, ContractFacts? Facts = null, ClientModel? Client = null);

/// <summary>
/// Parses <c>[SocketContract]</c> types, the contracts a shared library declares for servers and
/// clients: their ref, path and declared events, with the shapes the contract hash is made from.
/// </summary>
internal static class ContractTypeParser
{
    public const string AttributeName = MetadataNames.SocketContractAttribute;

    public static ContractTypeParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
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
            // TSK026 comes from UsageAnalyzer, with its code fix; the hash needs the type to be partial.
            return new ContractTypeParseResult(null, diagnostics.ToEquatableArray());
        }
        if (DeclarationParser.AccessibilityProblem(type) is { } access)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InaccessibleType, syntax.Identifier.GetLocation(), "Contract type", type.Name, access));
            return new ContractTypeParseResult(null, diagnostics.ToEquatableArray());
        }
        if (DeclarationParser.FirstNonPartialContainer(syntax) is { } container)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.ContainingTypeNotPartial, container.Identifier.GetLocation(), container.Identifier.ValueText, "contract", type.Name));
            return new ContractTypeParseResult(null, diagnostics.ToEquatableArray());
        }
        if (!Naming.IsValidName(@ref))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidEndpointRef, refLocation, @ref));
            return new ContractTypeParseResult(null, diagnostics.ToEquatableArray());
        }
        if (!path.StartsWith("/", System.StringComparison.Ordinal))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidPath, refLocation, path, "does not start with '/'"));
            return new ContractTypeParseResult(null, diagnostics.ToEquatableArray());
        }

        var contract = ContractParser.ParseDeclarations(type, known, diagnostics, cancellationToken);
        var model = new ContractTypeModel(DeclarationParser.Parse(type, syntax), @ref, path, contract);
        var facts = new ContractFacts(@ref, path, contract, LocationInfo.From(refLocation));
        return new ContractTypeParseResult(model, diagnostics.ToEquatableArray(), facts, ClientParser.FromContract(type, model));
    }
}
