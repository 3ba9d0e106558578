using Microsoft.CodeAnalysis;

namespace TypedSockets.Generator.Tests;

/// <summary>
/// Two assemblies with endpoints in one app: each gets its own generated registration and JSON
/// code, an app adds a library's endpoint by type, and uses a library's events in its handlers.
/// </summary>
public class MultiAssemblyTests
{
    private const string Library = """
        using System.Threading.Tasks;
        using TypedSockets;

        namespace Lib;

        [SocketEndpoint("lib")]
        [Sends<LibNote>]
        public sealed partial class LibEndpoint : SocketEndpoint
        {
            [OnEvent]
            public LibPong Ping(LibPing ping) => new(ping.Seq);

            [OnEvent]
            public ValueTask Note(LibNote note, SocketClient sender) => BroadcastFrom(sender, note);
        }

        [SocketEvent("lib_ping")] public sealed partial record LibPing(int Seq);
        [SocketEvent("lib_pong")] public sealed partial record LibPong(int Seq);
        [SocketEvent("lib_note")] public sealed partial record LibNote(string Text, Detail? Detail = null);

        public sealed class Detail
        {
            public string Author { get; set; } = "";
        }
        """;

    private const string App = """
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Routing;
        using Microsoft.Extensions.DependencyInjection;
        using TypedSockets;

        namespace App;

        [SocketEndpoint("app")]
        public sealed partial class AppEndpoint(Lib.LibEndpoint library) : SocketEndpoint
        {
            [OnEvent]
            public ValueTask Say(Say message, SocketClient sender) =>
                library.Broadcast(new Lib.LibNote(message.Text, new Lib.Detail { Author = sender.Id }));
        }

        [SocketEvent("say")] public sealed partial record Say(string Text);

        public static class Program
        {
            public static void Configure(IServiceCollection services, IEndpointRouteBuilder endpoints)
            {
                services.AddTypedSockets();
                services.AddSocketEndpoint<Lib.LibEndpoint>();
                endpoints.MapTypedSockets();
                endpoints.MapSocketEndpoint<Lib.LibEndpoint>();
            }
        }
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_app_with_its_own_endpoints_adds_a_library_endpoint(bool emitted)
    {
        var library = BuildLibrary(emitted);

        var (output, diagnostics, result) = RunWith("App", library, App);

        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        // The app's generated code covers its own declarations only.
        Assert.Equal(
            ["App.AppEndpoint.SocketEndpoint.g.cs", "App.Say.SocketEvent.g.cs", "TypedSockets.AsyncApi.g.cs", "TypedSockets.Json.g.cs", "TypedSockets.Registration.g.cs", "TypedSockets.TypeScript.g.cs"],
            result.Results[0].GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
        var registration = Text(result, "TypedSockets.Registration.g.cs");
        Assert.Contains("TypedSocketsServiceCollectionExtensions_App", registration, StringComparison.Ordinal);
        Assert.DoesNotContain("Lib.", registration, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_assembly_gets_its_own_generated_class_names()
    {
        var (libOutput, _, _) = GeneratorHarness.Run("Lib", Library);
        var (appOutput, _, _) = RunWith("App", GeneratorHarness.EmitReference(libOutput), App);

        string[] Generated(Compilation compilation) =>
        [
            .. new[]
            {
                "TypedSockets.Generated.SocketJsonCode_",
                "Microsoft.Extensions.DependencyInjection.TypedSocketsServiceCollectionExtensions_",
                "Microsoft.AspNetCore.Builder.TypedSocketsEndpointRouteBuilderExtensions_",
                "TypedSockets.Generated.SocketAsyncApi_",
                "TypedSockets.Generated.SocketTypeScript_",
            }.Select(prefix => prefix + compilation.AssemblyName)
             .Where(name => compilation.GetTypeByMetadataName(name) is { DeclaredAccessibility: Accessibility.Internal }),
        ];

        Assert.Equal(5, Generated(libOutput).Length);
        Assert.Equal(5, Generated(appOutput).Length);
        Assert.Empty(Generated(libOutput).Intersect(Generated(appOutput)));
    }

    [Fact]
    public void An_app_handles_and_replies_with_events_defined_in_a_library()
    {
        var (output, diagnostics, result) = RunWith("App", BuildLibrary(emitted: true), """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;
            using TypedSockets;

            namespace App;

            [SocketEndpoint("app")]
            [Sends<Lib.LibNote>]
            public sealed partial class AppEndpoint : SocketEndpoint
            {
                [OnEvent]
                public Lib.LibPong Ping(Lib.LibPing ping) => new(ping.Seq + 1);

                [OnEvent]
                public async Task<Lib.LibPong> Note(Lib.LibNote note, SocketClient sender, CancellationToken cancellationToken)
                {
                    await SendTo(sender, note);
                    return new Lib.LibPong(note.Text.Length);
                }
            }

            public static class Program
            {
                public static void Configure(IServiceCollection services) => services.AddTypedSockets();
            }
            """);

        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        var endpoint = Text(result, "App.AppEndpoint.SocketEndpoint.g.cs");
        Assert.Contains("\"lib_ping\"u8", endpoint, StringComparison.Ordinal);
        Assert.Contains("invocation.TryRead<global::Lib.LibPing>(out var message)", endpoint, StringComparison.Ordinal);
        Assert.Contains("\"lib_note\"u8", endpoint, StringComparison.Ordinal);
        // The library's JSON code stays in the library: the app has no events of its own.
        Assert.DoesNotContain(result.Results[0].GeneratedSources, s => s.HintName == "TypedSockets.Json.g.cs");
    }

    [Fact]
    public void An_app_without_endpoints_of_its_own_maps_a_library_endpoint()
    {
        var (output, diagnostics, result) = RunWith("App", BuildLibrary(emitted: true), """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Routing;
            using Microsoft.Extensions.DependencyInjection;

            namespace App;

            public static class Program
            {
                public static void Configure(IServiceCollection services, IEndpointRouteBuilder endpoints)
                {
                    services.AddTypedSocketsCore();
                    services.AddSocketEndpoint<Lib.LibEndpoint>();
                    endpoints.MapSocketEndpoint<Lib.LibEndpoint>();
                }
            }
            """);

        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        Assert.Empty(result.Results[0].GeneratedSources);
    }

    [Fact(Skip = "bug: with InternalsVisibleTo between two assemblies with endpoints (e.g. an app and its test project), both internal AddTypedSockets()/MapTypedSockets() are visible and the call is ambiguous (CS0121)")]
    public void Internals_visible_to_does_not_make_the_registration_ambiguous()
    {
        var (libOutput, libDiagnostics, _) = GeneratorHarness.Run("Lib", "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"App\")]", Library);
        Assert.Empty(libDiagnostics);

        var (output, diagnostics, _) = RunWith("App", GeneratorHarness.EmitReference(libOutput), App);

        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    private static MetadataReference BuildLibrary(bool emitted)
    {
        var (output, diagnostics, _) = GeneratorHarness.Run("Lib", Library);
        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        return emitted ? GeneratorHarness.EmitReference(output) : output.ToMetadataReference();
    }


    private static (Compilation Output, IReadOnlyList<Diagnostic> Diagnostics, GeneratorDriverRunResult Result) RunWith(
        string assemblyName, MetadataReference library, string source)
    {
        var compilation = GeneratorHarness.Compile(assemblyName, source).AddReferences(library);
        var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return (output, diagnostics, driver.GetRunResult());
    }

    private static string Text(GeneratorDriverRunResult result, string hintName) =>
        result.Results[0].GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();
}
