namespace TypedSockets.CodeFixes.Tests;

/// <summary>TSK001, TSK005 and TSK026: the fix adds <c>partial</c> where C# wants it and moves nothing else.</summary>
public class MakePartialCodeFixTests
{
    [Fact]
    public Task TSK026_makes_a_contract_interface_partial() =>
        FixTest<MakePartialCodeFix>.VerifyAsync(
            """
            using TypedSockets;

            namespace Shared;

            /// <summary>What the chat endpoint receives and sends.</summary>
            [SocketContract("chat")]
            [Receives<Say>]
            public interface {|TSK026:IChatContract|};

            [SocketEvent("say")] public sealed partial record Say(string Text);
            """,
            """
            using TypedSockets;

            namespace Shared;

            /// <summary>What the chat endpoint receives and sends.</summary>
            [SocketContract("chat")]
            [Receives<Say>]
            public partial interface IChatContract;

            [SocketEvent("say")] public sealed partial record Say(string Text);
            """);

    [Fact]
    public Task TSK001_adds_partial_after_the_other_modifiers_keeping_doc_and_attributes() =>
        FixTest<MakePartialCodeFix>.VerifyAsync(
            """
            using TypedSockets;

            namespace Demo;

            /// <summary>The chat room.</summary>
            [SocketEndpoint("chat", Path = "/chat")]
            public sealed class {|TSK001:ChatEndpoint|} : SocketEndpoint // the endpoint
            {
            }
            """,
            """
            using TypedSockets;

            namespace Demo;

            /// <summary>The chat room.</summary>
            [SocketEndpoint("chat", Path = "/chat")]
            public sealed partial class ChatEndpoint : SocketEndpoint // the endpoint
            {
            }
            """);

    [Fact]
    public Task TSK001_without_modifiers_puts_partial_where_the_keyword_was_indented() =>
        FixTest<MakePartialCodeFix>.VerifyAsync(
            """
            using TypedSockets;

            namespace Demo
            {
                /// <summary>The chat room.</summary>
                [SocketEndpoint("chat")]
                class {|TSK001:ChatEndpoint|} : SocketEndpoint
                {
                }

                [SocketEndpoint("game")] class {|TSK001:GameEndpoint|} : SocketEndpoint { }
            }
            """,
            """
            using TypedSockets;

            namespace Demo
            {
                /// <summary>The chat room.</summary>
                [SocketEndpoint("chat")]
                partial class ChatEndpoint : SocketEndpoint
                {
                }

                [SocketEndpoint("game")] partial class GameEndpoint : SocketEndpoint { }
            }
            """);

    [Fact]
    public Task TSK001_fixes_a_nested_endpoint_inside_its_partial_container() =>
        FixTest<MakePartialCodeFix>.VerifyAsync(
            """
            using TypedSockets;

            public static partial class Rooms
            {
                [SocketEndpoint("lobby")]
                internal sealed class {|TSK001:Lobby|} : SocketEndpoint;
            }
            """,
            """
            using TypedSockets;

            public static partial class Rooms
            {
                [SocketEndpoint("lobby")]
                internal sealed partial class Lobby : SocketEndpoint;
            }
            """);

    [Fact]
    public Task TSK001_makes_every_declaration_partial_when_the_type_is_split_across_files()
    {
        // The second file is already partial, so the compiler also asks for 'partial' (CS0260).
        var test = new FixTest<MakePartialCodeFix>(
            """
            using TypedSockets;

            [SocketEndpoint("chat")]
            public class {|TSK001:{|CS0260:ChatEndpoint|}|} : SocketEndpoint
            {
            }
            """,
            """
            using TypedSockets;

            [SocketEndpoint("chat")]
            public partial class ChatEndpoint : SocketEndpoint
            {
            }
            """);
        return test.WithFile(
            "ChatEndpoint.Rooms.cs",
            """
            public partial class ChatEndpoint
            {
                public string Room { get; set; } = "main";
            }
            """,
            """
            public partial class ChatEndpoint
            {
                public string Room { get; set; } = "main";
            }
            """).RunAsync();
    }

