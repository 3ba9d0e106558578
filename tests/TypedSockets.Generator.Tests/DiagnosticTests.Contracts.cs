using Microsoft.CodeAnalysis;

namespace TypedSockets.Generator.Tests;

/// <summary>
/// The contract's diagnostics: sends and subscriptions checked against what the endpoint (or the
/// contract it adopts) declares (TSK022, TSK023, TSK024), and an endpoint that disagrees with its
/// contract (TSK025).
/// </summary>
public partial class DiagnosticTests
{
    /// <summary>A shared contract with the events it names; compiled as a second file.</summary>
    private const string ChatContract = """
        using TypedSockets;

        [SocketContract("chat", Path = "/chat")]
        [Receives<Say>, Receives<Ping>(Reply = typeof(Pong))]
        [Sends<Said>]
        public partial interface IChatContract;

        [SocketEvent("say")] public sealed partial record Say(string Text);
        [SocketEvent("said")] public sealed partial record Said(string From, string Text);
        [SocketEvent("ping")] public sealed partial record Ping(int Seq);
        [SocketEvent("pong")] public sealed partial record Pong(int Seq);
        [SocketEvent("notice")] public sealed partial record Notice(string Text);
        """;

    private static string Adopting(string members, string attribute = "[SocketEndpoint]") => $$"""
        using System.Threading;
        using System.Threading.Tasks;
        using TypedSockets;

        {{attribute}}
        public sealed partial class ChatEndpoint : SocketEndpoint<IChatContract>
        {
            {{members}}
        }
        """;

    private const string AdoptingHandlers = """
        [OnEvent]
        public ValueTask Say(Say message, SocketClient sender) => BroadcastFrom(sender, new Said(sender.Id, message.Text));

        [OnEvent]
        public Pong Ping(Ping ping) => new(ping.Seq);
        """;

    // ---- Declared and adopted contracts that are right ------------------------------------------

