using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedSockets.Generator.Diagnostics;
using TypedSockets.Generator.Emitting;
using TypedSockets.Generator.Model;
using TypedSockets.Generator.Parsing;

namespace TypedSockets.Generator;

/// <summary>
/// Writes the code behind <c>[SocketEndpoint]</c> classes, <c>[SocketEvent]</c> types and
/// <c>[SocketContract]</c> types (their ref, path and contract hash, and a typed client):
/// per event its <c>ISocketEvent&lt;T&gt;</c> implementation, per endpoint its factory, hooks and
/// dispatch, per assembly the JSON code (with the events' registration) and the endpoints'
/// registration. Parsing produces plain, value-equal models; emitting reads only those. This file
/// holds the pipeline; what its steps call is in <c>TypedSocketsGenerator.Execute.cs</c>.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class TypedSocketsGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var assemblyName = context.CompilationProvider
            .Select(static (compilation, _) => compilation.AssemblyName ?? "Assembly")
            .WithTrackingName(TrackingNames.AssemblyName);

        var events = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                EventParser.AttributeName,
                static (node, _) => node is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax,
                EventParser.Parse)
            .WithTrackingName(TrackingNames.EventParse);

        var endpoints = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                EndpointParser.AttributeName,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax or StructDeclarationSyntax,
                EndpointParser.Parse)
            .WithTrackingName(TrackingNames.EndpointParse);

        var contracts = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ContractTypeParser.AttributeName,
                static (node, _) => node is InterfaceDeclarationSyntax or ClassDeclarationSyntax,
                ContractTypeParser.Parse)
            .WithTrackingName(TrackingNames.ContractParse);

        // A shared contract gets its ref, path and hash; clients are built from it.
        context.RegisterSourceOutput(
            contracts.Where(static result => result.Model is not null).Select(static (result, _) => result.Model!),
            static (output, model) => output.AddSource($"{model.Type.HintName}.SocketContract.g.cs", ContractTypeEmitter.Emit(model)));

        // Typed .NET clients: for the project's own contracts and for those of the libraries it
        // references, once it references TypedSockets.Client.
        var clientRuntime = context.CompilationProvider
            .Select(static (compilation, _) => ClientParser.HasClientRuntime(compilation))
            .WithTrackingName(TrackingNames.ClientRuntime);
        var ownClients = contracts
            .Where(static result => result.Client is not null)
            .Select(static (result, _) => result.Client!);
        context.RegisterSourceOutput(ownClients.Combine(clientRuntime), static (output, pair) =>
        {
            if (pair.Right)
            {
                output.AddSource($"{pair.Left.HintName}.SocketClient.g.cs", ClientEmitter.Emit(pair.Left));
            }
        });
        var referencedClients = context.CompilationProvider
            .Select(ClientParser.FromReferences)
            .WithTrackingName(TrackingNames.ReferencedClients);
        context.RegisterSourceOutput(referencedClients, static (output, clients) =>
        {
            foreach (var client in clients)
            {
                output.AddSource($"{client.HintName}.SocketClient.g.cs", ClientEmitter.Emit(client));
            }
        });

        var eventModels = events
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(TrackingNames.EventModels);

        var endpointModels = endpoints
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(TrackingNames.EndpointModels);

        context.RegisterSourceOutput(eventModels.Combine(assemblyName), static (output, pair) =>
            output.AddSource($"{pair.Left.Type.HintName}.SocketEvent.g.cs", EventEmitter.Emit(pair.Left, pair.Right)));

        var eventReferences = eventModels
            .Select(static (model, _) => new EventReference(model.EventName, model.Type.FullyQualifiedName, model.IsReadable))
            .Collect()
            .Select(static (references, _) => references.OrderBy(r => r.EventName, System.StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.EventReferences);

        // An endpoint's output depends on the endpoint alone: events without a handler reach their
        // subscribers through the runtime, so adding an event to the assembly regenerates no endpoint.
        context.RegisterSourceOutput(endpointModels, static (output, model) =>
            output.AddSource($"{model.Type.HintName}.SocketEndpoint.g.cs", EndpointEmitter.Emit(model)));

        var shapes = eventModels
            .Select(static (model, _) => model.Shapes)
            .Collect()
            .Select(static (all, _) => Distinct(all))
            .WithTrackingName(TrackingNames.Shapes);

        context.RegisterSourceOutput(shapes.Combine(eventReferences).Combine(assemblyName), static (output, all) =>
        {
            var ((shapes, events), assemblyName) = all;
            if (!shapes.IsEmpty)
            {
                output.AddSource("TypedSockets.Json.g.cs", JsonEmitter.Emit(assemblyName, shapes, events));
            }
        });

        var allEndpoints = endpointModels
            .Collect()
            .Select(static (all, _) => all.OrderBy(e => e.Ref, System.StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.AllEndpoints);

        context.RegisterSourceOutput(allEndpoints.Combine(assemblyName), static (output, pair) =>
        {
            if (!pair.Left.IsEmpty)
            {
                output.AddSource("TypedSockets.Registration.g.cs", RegistrationEmitter.Emit(pair.Right, pair.Left));
            }
        });

        var assemblyVersion = context.CompilationProvider
            .Select(static (compilation, _) => compilation.Assembly.Identity.Version.ToString())
            .WithTrackingName(TrackingNames.AssemblyVersion);

        // The endpoints' contracts as one AsyncAPI document, a constant that MapAsyncApi() serves
        // and the package's MSBuild target writes to disk (a generator can only add C#).
        context.RegisterSourceOutput(allEndpoints.Combine(assemblyName).Combine(assemblyVersion), static (output, all) =>
        {
            var ((endpoints, assemblyName), version) = all;
            if (!endpoints.IsEmpty)
            {
                output.AddSource("TypedSockets.AsyncApi.g.cs", AsyncApiEmitter.Emit(assemblyName, version, endpoints));
            }
        });

        // The endpoints' TypeScript client package, constants that MapTypeScriptClient() serves and
        // the package's MSBuild target writes to disk; the package name may come from MSBuild.
        var packageName = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue("build_property.TypedSocketsTypeScriptPackageName", out var name) ? name : null)
            .WithTrackingName(TrackingNames.TypeScriptPackageName);
        context.RegisterSourceOutput(allEndpoints.Combine(assemblyName).Combine(assemblyVersion).Combine(packageName), static (output, all) =>
        {
            var (((endpoints, assemblyName), version), packageName) = all;
            if (!endpoints.IsEmpty)
            {
                output.AddSource("TypedSockets.TypeScript.g.cs", TypeScriptEmitter.Emit(assemblyName, version, packageName, endpoints));
            }
        });

        // Conflicts between declarations (same ref, path or event name) need the whole set.
        var conflicts = endpoints.Collect()
            .Combine(events.Collect())
            .Select(static (pair, _) => Conflicts(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Conflicts);

        // The contracts against the project's snapshot (SocketContracts.Shipped.txt), when it has one.
        var contractFacts = endpoints.Select(static (result, _) => result.Facts).Collect()
            .Combine(contracts.Select(static (result, _) => result.Facts).Collect())
            .Select(static (pair, _) => pair.Left.Concat(pair.Right)
                .Where(static facts => facts is not null)
                .Select(static facts => facts!)
                .OrderBy(static facts => facts.Ref, System.StringComparer.Ordinal)
                .ToEquatableArray())
            .WithTrackingName(TrackingNames.ContractFacts);
        var snapshot = context.AdditionalTextsProvider
            .Where(static file => string.Equals(System.IO.Path.GetFileName(file.Path), ContractSnapshot.FileName, System.StringComparison.OrdinalIgnoreCase))
            .Select(static (file, cancellationToken) => file.GetText(cancellationToken)?.ToString() ?? string.Empty)
            .Collect()
            .Select(static (texts, _) => texts.IsEmpty ? null : texts[0])
            .WithTrackingName(TrackingNames.ContractSnapshot);
        var eventLocations = events
            .Select(static (result, _) => result.Locations)
            .Where(static locations => locations is not null)
            .Select(static (locations, _) => locations!)
            .Collect();
        var snapshotDiagnostics = contractFacts.Combine(snapshot).Combine(eventLocations)
            .Select(static (all, _) => ContractSnapshotCheck.Compare(all.Left.Right, all.Left.Left.ToArray(), all.Right));

        // All diagnostics in one output: a type reached from several events reports its problem once.
        var diagnostics = events.Select(static (result, _) => result.Diagnostics).Collect()
            .Combine(endpoints.Select(static (result, _) => result.Diagnostics).Collect())
            .Combine(contracts.Select(static (result, _) => result.Diagnostics).Collect())
            .Combine(conflicts)
            .Combine(snapshotDiagnostics)
            .Select(static (all, _) => Distinct(all.Left.Left.Left.Left.Concat(all.Left.Left.Left.Right).Concat(all.Left.Left.Right).Append(all.Left.Right).Append(all.Right)))
            .WithTrackingName(TrackingNames.Diagnostics);

        // The compilation is only consulted to attach each diagnostic to its real syntax tree, so
        // #pragma and .editorconfig severities apply; nothing is generated from it.
        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (output, pair) =>
        {
            foreach (var diagnostic in pair.Left)
            {
                output.ReportDiagnostic(DiagnosticDescriptors.ToDiagnostic(diagnostic, pair.Right));
            }
        });
    }
}
