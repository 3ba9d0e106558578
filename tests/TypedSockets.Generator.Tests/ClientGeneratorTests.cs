using Microsoft.CodeAnalysis;

namespace TypedSockets.Generator.Tests;

/// <summary>
/// The typed .NET client the generator writes for every contract a project that references
/// TypedSockets.Client sees: its own, and those of the libraries it references.
/// </summary>
public class ClientGeneratorTests
{
    private static readonly MetadataReference ClientRuntime =
        MetadataReference.CreateFromFile(typeof(TypedSockets.Client.SocketEndpointClient).Assembly.Location);

    private const string SharedContracts = """
        using TypedSockets;

        namespace Shared;

        [SocketContract("chat")]
        [Receives<Say>, Receives<Ping>(Reply = typeof(Pong))]
        [Sends<Said>]
        public partial interface IChatContract;

        [SocketEvent("say")] public sealed partial record Say(string Text);
        [SocketEvent("said")] public sealed partial record Said(string From, string Text);
        [SocketEvent("ping")] public sealed partial record Ping(int Seq);
        [SocketEvent("pong")] public sealed partial record Pong(int Seq);
        """;

    private const string ClientApp = """
        using System.Threading.Tasks;
        using Shared;

        namespace App;

        public static class Use
        {
            public static async Task<int> ChatAsync(ChatClient client)
            {
                using var subscription = client.OnSaid(said => System.Console.WriteLine(said.Text));
                await client.SayAsync(new Say("hi"));
                await client.SendAsync(new Say("no wait"));
                Pong pong = await client.PingAsync(new Ping(1), System.TimeSpan.FromSeconds(1));
                await foreach (var said in client.ReadSaidAsync())
                {
                    return said.Text.Length;
                }
                return pong.Seq;
            }
        }
        """;

    [Fact]
    public void A_project_that_references_the_client_gets_one_for_its_own_contract()
    {
        var (output, diagnostics, result) = Run("Demo", [ClientRuntime], Sources.Chat);

        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        var client = result.Results[0].GeneratedSources.Single(s => s.HintName == "Demo.LobbyClient.SocketClient.g.cs");
        Snapshot.Match(client.SourceText.ToString(), "Demo.LobbyClient.SocketClient");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_client_app_gets_the_client_of_a_referenced_contracts_library_with_the_same_hash(bool emitted)
    {
        var (library, libraryDiagnostics, _) = GeneratorHarness.Run("Shared", SharedContracts);
        Assert.Empty(libraryDiagnostics);
        var reference = emitted ? GeneratorHarness.EmitReference(library) : library.ToMetadataReference();

        var (output, diagnostics, result) = Run("App", [ClientRuntime, reference], ClientApp);

        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        Assert.Equal(["Shared.ChatClient.SocketClient.g.cs"], result.Results[0].GeneratedSources.Select(s => s.HintName));
        Assert.Equal(Constant(library, "Shared.IChatContract", "ContractHash"), Constant(output, "Shared.ChatClient", "ContractHash"));
        Assert.Equal("/ws/chat", Constant(output, "Shared.ChatClient", "EndpointPath"));
    }

    [Fact]
    public void Without_the_client_runtime_no_client_is_written()
    {
        var (_, _, result) = Run("Demo", [], Sources.Chat);

        Assert.DoesNotContain(result.Results[0].GeneratedSources, s => s.HintName.EndsWith(".SocketClient.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Member_names_step_around_the_members_of_the_client_base()
    {
        var (output, diagnostics, result) = Run("Demo", [ClientRuntime], """
            using TypedSockets;

            namespace Demo;

            [SocketContract("odd")]
            [Receives<Connect>, Receives<Close>(Reply = typeof(State))]
            [Sends<Reconnected>, Sends<All>]
            internal partial interface OddContract;

            [SocketEvent("connect")] public sealed partial record Connect(int N);
            [SocketEvent("close")] public sealed partial record Close(int N);
            [SocketEvent("state")] public sealed partial record State(int N);
            [SocketEvent("reconnected")] public sealed partial record Reconnected(int N);
            [SocketEvent("all")] public sealed partial record All(int N);

            internal static class Use
            {
                public static async System.Threading.Tasks.Task Go(OddClient client)
                {
                    await client.ConnectEventAsync(new Connect(1));
                    State state = await client.CloseEventAsync(new Close(2));
                    client.OnReconnectedEvent(_ => { });
                    client.OnReconnected(_ => System.Threading.Tasks.Task.CompletedTask);
                    client.OnState(_ => { });
                    await foreach (var all in client.ReadAllEventAsync()) { }
                }
            }
            """);

        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        var text = result.Results[0].GeneratedSources.Single(s => s.HintName == "Demo.OddClient.SocketClient.g.cs").SourceText.ToString();
        // An internal contract gets an internal client.
        Assert.Contains("internal sealed partial class OddClient", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("IChatContract", "ChatClient")]
    [InlineData("ChatContract", "ChatClient")]
    [InlineData("IChat", "ChatClient")]
    [InlineData("Lobby", "LobbyClient")]
    [InlineData("Contract", "ContractClient")]
    [InlineData("Index", "IndexClient")]
    public void A_client_is_named_after_its_contract(string contract, string client) =>
        Assert.Equal(client, TypedSockets.Generator.Parsing.ClientParser.ClientName(contract));

    private static (Compilation Output, IReadOnlyList<Diagnostic> Diagnostics, GeneratorDriverRunResult Result) Run(
        string assemblyName, MetadataReference[] references, params string[] sources)
    {
        var compilation = GeneratorHarness.Compile(assemblyName, sources).AddReferences(references);
        var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return (output, diagnostics, driver.GetRunResult());
    }

    private static object? Constant(Compilation compilation, string type, string member) =>
        compilation.GetTypeByMetadataName(type)!.GetMembers(member).OfType<IFieldSymbol>().Single().ConstantValue;
}
