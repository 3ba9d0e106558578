using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using TypedSockets.Generator.Emitting;
using TypedSockets.Generator.Model;
using TypedSockets.Generator.Symbols;

namespace TypedSockets.Generator.Parsing;

/// <summary>
/// Finds the contracts a project can write typed clients for: the <c>[SocketContract]</c> types it
/// declares itself and those of the libraries it references (a shared contracts library, or a
/// server project a test project references). Clients are written only for a project that
/// references TypedSockets.Client.
/// </summary>
internal static class ClientParser
{
    private const string CoreAssemblyName = "TypedSockets.Core";

    /// <summary>TypedSockets' own assemblies: built against Core, but without contracts to look for.</summary>
    private static readonly HashSet<string> OwnAssemblies = new(System.StringComparer.Ordinal)
    {
        "TypedSockets", "TypedSockets.Client", "TypedSockets.Testing", "TypedSockets.Redis",
    };

    /// <summary>Whether the compilation references the client runtime the generated clients derive from.</summary>
    public static bool HasClientRuntime(Compilation compilation) =>
        compilation.GetTypeByMetadataName(MetadataNames.SocketEndpointClient) is not null;

    /// <summary>The client of a contract the project declares, written from its already-parsed model.</summary>
    public static ClientModel FromContract(INamedTypeSymbol contractType, ContractTypeModel model) =>
        Create(contractType, model.Ref, model.Path, ContractHash.Of(model.Ref, model.Path, model.Contract), model.Contract);

    /// <summary>The clients of the contracts in referenced assemblies, ordered by name.</summary>
    public static EquatableArray<ClientModel> FromReferences(Compilation compilation, CancellationToken cancellationToken)
    {
        if (!HasClientRuntime(compilation))
        {
            return EquatableArray<ClientModel>.Empty;
        }
        var known = KnownTypeSymbols.For(compilation);
        var clients = new List<ClientModel>();
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Only an assembly built against TypedSockets.Core can hold a contract; the rest are skipped unread.
            if (OwnAssemblies.Contains(assembly.Name)
                || !assembly.Modules.Any(module => module.ReferencedAssemblies.Any(reference => reference.Name == CoreAssemblyName)))
            {
                continue;
            }
            foreach (var type in Types(assembly.GlobalNamespace, cancellationToken))
            {
                var attribute = type.GetAttributes().FirstOrDefault(a => KnownTypeSymbols.Is(a.AttributeClass, known.SocketContractAttribute));
                if (attribute is null || !compilation.IsSymbolAccessibleWithin(type, compilation.Assembly))
                {
                    continue;
                }
                var (@ref, ownPath) = ContractSymbols.RefAndPath(attribute);
                var path = ownPath ?? ContractSymbols.DefaultPath(@ref);
                // The library's own diagnostics were its build's to report.
                var contract = ContractParser.ParseDeclarations(type, known, [], cancellationToken);
                // The hash the library's generator stamped on the contract is the one its servers have.
                var hash = type.GetMembers("ContractHash").OfType<IFieldSymbol>().FirstOrDefault() is { HasConstantValue: true, ConstantValue: string stamped }
                    ? stamped
                    : ContractHash.Of(@ref, path, contract);
                clients.Add(Create(type, @ref, path, hash, contract));
            }
        }
        return clients.OrderBy(c => c.HintName, System.StringComparer.Ordinal).ToEquatableArray();
    }

    /// <summary><c>IChatContract</c> and <c>ChatContract</c> give <c>ChatClient</c>.</summary>
    public static string ClientName(string contractName)
    {
        var name = contractName;
        if (name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]))
        {
            name = name.Substring(1);
        }
        if (name.Length > "Contract".Length && name.EndsWith("Contract", System.StringComparison.Ordinal))
        {
            name = name.Substring(0, name.Length - "Contract".Length);
        }
        return name + "Client";
    }

    private static ClientModel Create(INamedTypeSymbol contractType, string @ref, string path, string hash, ContractModel contract)
    {
        var @namespace = contractType.ContainingNamespace.IsGlobalNamespace ? string.Empty : contractType.ContainingNamespace.ToDisplayString();
        var isPublic = contractType.DeclaredAccessibility == Accessibility.Public
            && (contractType.ContainingType is null || IsPublic(contractType.ContainingType));
        return new ClientModel(
            @namespace,
            ClientName(contractType.Name),
            isPublic,
            SymbolNames.TypeName(contractType),
            @ref,
            path,
            hash,
            contract.Inbound,
            contract.Sent().ToEquatableArray());
    }

    private static bool IsPublic(INamedTypeSymbol type) =>
        type.DeclaredAccessibility == Accessibility.Public && (type.ContainingType is null || IsPublic(type.ContainingType));

    private static IEnumerable<INamedTypeSymbol> Types(INamespaceSymbol @namespace, CancellationToken cancellationToken)
    {
        foreach (var member in @namespace.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is INamespaceSymbol inner)
            {
                foreach (var type in Types(inner, cancellationToken))
                {
                    yield return type;
                }
            }
            else if (member is INamedTypeSymbol type)
            {
                foreach (var found in WithNested(type))
                {
                    yield return found;
                }
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> WithNested(INamedTypeSymbol type)
    {
        yield return type;
        foreach (var nested in type.GetTypeMembers())
        {
            foreach (var found in WithNested(nested))
            {
                yield return found;
            }
        }
    }
}