    [Fact]
    public void An_endpoint_that_adopts_a_contract_takes_its_ref_path_and_events()
    {
        var (output, diagnostics, result) = GeneratorHarness.Run("Adopting", Adopting(AdoptingHandlers), ChatContract);

        Assert.Empty(diagnostics);
        Assert.Empty(Errors(output));
        var generated = result.Results[0].GeneratedSources.Single(s => s.HintName == "ChatEndpoint.SocketEndpoint.g.cs").SourceText.ToString();
        Assert.Contains("public const string SocketRef = \"chat\";", generated, StringComparison.Ordinal);
        Assert.Contains("public const string SocketPath = \"/chat\";", generated, StringComparison.Ordinal);
        Assert.Contains("OutboundEvents => [typeof(global::Said)];", generated, StringComparison.Ordinal);
        Assert.Contains("InboundEvents => [typeof(global::Ping), typeof(global::Say)];", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endpoint_may_name_the_ref_and_path_its_contract_names()
    {
        var (output, diagnostics, _) = GeneratorHarness.Run(
            "Adopting", Adopting(AdoptingHandlers, "[SocketEndpoint(\"chat\", Path = \"/chat\")]"), ChatContract);

        Assert.Empty(diagnostics);
        Assert.Empty(Errors(output));
    }

    [Fact]
    public void A_contract_event_without_a_handler_may_be_read_by_subscribers()
    {
        var (output, diagnostics, _) = GeneratorHarness.Run("Subscribers", Adopting("""
            [OnEvent]
            public Pong Ping(Ping ping) => new(ping.Seq);

            public System.IDisposable Watch() => Subscribe<Say>((client, say) => { });
            """), ChatContract);

        Assert.Empty(diagnostics);
        Assert.Empty(Errors(output));
    }

    [Fact]
    public void Every_operation_and_SendAsync_inside_the_endpoint_accept_declared_events()
    {
        var (output, diagnostics, _) = GeneratorHarness.Run("Declared", Endpoint("""
            [OnEvent]
            public async ValueTask Say(Say message, SocketClient sender)
            {
                await sender.SendAsync(new Pong(1));
                await Broadcast(new Pong(2));
                await BroadcastFrom(new Pong(3));
                await SendTo(sender, new Pong(4));
                await BroadcastToGroup("g", new Pong(5));
                await BroadcastToGroupFrom("g", sender, new Pong(6));
                System.Func<Pong, ValueTask> send = Broadcast;
                await send(new Pong(7));
                _ = ReadEventsAsync<Say>();
            }
            """).Replace("[SocketEndpoint(\"chat\")]", "[SocketEndpoint(\"chat\")]\n[Sends<Pong>]", StringComparison.Ordinal), Events);

        Assert.Empty(diagnostics);
        Assert.Empty(Errors(output));
    }

    [Fact]
    public void Server_code_outside_the_endpoint_is_checked_against_the_endpoint_it_calls()
    {
        var (diagnostic, _) = Expect("TSK022", Endpoint("""
            [OnEvent]
            public void Say(Say message) { }
            """), Events, """
            using System.Threading.Tasks;

            public sealed class Announcer(ChatEndpoint chat)
            {
                public ValueTask Announce() => chat.Broadcast([|new Pong(1)|]);
            }
            """);

        Assert.Equal(
            "'ChatEndpoint' does not declare that it sends 'Pong' (event 'pong'): add [Sends<Pong>] to 'ChatEndpoint', so clients, the AsyncAPI document and the contract hash know of it",
            Message(diagnostic));
        Assert.Equal("Sends", diagnostic.Properties["Attribute"]);
        Assert.Equal("global::Pong", diagnostic.Properties["EventType"]);
        Assert.Equal("ChatEndpoint", Text(diagnostic.AdditionalLocations.Single()));
    }

    // ---- TSK022 ---------------------------------------------------------------------------------

    [Theory]
    [InlineData("Broadcast([|new Pong(1)|])")]
    [InlineData("BroadcastFrom(sender, [|new Pong(1)|])")]
    [InlineData("BroadcastFrom([|new Pong(1)|])")]
    [InlineData("SendTo(sender, [|new Pong(1)|])")]
    [InlineData("BroadcastToGroup(\"g\", [|new Pong(1)|])")]
    [InlineData("BroadcastToGroupFrom(\"g\", sender, [|new Pong(1)|])")]
    [InlineData("BroadcastToGroupFrom(\"g\", [|new Pong(1)|])")]
    [InlineData("sender.SendAsync([|new Pong(1)|])")]
    [InlineData("this.Broadcast<[|Pong|]>(new Pong(1))")]
    public void TSK022_every_send_of_an_undeclared_event_is_an_error_on_the_event(string call)
    {
        var (diagnostic, _) = Expect("TSK022", Endpoint($$"""
            [OnEvent]
            public ValueTask Say(Say message, SocketClient sender) => {{call}};
            """), Events);

        Assert.StartsWith("'ChatEndpoint' does not declare that it sends 'Pong' (event 'pong'): add [Sends<Pong>] to 'ChatEndpoint'", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void TSK022_a_method_group_of_an_undeclared_event_is_an_error()
    {
        Expect("TSK022", Endpoint("""
            [OnEvent]
            public void Say(Say message) { }

            public System.Func<Pong, ValueTask> Sender() => [|Broadcast|];
            """), Events);
    }

    [Fact]
    public void TSK022_an_adopting_endpoint_is_told_to_declare_on_its_contract()
    {
        var (diagnostic, _) = Expect("TSK022", Adopting(AdoptingHandlers + """

            public ValueTask Notify() => Broadcast([|new Notice("hi")|]);
            """), ChatContract);

        Assert.Equal(
            "'ChatEndpoint' does not declare that it sends 'Notice' (event 'notice'): add [Sends<Notice>] to its contract 'IChatContract', so clients, the AsyncAPI document and the contract hash know of it",
            Message(diagnostic));
        Assert.Equal("IChatContract", Text(diagnostic.AdditionalLocations.Single()));
    }

    // ---- TSK023 ---------------------------------------------------------------------------------

    [Fact]
    public void TSK023_SendAsync_outside_an_endpoint_class_cannot_be_checked()
    {
        var (diagnostic, _) = Expect("TSK023", Events, """
            using System.Threading.Tasks;
            using TypedSockets;

            public static class Outside
            {
                public static ValueTask Send(SocketClient client) => client.SendAsync([|new Pong(1)|]);
            }
            """);

        Assert.Equal(
            "'SendAsync' cannot be checked against an endpoint's contract: it is called outside an endpoint class; call SendTo(client, event) on the endpoint instead",
            Message(diagnostic));
    }

    [Fact]
    public void TSK023_an_operation_on_the_SocketEndpoint_base_cannot_be_checked()
    {
        var (diagnostic, _) = Expect("TSK023", Events, """
            using System.Threading.Tasks;
            using TypedSockets;

            public static class Outside
            {
                public static ValueTask Send(SocketEndpoint endpoint) => endpoint.Broadcast([|new Pong(1)|]);
            }
            """);

        Assert.Equal(
            "'Broadcast' cannot be checked against an endpoint's contract: it is called on 'SocketEndpoint', which is not a [SocketEndpoint] class; call it on the endpoint class itself",
            Message(diagnostic));
    }

    [Fact]
    public void TSK023_an_operation_on_a_type_parameter_cannot_be_checked()
    {
        var (diagnostic, _) = Expect("TSK023", Events, """
            using System.Threading.Tasks;
            using TypedSockets;

            public static class Outside
            {
                public static ValueTask Send<T>(T endpoint) where T : SocketEndpoint => endpoint.Broadcast([|new Pong(1)|]);
            }
            """);

        Assert.StartsWith("'Broadcast' cannot be checked against an endpoint's contract: it is called on a value of type 'T'", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void TSK023_a_send_of_a_type_parameter_cannot_be_checked()
    {
        var (diagnostic, _) = Expect("TSK023", Endpoint("""
            [OnEvent]
            public void Say(Say message) { }

            public ValueTask Relay<[SocketEventTypeParameter] T>(T value) => Broadcast([|value|]);
            """), Events);

        Assert.Equal(
            "'Broadcast' cannot be checked against an endpoint's contract: its event type is the type parameter 'T'; use a concrete event type",
            Message(diagnostic));
    }

    // ---- TSK024 ---------------------------------------------------------------------------------

    [Theory]
    [InlineData("public System.IDisposable Watch() => Subscribe<[|Pong|]>((client, pong) => { });")]
    [InlineData("public object Read() => ReadEventsAsync<[|Pong|]>();")]
    public void TSK024_reading_an_event_the_endpoint_does_not_receive_is_an_error(string member)
    {
        var (diagnostic, _) = Expect("TSK024", Endpoint($$"""
            [OnEvent]
            public void Say(Say message) { }

            {{member}}
            """), Events);

        Assert.Equal(
            "'ChatEndpoint' does not receive 'Pong' (event 'pong'): add an [OnEvent] handler for it, or [Receives<Pong>] to 'ChatEndpoint'",
            Message(diagnostic));
        Assert.Equal("Receives", diagnostic.Properties["Attribute"]);
    }

    [Fact]
    public void TSK024_is_satisfied_by_a_Receives_declaration()
    {
        var (output, diagnostics, result) = GeneratorHarness.Run("Receives", Endpoint("""
            [OnEvent]
            public void Say(Say message) { }

            public System.IDisposable Watch() => Subscribe<Pong>((client, pong) => { });
            """).Replace("[SocketEndpoint(\"chat\")]", "[SocketEndpoint(\"chat\")]\n[Receives<Pong>]", StringComparison.Ordinal), Events);

        Assert.Empty(diagnostics);
        Assert.Empty(Errors(output));
        var generated = result.Results[0].GeneratedSources.Single(s => s.HintName == "ChatEndpoint.SocketEndpoint.g.cs").SourceText.ToString();
        Assert.Contains("InboundEvents => [typeof(global::Pong), typeof(global::Say)];", generated, StringComparison.Ordinal);
    }

    // ---- TSK025 ---------------------------------------------------------------------------------

    [Fact]
    public void TSK025_a_handler_of_an_event_the_contract_does_not_receive()
    {
        var (diagnostic, _) = Expect("TSK025", Adopting(AdoptingHandlers + """

            [OnEvent]
            public void [|Notice|](Notice notice) { }
            """), ChatContract);

        Assert.Equal(
            "Endpoint 'ChatEndpoint' does not match its contract: handler 'Notice' takes 'notice', which 'IChatContract' does not receive; add [Receives<Notice>] to 'IChatContract'",
            Message(diagnostic));
    }

    [Fact]
    public void TSK025_a_handler_that_replies_otherwise_than_the_contract_says()
    {
        var (diagnostic, _) = Expect("TSK025", Adopting("""
            [OnEvent]
            public ValueTask Say(Say message, SocketClient sender) => BroadcastFrom(sender, new Said(sender.Id, message.Text));

            [OnEvent]
            public void [|Ping|](Ping ping) { }
            """), ChatContract);

        Assert.Equal(
            "Endpoint 'ChatEndpoint' does not match its contract: handler 'Ping' answers 'ping' with nothing, but 'IChatContract' declares 'pong'; make the handler's return type and Reply agree",
            Message(diagnostic));
    }

    [Fact]
    public void TSK025_a_contract_reply_without_a_handler()
    {
        var (diagnostic, _) = Expect("TSK025", """
            using System.Threading.Tasks;
            using TypedSockets;

            [SocketEndpoint]
            public sealed partial class [|ChatEndpoint|] : SocketEndpoint<IChatContract>
            {
                [OnEvent]
                public void Say(Say message) { }
            }
            """, ChatContract);

        Assert.Equal(
            "Endpoint 'ChatEndpoint' does not match its contract: 'IChatContract' answers 'ping' with 'pong', but the endpoint has no [OnEvent] handler for it",
            Message(diagnostic));
    }

    [Theory]
    [InlineData("[SocketEndpoint([|\"talk\"|])]", "its ref 'talk' is not the ref of 'IChatContract', 'chat'; write [SocketEndpoint] and let the contract name it")]
    [InlineData("[SocketEndpoint([|\"chat\"|], Path = \"/ws/chat\")]", "its path '/ws/chat' is not the path of 'IChatContract', '/chat'; set the path on the contract")]
    public void TSK025_an_endpoint_that_names_another_ref_or_path(string attribute, string why)
    {
        var (diagnostic, _) = Expect("TSK025", Adopting(AdoptingHandlers, attribute), ChatContract);

        Assert.Equal($"Endpoint 'ChatEndpoint' does not match its contract: {why}", Message(diagnostic));
    }

    [Fact]
    public void TSK025_declarations_on_an_endpoint_that_adopts_a_contract()
    {
        var (diagnostic, _) = Expect("TSK025", Adopting(AdoptingHandlers, "[SocketEndpoint]\n[[|Sends<Notice>|]]"), ChatContract);

        Assert.Equal(
            "Endpoint 'ChatEndpoint' does not match its contract: it adopts 'IChatContract', so declare what it sends there, not on the endpoint",
            Message(diagnostic));
    }

    [Fact]
    public void TSK025_adopting_a_type_that_is_not_a_contract()
    {
        var (diagnostic, _) = Expect("TSK025", """
            using TypedSockets;

            [SocketEndpoint([|"chat"|])]
            public sealed partial class ChatEndpoint : SocketEndpoint<NotAContract>
            {
            }

            public interface NotAContract;
            """);

        Assert.Equal(
            "Endpoint 'ChatEndpoint' does not match its contract: 'NotAContract' is not a contract; mark it [SocketContract(\"ref\")] or derive the endpoint from SocketEndpoint",
            Message(diagnostic));
    }

    [Fact]
    public void TSK025_a_Receives_reply_that_disagrees_with_the_endpoints_own_handler()
    {
        var (diagnostic, _) = Expect("TSK025", Endpoint("""
            [OnEvent]
            public void [|Say|](Say message) { }
            """).Replace("[SocketEndpoint(\"chat\")]", "[SocketEndpoint(\"chat\")]\n[Receives<Say>(Reply = typeof(Pong))]", StringComparison.Ordinal), Events);

        Assert.Equal(
            "Endpoint 'ChatEndpoint' does not match its contract: handler 'Say' answers 'say' with nothing, but its [Receives] declaration declares 'pong'; make the handler's return type and Reply agree",
            Message(diagnostic));
    }

    // ---- TSK026 ---------------------------------------------------------------------------------

    [Fact]
    public void TSK026_a_contract_type_that_is_not_partial()
    {
        var (diagnostic, _) = Expect("TSK026", """
            using TypedSockets;

            [SocketContract("chat")]
            [Receives<Say>]
            public interface [|IChatContract|];
            """, Events);

        Assert.Equal(
            "Contract type 'IChatContract' must be declared 'partial' so TypedSockets can add its ref, path and contract hash",
            Message(diagnostic));
    }

    // ---- TSK021 on declarations -------------------------------------------------------------------

    [Theory]
    [InlineData("[[|Sends<string>|]]", "'string' is not a socket event, so 'Sends' cannot")]
    [InlineData("[[|Receives<Say>(Reply = typeof(int))|]]", "'int' is not a socket event, so 'Receives.Reply' cannot")]
    public void TSK021_a_declaration_that_names_a_type_that_is_not_an_event(string attribute, string start)
    {
        var (diagnostic, _) = Expect("TSK021", Endpoint("""
            [OnEvent]
            public void Say(Say message) { }
            """).Replace("[SocketEndpoint(\"chat\")]", "[SocketEndpoint(\"chat\")]\n" + attribute, StringComparison.Ordinal), Events);

        Assert.StartsWith(start, Message(diagnostic), StringComparison.Ordinal);
    }

    private static string Text(Location location) => location.SourceTree!.GetText().ToString(location.SourceSpan);
}
