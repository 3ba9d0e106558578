using TypedSockets.Generator.Diagnostics;

namespace TypedSockets.CodeFixes.Tests;

/// <summary>TSK013: an <c>async void</c> handler or hook is made to return <c>ValueTask</c>.</summary>
public class AsyncVoidHandlerCodeFixTests
{
    private const string Events = """
        using TypedSockets;

        [SocketEvent("say")] public sealed partial record Say(string Text);
        [SocketEvent("ping")] public sealed partial record Ping(int Seq);
        """;

    private static FixTest<UsageAnalyzer, AsyncVoidHandlerCodeFix> Test(string source, string fixedSource) =>
        new FixTest<AsyncVoidHandlerCodeFix>(source, fixedSource).WithFile("Events.cs", Events, Events);

    [Fact]
    public Task Uses_ValueTask_when_System_Threading_Tasks_is_imported() =>
        Test(
            """
            using System.Threading.Tasks;
            using TypedSockets;

            [SocketEndpoint("chat")]
            public sealed partial class ChatEndpoint : SocketEndpoint
            {
                /// <summary>Says it back.</summary>
                [OnEvent]
                public async void {|TSK013:OnSay|}(Say say, SocketClient client)
                {
                    await Task.Yield();
                }
            }
            """,
            """
            using System.Threading.Tasks;
            using TypedSockets;

            [SocketEndpoint("chat")]
            public sealed partial class ChatEndpoint : SocketEndpoint
            {
                /// <summary>Says it back.</summary>
                [OnEvent]
                public async ValueTask OnSay(Say say, SocketClient client)
                {
                    await Task.Yield();
                }
            }
            """).RunAsync();

    [Fact]
    public Task Adds_the_using_when_System_Threading_Tasks_is_not_imported() =>
        Test(
            """
            using TypedSockets;

            namespace Demo;

            [SocketEndpoint("chat")]
            public sealed partial class ChatEndpoint : SocketEndpoint
            {
                [OnEvent] private async void {|TSK013:OnSay|}(Say say) => await System.Threading.Tasks.Task.Yield();
            }
            """,
            """
            using System.Threading.Tasks;
            using TypedSockets;

            namespace Demo;

            [SocketEndpoint("chat")]
            public sealed partial class ChatEndpoint : SocketEndpoint
            {
                [OnEvent] private async ValueTask OnSay(Say say) => await System.Threading.Tasks.Task.Yield();
            }
            """).RunAsync();

    [Fact]
    public Task Adds_no_using_when_a_global_using_imports_System_Threading_Tasks() =>
        Test(
            """
            using TypedSockets;

            [SocketEndpoint("chat")]
            public sealed partial class ChatEndpoint : SocketEndpoint
            {
                [OnEvent]
                async void {|TSK013:OnSay|}(Say say) => await Task.Yield();
            }
            """,
            """
            using TypedSockets;

            [SocketEndpoint("chat")]
            public sealed partial class ChatEndpoint : SocketEndpoint
            {
                [OnEvent]
                async ValueTask OnSay(Say say) => await Task.Yield();
            }
            """)
            .WithFile("Usings.cs", "global using System.Threading.Tasks;", "global using System.Threading.Tasks;")
            .RunAsync();

    [Fact]
    public Task Fixes_connect_and_disconnect_hooks_and_fix_all_does_the_whole_document_in_one_pass()
    {
        var test = Test(
            """
            using System.Threading;
            using System.Threading.Tasks;
            using TypedSockets;

            [SocketEndpoint("chat")]
            public sealed partial class ChatEndpoint : SocketEndpoint
            {
                [OnConnect]
                public async void {|TSK013:Joined|}(SocketClient client, CancellationToken cancellationToken) =>
                    await Task.Delay(1, cancellationToken);

                [OnDisconnect]
                public static async void {|TSK013:Left|}(SocketClient client) => await Task.Yield();

                [OnEvent]
                internal async /* keep me */ void {|TSK013:OnPing|}(Ping ping) => await Task.Yield();

                [OnEvent]
                public async ValueTask OnSay(Say say) => await Task.Yield();
            }
            """,
            """
            using System.Threading;
            using System.Threading.Tasks;
            using TypedSockets;

            [SocketEndpoint("chat")]
            public sealed partial class ChatEndpoint : SocketEndpoint
            {
                [OnConnect]
                public async ValueTask Joined(SocketClient client, CancellationToken cancellationToken) =>
                    await Task.Delay(1, cancellationToken);

                [OnDisconnect]
                public static async ValueTask Left(SocketClient client) => await Task.Yield();

                [OnEvent]
                internal async /* keep me */ ValueTask OnPing(Ping ping) => await Task.Yield();

                [OnEvent]
                public async ValueTask OnSay(Say say) => await Task.Yield();
            }
            """);
        test.NumberOfIncrementalIterations = 3;
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync();
    }
}
