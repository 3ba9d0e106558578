using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace TypedSockets.Generator.Tests;

/// <summary>
/// The contract hash: the same for a shared contract and every endpoint that adopts it, in the same
/// assembly or another; blind to C# spelling and declaration order; changed by anything a client
/// could notice on the wire.
/// </summary>
public partial class ContractHashTests
{
    private const string Contract = """
        using TypedSockets;

        namespace Shared;

        [SocketContract("chat")]
        [Receives<Say>, Receives<Ping>(Reply = typeof(Pong))]
        [Sends<Said>]
        public partial interface IChatContract;

        [SocketEvent("say")] public sealed partial record Say(string Text);
        [SocketEvent("said")] public sealed partial record Said(string From, string Text, Mood Mood = Mood.Calm);
        [SocketEvent("ping")] public sealed partial record Ping(int Seq);
        [SocketEvent("pong")] public sealed partial record Pong(int Seq);
        public enum Mood { Calm, Loud }
        """;

    private const string Server = """
        using System.Threading.Tasks;
        using TypedSockets;
        using Shared;

        namespace App;

        [SocketEndpoint]
        public sealed partial class ChatEndpoint : SocketEndpoint<IChatContract>
        {
            [OnEvent]
            public ValueTask Say(Say message, SocketClient sender) => BroadcastFrom(sender, new Said(sender.Id, message.Text));

            [OnEvent]
            public Pong Ping(Ping ping) => new(ping.Seq);
        }
        """;

    [Fact]
    public void A_contract_type_gets_its_ref_path_and_hash()
    {
        var (output, diagnostics, result) = GeneratorHarness.Run("Shared", Contract);

        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        var generated = Generated(result, "Shared.IChatContract.SocketContract.g.cs");
        Assert.Contains("public const string SocketRef = \"chat\";", generated, StringComparison.Ordinal);
        Assert.Contains("public const string SocketPath = \"/ws/chat\";", generated, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{16}$", Hash(generated));
    }

    [Fact]
    public void An_endpoint_has_the_hash_of_the_contract_it_adopts_in_the_same_assembly()
    {
        var (output, diagnostics, result) = GeneratorHarness.Run("Together", Contract, Server);

        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        Assert.Equal(
            Hash(Generated(result, "Shared.IChatContract.SocketContract.g.cs")),
            Hash(Generated(result, "App.ChatEndpoint.SocketEndpoint.g.cs")));
    }

    [Fact]
    public void An_endpoint_has_the_hash_of_the_contract_it_adopts_from_a_library()
    {
        var (library, libraryDiagnostics, libraryResult) = GeneratorHarness.Run("Shared", Contract);
        Assert.Empty(libraryDiagnostics);
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);

        var compilation = GeneratorHarness.Compile("App", Server).AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
        var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);

        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        Assert.Equal(
            Hash(Generated(libraryResult, "Shared.IChatContract.SocketContract.g.cs")),
            Hash(Generated(driver.GetRunResult(), "App.ChatEndpoint.SocketEndpoint.g.cs")));
    }

    [Theory]
    [InlineData("the C# names of a type and a property, with the JSON name kept",
        "public sealed partial record Said(string From, string Text, Mood Mood = Mood.Calm);",
        "public sealed partial record Spoken(string From, [property: System.Text.Json.Serialization.JsonPropertyName(\"text\")] string Words, Mood Mood = Mood.Calm);")]
    [InlineData("the order of properties and declarations",
        "[SocketEvent(\"said\")] public sealed partial record Said(string From, string Text, Mood Mood = Mood.Calm);",
        "[SocketEvent(\"said\")] public sealed partial record Said(string Text, string From, Mood Mood = Mood.Calm);")]
    [InlineData("marking an event volatile",
        "[SocketEvent(\"said\")]",
        "[SocketEvent(\"said\", Volatile = true)]")]
    [InlineData("a namespace",
        "namespace Shared;",
        "namespace Elsewhere;")]
    public void The_hash_ignores_what_a_client_cannot_see(string what, string from, string to)
    {
        var changed = Contract.Replace(from, to, StringComparison.Ordinal).Replace("Sends<Said>", to.Contains("Spoken", StringComparison.Ordinal) ? "Sends<Spoken>" : "Sends<Said>", StringComparison.Ordinal);
        Assert.NotEqual(Contract, changed);

        Assert.True(HashOf(Contract) == HashOf(changed), what);
    }

    [Theory]
    [InlineData("an event's name", "[SocketEvent(\"said\")]", "[SocketEvent(\"spoken\")]")]
    [InlineData("a property's JSON name", "string Text, Mood", "[property: System.Text.Json.Serialization.JsonPropertyName(\"body\")] string Text, Mood")]
    [InlineData("a property's JSON type", "record Ping(int Seq)", "record Ping(string Seq)")]
    [InlineData("a property made nullable", "record Pong(int Seq)", "record Pong(int? Seq)")]
    [InlineData("a property made required", "record Say(string Text)", "record Say(string Text) { public required string Room { get; init; } }")]
    [InlineData("an enum value", "Calm, Loud", "Calm, Loud, Quiet")]
    [InlineData("an event's direction", "[Sends<Said>]", "[Sends<Said>, Sends<Say>]")]
    [InlineData("a reply", "Receives<Ping>(Reply = typeof(Pong))", "Receives<Ping>")]
    [InlineData("the ref", "[SocketContract(\"chat\")]", "[SocketContract(\"talk\")]")]
    [InlineData("the path", "[SocketContract(\"chat\")]", "[SocketContract(\"chat\", Path = \"/chat\")]")]
    public void The_hash_changes_with_what_a_client_can_see(string what, string from, string to)
    {
        var changed = Contract.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Contract, changed);

        Assert.False(HashOf(Contract) == HashOf(changed), what);
    }

    private static string HashOf(string contract)
    {
        var (output, diagnostics, result) = GeneratorHarness.Run("Shared", contract);
        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        return Hash(result.Results[0].GeneratedSources.Single(s => s.HintName.EndsWith(".SocketContract.g.cs", StringComparison.Ordinal)).SourceText.ToString());
    }

    private static string Generated(GeneratorDriverRunResult result, string hintName) =>
        result.Results[0].GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

    private static string Hash(string generated) => HashConstant().Match(generated).Groups[1].Value;

    [GeneratedRegex("public const string ContractHash = \"([0-9a-f]*)\";")]
    private static partial Regex HashConstant();
}
