using TypedSockets.Generator.Diagnostics;

namespace TypedSockets.CodeFixes.Tests;

/// <summary>
/// TSK022 and TSK024: the fix declares the event on the type that holds the endpoint's contract,
/// in whichever file that is, once however many calls report it.
/// </summary>
public class AddContractDeclarationCodeFixTests
{
    private const string Events = """
        namespace Demo;

        [TypedSockets.SocketEvent("say")] public sealed partial record Say(string Text);
        [TypedSockets.SocketEvent("said")] public sealed partial record Said(string From, string Text);
        [TypedSockets.SocketEvent("left")] public sealed partial record Left(string Id);
        [TypedSockets.SocketEvent("cursor")] public sealed partial record Cursor(int X, int Y);
        """;

    private static FixTest<ContractUsageAnalyzer, AddContractDeclarationCodeFix> Test(string source, string fixedSource) =>
        new FixTest<ContractUsageAnalyzer, AddContractDeclarationCodeFix>(source, fixedSource).WithFile("Events.cs", Events, Events);

    [Fact]
    public Task TSK022_declares_the_event_after_the_endpoint_attribute() =>
        Test(
            """
            using System.Threading.Tasks;
            using TypedSockets;

            namespace Demo;

            /// <summary>The chat.</summary>
            [SocketEndpoint("chat")]
            public sealed partial class ChatEndpoint : SocketEndpoint
            {
                [OnEvent]
                public ValueTask Say(Say message, SocketClient sender) => BroadcastFrom(sender, {|TSK022:new Said(sender.Id, message.Text)|});
            }
            """,
            """
            using System.Threading.Tasks;
            using TypedSockets;

            namespace Demo;

            /// <summary>The chat.</summary>
            [SocketEndpoint("chat")]
            [Sends<Said>]
            public sealed partial class ChatEndpoint : SocketEndpoint
            {
                [OnEvent]
                public ValueTask Say(Say message, SocketClient sender) => BroadcastFrom(sender, new Said(sender.Id, message.Text));
            }
            """).RunAsync();

    [Fact]
    public Task TSK022_Fix_All_declares_each_event_once_in_the_order_first_sent() =>
        Test(
            """
            using System.Threading.Tasks;
            using TypedSockets;

            namespace Demo;

            [SocketEndpoint("chat")]
            [Sends<Say>]
            public sealed partial class ChatEndpoint : SocketEndpoint
            {
                [OnEvent]
                public async ValueTask Say(Say message, SocketClient sender)
                {
                    await sender.SendAsync({|TSK022:new Said("server", "hi")|});
                    await BroadcastFrom(sender, {|TSK022:new Said(sender.Id, message.Text)|});
                    await Broadcast({|TSK022:new Left(sender.Id)|});
                }
            }
            """,
            """
            using System.Threading.Tasks;
            using TypedSockets;

            namespace Demo;

            [SocketEndpoint("chat")]
            [Sends<Say>]
            [Sends<Said>]
            [Sends<Left>]
            public sealed partial class ChatEndpoint : SocketEndpoint
            {
                [OnEvent]
                public async ValueTask Say(Say message, SocketClient sender)
                {
                    await sender.SendAsync(new Said("server", "hi"));
                    await BroadcastFrom(sender, new Said(sender.Id, message.Text));
                    await Broadcast(new Left(sender.Id));
                }
            }
            """).RunAsync();

    [Fact]
    public Task TSK022_declares_the_event_on_the_adopted_contract_in_its_own_file() =>
        Test(
            """
            using System.Threading.Tasks;
            using TypedSockets;

            namespace Demo;

            [SocketEndpoint]
            public sealed partial class ChatEndpoint : SocketEndpoint<IChatContract>
            {
                [OnEvent]
                public ValueTask Say(Say message, SocketClient sender) => BroadcastFrom(sender, {|TSK022:new Said(sender.Id, message.Text)|});
            }
            """,
            """
            using System.Threading.Tasks;
            using TypedSockets;

            namespace Demo;

            [SocketEndpoint]
            public sealed partial class ChatEndpoint : SocketEndpoint<IChatContract>
            {
                [OnEvent]
                public ValueTask Say(Say message, SocketClient sender) => BroadcastFrom(sender, new Said(sender.Id, message.Text));
            }
            """)
            .WithFile(
                "Contract.cs",
                """
                namespace Demo
                {
                    [TypedSockets.SocketContract("chat")]
                    [TypedSockets.Receives<Say>]
                    public partial interface IChatContract
                    {
                    }
                }
                """,
                """
                namespace Demo
                {
                    [TypedSockets.SocketContract("chat")]
                    [TypedSockets.Receives<Say>]
                    [TypedSockets.Sends<Said>]
                    public partial interface IChatContract
                    {
                    }
                }
                """)
            .RunAsync();

    [Fact]
    public Task TSK024_declares_an_event_read_by_a_subscriber() =>
        Test(
            """
            using TypedSockets;

            namespace Demo;

            [SocketEndpoint("board")]
            public sealed partial class BoardEndpoint : SocketEndpoint
            {
                public System.IDisposable Watch() => Subscribe<{|TSK024:Cursor|}>((client, cursor) => { });
            }
            """,
            """
            using TypedSockets;

            namespace Demo;

            [SocketEndpoint("board")]
            [Receives<Cursor>]
            public sealed partial class BoardEndpoint : SocketEndpoint
            {
                public System.IDisposable Watch() => Subscribe<Cursor>((client, cursor) => { });
            }
            """).RunAsync();
}
