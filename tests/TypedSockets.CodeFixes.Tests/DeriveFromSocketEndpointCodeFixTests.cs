namespace TypedSockets.CodeFixes.Tests;

/// <summary>TSK020: the fix makes <c>SocketEndpoint</c> the base class and leaves the rest of the line alone.</summary>
public class DeriveFromSocketEndpointCodeFixTests
{
    [Fact]
    public Task TSK020_adds_the_base_after_the_primary_constructor_keeping_the_comment() =>
        FixTest<DeriveFromSocketEndpointCodeFix>.VerifyAsync(
            """
            using TypedSockets;

            namespace Demo;

            [SocketEndpoint("chat")]
            public sealed partial class {|TSK020:ChatEndpoint|}(System.IServiceProvider services) // the endpoint
            {
                public System.IServiceProvider Services => services;
            }
            """,
            """
            using TypedSockets;

            namespace Demo;

            [SocketEndpoint("chat")]
            public sealed partial class ChatEndpoint(System.IServiceProvider services) : SocketEndpoint // the endpoint
            {
                public System.IServiceProvider Services => services;
            }
            """);

    [Fact]
    public Task TSK020_puts_the_base_before_the_interfaces() =>
        FixTest<DeriveFromSocketEndpointCodeFix>.VerifyAsync(
            """
            using TypedSockets;

            [SocketEndpoint("chat")]
            public sealed partial class {|TSK020:ChatEndpoint|} : System.IDisposable
            {
                public void Dispose() { }
            }
            """,
            """
            using TypedSockets;

            [SocketEndpoint("chat")]
            public sealed partial class ChatEndpoint : SocketEndpoint, System.IDisposable
            {
                public void Dispose() { }
            }
            """);

    [Fact]
    public Task TSK020_without_a_using_writes_the_namespace_and_fixes_every_endpoint_at_once() =>
        FixTest<DeriveFromSocketEndpointCodeFix>.VerifyAsync(
            """
            namespace Demo
            {
                [TypedSockets.SocketEndpoint("chat")]
                public sealed partial class {|TSK020:ChatEndpoint|}
                {
                }

                [TypedSockets.SocketEndpoint("game")] partial class {|TSK020:GameEndpoint|} { }

                [TypedSockets.SocketEndpoint("lobby")] internal sealed partial class {|TSK020:Lobby|};
            }
            """,
            """
            namespace Demo
            {
                [TypedSockets.SocketEndpoint("chat")]
                public sealed partial class ChatEndpoint : TypedSockets.SocketEndpoint
                {
                }

                [TypedSockets.SocketEndpoint("game")] partial class GameEndpoint : TypedSockets.SocketEndpoint { }

                [TypedSockets.SocketEndpoint("lobby")] internal sealed partial class Lobby : TypedSockets.SocketEndpoint;
            }
            """);

    [Fact]
    public Task TSK020_with_another_base_class_offers_no_fix()
    {
        const string source = """
            using TypedSockets;

            public abstract class Component { }

            [SocketEndpoint("chat")]
            public sealed partial class {|TSK020:ChatEndpoint|} : Component
            {
            }
            """;
        return FixTest<DeriveFromSocketEndpointCodeFix>.VerifyAsync(source, source);
    }
}