    [Theory]
    [InlineData(
        "public sealed record {|TSK005:Said|}(string Text);",
        "public sealed partial record Said(string Text);")]
    [InlineData(
        "record {|TSK005:Said|}(string Text);",
        "partial record Said(string Text);")]
    [InlineData(
        "public readonly record struct {|TSK005:Said|}(string Text);",
        "public readonly partial record struct Said(string Text);")]
    [InlineData(
        "public record class {|TSK005:Said|}(string Text);",
        "public partial record class Said(string Text);")]
    [InlineData(
        "public struct {|TSK005:Said|} { public string Text { get; set; } }",
        "public partial struct Said { public string Text { get; set; } }")]
    [InlineData(
        "internal readonly ref struct {|TSK005:Said|} { public string Text { get; init; } }",
        "internal readonly ref partial struct Said { public string Text { get; init; } }")]
    [InlineData(
        "public sealed class {|TSK005:Said|} { public string Text { get; set; } = \"\"; }",
        "public sealed partial class Said { public string Text { get; set; } = \"\"; }")]
    public Task TSK005_adds_partial_to_every_kind_of_event_type(string declaration, string fixedDeclaration) =>
        FixTest<MakePartialCodeFix>.VerifyAsync(
            $$"""
            using TypedSockets;

            /// <summary>A chat line.</summary>
            [SocketEvent("said")]
            {{declaration}}
            """,
            $$"""
            using TypedSockets;

            /// <summary>A chat line.</summary>
            [SocketEvent("said")]
            {{fixedDeclaration}}
            """);

    [Fact]
    public Task Fix_all_makes_every_endpoint_and_event_of_the_document_partial_in_one_pass()
    {
        var test = new FixTest<MakePartialCodeFix>(
            """
            using TypedSockets;

            namespace Demo;

            [SocketEvent("say")] public sealed record {|TSK005:Say|}(string Text);
            [SocketEvent("said")] public readonly record struct {|TSK005:Said|}(string From, string Text);
            [SocketEvent("ping")] public struct {|TSK005:Ping|} { public int Seq { get; set; } }

            [SocketEndpoint("chat")]
            public sealed class {|TSK001:ChatEndpoint|} : SocketEndpoint
            {
            }

            [SocketEndpoint("game")]
            internal class {|TSK001:GameEndpoint|} : SocketEndpoint
            {
            }
            """,
            """
            using TypedSockets;

            namespace Demo;

            [SocketEvent("say")] public sealed partial record Say(string Text);
            [SocketEvent("said")] public readonly partial record struct Said(string From, string Text);
            [SocketEvent("ping")] public partial struct Ping { public int Seq { get; set; } }

            [SocketEndpoint("chat")]
            public sealed partial class ChatEndpoint : SocketEndpoint
            {
            }

            [SocketEndpoint("game")]
            internal partial class GameEndpoint : SocketEndpoint
            {
            }
            """);
        // One fix per diagnostic when applied one by one; Fix All needs a single pass.
        test.NumberOfIncrementalIterations = 5;
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync();
    }

    [Fact]
    public Task A_partial_endpoint_or_event_has_nothing_to_fix() =>
        FixTest<MakePartialCodeFix>.VerifyAsync(
            """
            using TypedSockets;

            [SocketEvent("say")] public sealed partial record Say(string Text);

            [SocketEndpoint("chat")]
            public sealed partial class ChatEndpoint : SocketEndpoint
            {
            }
            """,
            """
            using TypedSockets;

            [SocketEvent("say")] public sealed partial record Say(string Text);

            [SocketEndpoint("chat")]
            public sealed partial class ChatEndpoint : SocketEndpoint
            {
            }
            """);
}
