using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedSockets.Generator.Diagnostics;

namespace TypedSockets.Generator.Tests;

/// <summary>
/// Every diagnostic the generator reports: its ID, severity, the exact squiggle (marked in the
/// test source as <c>[|…|]</c>) and its message; and that a diagnostic never breaks the rest of
/// the generation.
/// </summary>
public partial class DiagnosticTests
{
    private const string Chars16 = "abcdefghijklmnop";
    private const string Chars64 = Chars16 + Chars16 + Chars16 + Chars16;
    private const string Chars65 = Chars64 + "q";

    private const string UnsupportedTail =
        ". Use a string, bool, char, number (Half and Int128 included), decimal, Guid, DateTime, DateTimeOffset, DateOnly, TimeOnly, TimeSpan, Uri, Version, byte[], JsonElement, JsonNode, an enum, a nullable of those, an array, a list or set (List, HashSet, ImmutableArray, ImmutableList or their interfaces), a dictionary with string, integer, Guid or enum keys, or a record, class or struct of such members.";

    private const string HandlerTail =
        ". Use (TEvent) or (TEvent, SocketClient), optionally followed by a CancellationToken, returning void, Task, ValueTask, or an event type (plain, Task<T> or ValueTask<T>) as the reply.";

    private const string HookTail =
        ". Use (SocketClient), optionally followed by a CancellationToken, returning void, Task or ValueTask; one hook of each kind per endpoint.";

    /// <summary>Events the endpoint sources below handle; compiled as a second file.</summary>
    private const string Events = """
        using TypedSockets;

        [SocketEvent("say")] public sealed partial record Say(string Text);
        [SocketEvent("pong")] public sealed partial record Pong(int Seq);
        """;

    private static string Endpoint(string members) => $$"""
        using System.Threading;
        using System.Threading.Tasks;
        using TypedSockets;

        [SocketEndpoint("chat")]
        public sealed partial class ChatEndpoint : SocketEndpoint
        {
            {{members}}
        }
        """;

    // ---- TSK001 ---------------------------------------------------------------------------

    [Fact]
    public void TSK001_endpoint_not_partial_is_reported_on_the_class_name()
    {
        var (diagnostic, result) = Expect("TSK001", """
            using TypedSockets;

            namespace Demo;

            [SocketEndpoint("chat")]
            public sealed class [|ChatEndpoint|] : SocketEndpoint
            {
            }
            """);

        Assert.Equal(
            "Endpoint class 'ChatEndpoint' must be declared 'partial' so TypedSockets can add its operations and dispatch",
            Message(diagnostic));
        Assert.Empty(result.Results[0].GeneratedSources);
    }

    // ---- TSK020 ---------------------------------------------------------------------------

    [Fact]
    public void TSK020_an_endpoint_without_the_SocketEndpoint_base_gets_nothing_generated()
    {
        var (diagnostic, result) = Expect("TSK020", """
            using TypedSockets;

            namespace Demo;

            [SocketEndpoint("chat")]
            public sealed partial class [|ChatEndpoint|]
            {
            }
            """);

        Assert.Equal(
            "Endpoint class 'ChatEndpoint' does not derive from SocketEndpoint: declare it as 'partial class ChatEndpoint : SocketEndpoint', " +
            "so its operations (Broadcast, SendTo, Clients, ...) are visible to every compiler pass, other source generators included",
            Message(diagnostic));
        Assert.DoesNotContain(result.Results[0].GeneratedSources, s => s.HintName.Contains("ChatEndpoint", StringComparison.Ordinal));
    }

    [Fact]
    public void TSK020_names_the_other_base_class()
    {
        var (diagnostic, _) = Expect("TSK020", """
            using TypedSockets;

            public abstract class Component { }

            [SocketEndpoint("chat")]
            public sealed partial class [|ChatEndpoint|] : Component, System.IDisposable
            {
                public void Dispose() { }
            }
            """);

        Assert.StartsWith("Endpoint class 'ChatEndpoint' derives from 'Component', not from SocketEndpoint:", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void TSK020_is_satisfied_through_an_intermediate_base_class()
    {
        var (output, diagnostics, _) = GeneratorHarness.Run("Intermediate", """
            using TypedSockets;

            public abstract class AuditedEndpoint : SocketEndpoint
            {
                public int Audited { get; set; }
            }

            [SocketEndpoint("chat")]
            [Sends<Say>]
            public sealed partial class ChatEndpoint : AuditedEndpoint
            {
                [OnEvent]
                public System.Threading.Tasks.ValueTask Say(Say message) => Broadcast(message);
            }

            [SocketEvent("say")] public sealed partial record Say(string Text);
            """);

        Assert.Empty(diagnostics);
        Assert.Empty(Errors(output));
    }

    // ---- TSK021 ---------------------------------------------------------------------------

    [Fact]
    public void TSK021_an_operation_given_a_type_that_is_not_an_event_is_an_error_on_the_argument()
    {
        var (diagnostic, _) = Expect("TSK021", Endpoint("""
            [OnEvent]
            public ValueTask Say(Say message) => Broadcast([|new Note(message.Text)|]);
            """), Events, "public sealed record Note(string Text);");

        Assert.Equal(
            "'Note' is not a socket event, so 'Broadcast' cannot send or read it: mark it [SocketEvent(\"name\")] and declare it partial",
            Message(diagnostic));
    }

    [Fact]
    public void TSK021_points_at_an_explicit_type_argument()
    {
        var (diagnostic, _) = Expect("TSK021", """
            public static class Use
            {
                public static byte[] Bytes() => TypedSockets.SocketJson.Serialize<[|string|]>("text");
            }
            """);

        Assert.StartsWith("'string' is not a socket event, so 'Serialize' cannot", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void TSK021_checks_method_groups_and_the_callers_of_a_forwarding_method()
    {
        var (diagnostic, _) = Expect("TSK021", """
            using System;
            using System.Threading.Tasks;
            using TypedSockets;

            [SocketEvent("said")] public sealed partial record Said(string Text);

            public static class Relay
            {
                // Forwarding: inside, T counts as an event; the callers are checked.
                public static string Log<[SocketEventTypeParameter] T>(T value) => SocketJson.SerializeToString(value);

                // Constrained to ISocketEvent<T>: an event too.
                public static byte[] Bytes<T>(T value) where T : ISocketEvent<T> => SocketJson.Serialize(value);

                public static string Right() => Log(new Said("hi"));

                public static Func<Said, string> Group() => SocketJson.SerializeToString;

                public static string Wrong() => Log([|42|]);
            }
            """);

        Assert.StartsWith("'int' is not a socket event, so 'Log' cannot", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void TSK021_leaves_a_type_the_compiler_cannot_find_to_the_compiler()
    {
        var (_, diagnostics, _) = GeneratorHarness.Run("Missing", """
            using TypedSockets;

            public static class Use
            {
                public static byte[] Bytes(Missing value) => SocketJson.Serialize<Missing>(value);
            }
            """);

        Assert.DoesNotContain(diagnostics, d => d.Id == "TSK021");
    }

    [Fact]
    public void TSK021_reports_a_method_group_of_the_wrong_type()
    {
        var (diagnostic, _) = Expect("TSK021", """
            using System;
            using System.Threading.Tasks;
            using TypedSockets;

            public static class Relay
            {
                public static Func<Guid, string> Group() => SocketJson.[|SerializeToString|];
            }
            """);

        Assert.StartsWith("'Guid' is not a socket event, so 'SerializeToString' cannot", Message(diagnostic), StringComparison.Ordinal);
    }

    // ---- TSK002 ---------------------------------------------------------------------------

    [Theory]
    [InlineData("")]
    [InlineData(Chars65)]
    [InlineData("live updates")]
    [InlineData("chat/room")]
    [InlineData("chat!")]
    [InlineData("caf\u00e9")]
    public void TSK002_invalid_ref_is_reported_on_the_attribute_argument(string @ref)
    {
        var (diagnostic, result) = Expect("TSK002", $$"""
            using TypedSockets;

            [SocketEndpoint([|"{{@ref}}"|])]
            public sealed partial class ChatEndpoint : SocketEndpoint
            {
            }
            """);

        Assert.Equal($"Endpoint ref '{@ref}' is invalid: use 1 to 64 letters, digits, '_', '-', '.' or ':'", Message(diagnostic));
        Assert.Empty(result.Results[0].GeneratedSources);
    }

    [Fact]
    public void TSK002_is_reported_on_the_ref_when_a_path_is_given_too()
    {
        var (diagnostic, _) = Expect("TSK002", """
            using TypedSockets;

            [SocketEndpoint([|"live updates"|], Path = "/live")]
            public sealed partial class LiveEndpoint : SocketEndpoint
            {
            }
            """);

        Assert.Equal("Endpoint ref 'live updates' is invalid: use 1 to 64 letters, digits, '_', '-', '.' or ':'", Message(diagnostic));
    }

    [Theory]
    [InlineData("a")]
    [InlineData(Chars64)]
    [InlineData("Chat_Room-1.v2:eu")]
    public void Valid_refs_are_accepted(string @ref)
    {
        var (output, diagnostics, result) = GeneratorHarness.Run("Refs", $$"""
            using TypedSockets;

            [SocketEndpoint("{{@ref}}")]
            public sealed partial class ChatEndpoint : SocketEndpoint
            {
            }
            """);

        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        Assert.Contains(result.Results[0].GeneratedSources, s => s.HintName == "ChatEndpoint.SocketEndpoint.g.cs");
    }

    // ---- TSK003 ---------------------------------------------------------------------------

    [Fact]
    public void TSK003_duplicate_ref_is_reported_on_the_second_endpoints_argument()
    {
        var (diagnostic, _) = Expect("TSK003", """
            using TypedSockets;

            [SocketEndpoint("chat")]
            public sealed partial class FirstEndpoint : SocketEndpoint
            {
            }

            [SocketEndpoint([|"chat"|], Path = "/other")]
            public sealed partial class SecondEndpoint : SocketEndpoint
            {
            }
            """);

        Assert.Equal("Endpoint ref 'chat' is already used by 'FirstEndpoint': give each endpoint its own ref", Message(diagnostic));
    }

    [Fact]
    public void TSK015_a_path_must_start_with_a_slash()
    {
        var (diagnostic, _) = Expect(
            "TSK015",
            """
            using TypedSockets;

            [SocketEndpoint("chat", [|Path = "chat"|])]
            public sealed partial class ChatEndpoint : SocketEndpoint
            {
            }
            """);

        Assert.Equal("Endpoint path 'chat' does not start with '/': give each endpoint its own path starting with '/'", Message(diagnostic));
    }

    [Fact]
    public void TSK015_two_endpoints_cannot_share_a_path()
    {
        var (diagnostic, _) = Expect(
            "TSK015",
            """
            using TypedSockets;

            [SocketEndpoint("one", Path = "/live")]
            public sealed partial class OneEndpoint : SocketEndpoint
            {
            }

            [SocketEndpoint("two", [|Path = "/live"|])]
            public sealed partial class TwoEndpoint : SocketEndpoint
            {
            }
            """);

        Assert.Equal("Endpoint path '/live' is already the path of 'OneEndpoint': give each endpoint its own path starting with '/'", Message(diagnostic));
    }

    [Fact]
    public void TSK019_a_containing_type_must_be_partial()
    {
        var (diagnostic, _) = Expect(
            "TSK019",
            """
            using TypedSockets;

            public static class [|Outer|]
            {
                [SocketEvent("say")]
                public sealed partial record Say(string Text);
            }
            """);

        Assert.Equal("'Outer' contains the event 'Say' and must be declared 'partial' too, so the generated code can be nested in it", Message(diagnostic));
    }

    [Fact]
    public void TSK003_across_files_is_reported_in_the_later_file()
    {
        var (diagnostic, _) = Expect(
            "TSK003",
            """
            using TypedSockets;

            [SocketEndpoint("chat")]
            public sealed partial class FirstEndpoint : SocketEndpoint
            {
            }
            """,
            """
            using TypedSockets;

            [SocketEndpoint([|"chat"|])]
            public sealed partial class SecondEndpoint : SocketEndpoint
            {
            }
            """);

        Assert.Equal("Endpoint ref 'chat' is already used by 'FirstEndpoint': give each endpoint its own ref", Message(diagnostic));
    }

    [Fact]
    public void TSK003_every_later_endpoint_names_the_first()
    {
        var (_, diagnostics, _) = GeneratorHarness.Run("Dup", """
            using TypedSockets;

            [SocketEndpoint("chat")] public sealed partial class A : SocketEndpoint { }
            [SocketEndpoint("chat")] public sealed partial class B : SocketEndpoint { }
            [SocketEndpoint("chat")] public sealed partial class C : SocketEndpoint { }
            """);

        Assert.Equal(
            [
                "(4,17): Endpoint ref 'chat' is already used by 'A': give each endpoint its own ref",
                "(5,17): Endpoint ref 'chat' is already used by 'A': give each endpoint its own ref",
            ],
            diagnostics.Where(d => d.Id == "TSK003").Select(d => $"{Start(d)}: {Message(d)}").Order(StringComparer.Ordinal));
        Assert.Equal(2, diagnostics.Length);
    }

    // ---- TSK005 ---------------------------------------------------------------------------

    [Theory]
    [InlineData("public sealed record [|Say|](string Text);", "Say")]
    [InlineData("public sealed class [|Notice|] { public string Text { get; set; } = \"\"; }", "Notice")]
    [InlineData("public readonly struct [|Point|] { public int X { get; init; } }", "Point")]
    [InlineData("public readonly record struct [|Tick|](long At);", "Tick")]
    public void TSK005_event_not_partial_is_reported_on_the_type_name(string declaration, string name)
    {
        var (diagnostic, result) = Expect("TSK005", $$"""
            using TypedSockets;

            [SocketEvent("thing")]
            {{declaration}}
            """);

        Assert.Equal($"Event type '{name}' must be declared 'partial' so TypedSockets can add its JSON code", Message(diagnostic));
        Assert.Empty(result.Results[0].GeneratedSources);
    }

    // ---- TSK006 ---------------------------------------------------------------------------

    [Theory]
    [InlineData("reply", "reserved")]
    [InlineData("error", "reserved")]
    [InlineData("ts:x", "reserved")]
    [InlineData("ts:", "reserved")]
    [InlineData("a b", "invalid")]
    [InlineData("", "invalid")]
    [InlineData("say/loud", "invalid")]
    [InlineData(Chars65, "invalid")]
    public void TSK006_invalid_or_reserved_event_name_is_reported_on_the_attribute_argument(string name, string why)
    {
        var (diagnostic, _) = Expect("TSK006", $$"""
            using TypedSockets;

            [SocketEvent([|"{{name}}"|])]
            public sealed partial record Thing(string Text);
            """);

        Assert.Equal(
            $"Event name '{name}' is {why}: use 1 to 64 letters, digits, '_', '-', '.' or ':', and not 'reply', 'error' or a name starting with 'ts:'",
            Message(diagnostic));
    }

    [Theory]
    [InlineData("replies")]
    [InlineData("errors")]
    [InlineData("ts")]
    [InlineData("my:ts:x")]
    [InlineData(Chars64)]
    public void Names_near_the_reserved_ones_are_accepted(string name)
    {
        var (output, diagnostics, _) = GeneratorHarness.Run("Names", $$"""
            using TypedSockets;

            [SocketEvent("{{name}}")]
            public sealed partial record Thing(string Text);
            """);

        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    // ---- TSK007 ---------------------------------------------------------------------------

    [Fact]
    public void TSK007_duplicate_event_name_is_reported_on_the_second_types_argument()
    {
        var (diagnostic, _) = Expect("TSK007", """
            using TypedSockets;

            [SocketEvent("said")] public sealed partial record Said(string Text);
            [SocketEvent([|"said"|])] public sealed partial record SaidAgain(string From, string Text);
            """);

        Assert.Equal("Event name 'said' is already used by 'Said': give each event type its own name", Message(diagnostic));
    }

    [Fact]
    public void TSK007_across_files_is_reported_in_the_later_file()
    {
        var (diagnostic, _) = Expect(
            "TSK007",
            """
            using TypedSockets;
            namespace One { [SocketEvent("said")] public sealed partial record Said(string Text); }
            """,
            """
            using TypedSockets;
            namespace Two { [SocketEvent([|"said"|])] public sealed partial record Said(string Text); }
            """);

        Assert.Equal("Event name 'said' is already used by 'Said': give each event type its own name", Message(diagnostic));
    }

    // ---- TSK008 ---------------------------------------------------------------------------

    [Theory]
    [InlineData("object [|Payload|]", "Payload", "object", "'object' has no fixed shape")]
    [InlineData("System.Net.IPAddress [|Address|]", "Address", "System.Net.IPAddress", "this framework type is not supported yet")]
    [InlineData("Dictionary<DateTime, string> [|Names|]", "Names", "System.Collections.Generic.Dictionary<System.DateTime, string>", "dictionary keys must be strings, integers, Guids or enums")]
    [InlineData("int[,] [|Grid|]", "Grid", "int[*,*]", "multi-dimensional arrays are not supported")]
    [InlineData("IShape [|Shape|]", "Shape", "IShape", "interfaces other than the supported collections cannot be read")]
    [InlineData("Animal [|Pet|]", "Pet", "Animal", "abstract and static types cannot be created when reading (an abstract base needs [JsonDerivedType]s)")]
    [InlineData("Callback [|Done|]", "Done", "Callback", "it is not a class, struct or record")]
    [InlineData("List<object> [|Items|]", "Items", "System.Collections.Generic.List<object>", "'object' has no fixed shape")]
    [InlineData("Dictionary<string, System.Net.IPAddress>? [|Links|]", "Links", "System.Collections.Generic.Dictionary<string, System.Net.IPAddress>?", "this framework type is not supported yet")]
    public void TSK008_unsupported_member_is_reported_on_the_member(string member, string name, string type, string reason)
    {
        var (diagnostic, result) = Expect("TSK008", $$"""
            using System;
            using System.Collections.Generic;
            using TypedSockets;

            public interface IShape { }
            public abstract class Animal { public string Name { get; set; } = ""; }
            public delegate void Callback();

            [SocketEvent("data")]
            public sealed partial record Data(string Id, {{member}});
            """);

        Assert.Equal($"Member '{name}' of 'Data' has type '{type}', which TypedSockets cannot serialize: {reason}{UnsupportedTail}", Message(diagnostic));
        // The member is left out; the event's code is still generated (and compiles, see Expect).
        Assert.Contains(result.Results[0].GeneratedSources, s => s.HintName == "Data.SocketEvent.g.cs");
    }

    [Fact]
    public void TSK008_a_derived_type_without_a_discriminator_cannot_be_read_back()
    {
        var (diagnostic, _) = Expect("TSK008", """
            using System.Text.Json.Serialization;
            using TypedSockets;

            [JsonDerivedType(typeof(Circle))]
            public abstract record Shape;
            public sealed record Circle(double Radius) : Shape;

            [SocketEvent("drawn")]
            public sealed partial record Drawn(Shape [|Shape|]);
            """);

        Assert.StartsWith(
            "Member 'Circle' of 'Shape' has type 'Circle', which TypedSockets cannot serialize: a [JsonDerivedType] needs a discriminator (a string or an int) to be read back",
            Message(diagnostic),
            StringComparison.Ordinal);
    }

    [Fact]
    public void TSK008_is_reported_on_a_class_property()
    {
        var (diagnostic, _) = Expect("TSK008", """
            using TypedSockets;

            [SocketEvent("data")]
            public sealed partial class Data
            {
                public string Id { get; set; } = "";

                public object? [|Payload|] { get; set; }
            }
            """);

        Assert.Equal($"Member 'Payload' of 'Data' has type 'object?', which TypedSockets cannot serialize: 'object' has no fixed shape{UnsupportedTail}", Message(diagnostic));
    }

    [Fact]
    public void TSK008_in_a_nested_type_is_reported_on_that_types_member()
    {
        var (diagnostic, _) = Expect("TSK008", """
            using System.Collections.Generic;
            using TypedSockets;

            [SocketEvent("order")]
            public sealed partial record Order(string Id, List<Line> Lines);

            public sealed class Line
            {
                public string Sku { get; set; } = "";

                public System.TimeZoneInfo? [|Zone|] { get; set; }
            }
            """);

        Assert.Equal(
            $"Member 'Zone' of 'Line' has type 'System.TimeZoneInfo?', which TypedSockets cannot serialize: this framework type is not supported yet{UnsupportedTail}",
            Message(diagnostic));
    }

    [Fact]
    public void TSK008_ignored_members_are_not_checked()
    {
        var (output, diagnostics, _) = GeneratorHarness.Run("Ignored", """
            using System.Text.Json.Serialization;
            using TypedSockets;

            [SocketEvent("data")]
            public sealed partial class Data
            {
                public string Id { get; set; } = "";

                [JsonIgnore] public object? Payload { get; set; }
            }
            """);

        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    [Fact]
    public void TSK008_in_a_type_shared_by_two_events_is_reported_once()
    {
        var markup = Markup.Parse("""
            using TypedSockets;

            [SocketEvent("created")] public sealed partial record Created(Item Item);
            [SocketEvent("updated")] public sealed partial record Updated(Item Item);

            public sealed class Item
            {
                public object? [|Tag|] { get; set; }
            }
            """);
        var (_, diagnostics, _) = GeneratorHarness.Run("Shared", markup.Source);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("TSK008", diagnostic.Id);
        Assert.Equal(markup.Span, diagnostic.Location.SourceSpan);
    }

    // ---- TSK009 ---------------------------------------------------------------------------

    [Theory]
    [InlineData(
        "private Command() { } public int Seq { get; init; }",
        "it needs a public parameterless constructor, a single public constructor, or one marked [JsonConstructor]")]
    [InlineData(
        "public Command(int seq) { Seq = seq; } public Command(string text) { Text = text; } public int Seq { get; } public string? Text { get; }",
        "it needs a public parameterless constructor, a single public constructor, or one marked [JsonConstructor]")]
    [InlineData(
        "public Command(int count) { Seq = count; } public int Seq { get; }",
        "constructor parameter 'count' does not match a public property")]
    public void TSK009_inbound_event_that_cannot_be_constructed_is_reported_on_the_handler_parameter(string body, string reason)
    {
        var (diagnostic, _) = Expect(
            "TSK009",
            Endpoint("[OnEvent] public void Run(Command [|command|]) { }"),
            $$"""
            using TypedSockets;

            [SocketEvent("command")]
            public sealed partial class Command
            {
                {{body}}
            }
            """);

        Assert.Equal($"'Command' is handled as an inbound event but cannot be constructed when reading: {reason}", Message(diagnostic));
    }

    [Theory]
    [InlineData("private Command() { } public int Seq { get; init; }")]
    [InlineData("public Command(int seq) { Seq = seq; } public Command(string text) { Text = text; } public int Seq { get; } public string? Text { get; }")]
    public void An_event_that_cannot_be_constructed_is_fine_when_only_sent(string body)
    {
        var (output, diagnostics, _) = GeneratorHarness.Run("Outbound", $$"""
            using TypedSockets;

            [SocketEvent("command")]
            public sealed partial class Command
            {
                {{body}}
            }
            """);

        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    [Fact]
    public void A_json_constructor_makes_an_event_constructible()
    {
        var (output, diagnostics, _) = GeneratorHarness.Run(
            "JsonCtor",
            Endpoint("[OnEvent] public void Run(Command command) { }"),
            """
            using System.Text.Json.Serialization;
            using TypedSockets;

            [SocketEvent("command")]
            public sealed partial class Command
            {
                [JsonConstructor] public Command(int seq) { Seq = seq; }
                public Command(string text) { Text = text; }
                public int Seq { get; }
                public string? Text { get; }
            }
            """);

        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    // ---- TSK010 ---------------------------------------------------------------------------

    [Theory]
    [InlineData("[OnEvent] public int [|Run|](Say message) => 0;", "int")]
    [InlineData("[OnEvent] public Task<int> [|Run|](Say message) => Task.FromResult(0);", "System.Threading.Tasks.Task<int>")]
    [InlineData("[OnEvent] public ValueTask<string> [|Run|](Say message) => new(\"\");", "System.Threading.Tasks.ValueTask<string>")]
    public void TSK012_a_reply_must_be_an_event(string handler, string returnType)
    {
        var (diagnostic, _) = Expect("TSK012", Endpoint(handler), Events);

        Assert.Equal(
            $"Handler 'Run' returns '{returnType}', which is not a [SocketEvent] type, so it cannot be the reply: return void, Task or ValueTask, or an event type (plain, Task<T> or ValueTask<T>)",
            Message(diagnostic));
    }

    [Theory]
    [InlineData("[OnEvent] public void [|Run|]() { }", "the first parameter must be the event")]
    [InlineData("[OnEvent] public void Run(int [|seq|]) { }", "the first parameter's type 'int' is not a [SocketEvent] type")]
    [InlineData("[OnEvent] public void Run(SocketClient [|sender|], Say message) { }", "the first parameter's type 'TypedSockets.SocketClient' is not a [SocketEvent] type")]
    [InlineData("[OnEvent] public void Run(Say message, string [|extra|]) { }", "parameter 'extra' of type 'string' is not expected there")]
    [InlineData("[OnEvent] public void Run(Say message, CancellationToken cancellationToken, SocketClient [|sender|]) { }", "parameter 'sender' of type 'TypedSockets.SocketClient' is not expected there")]
    [InlineData("[OnEvent] public void [|Run|](ref Say message) { }", "parameters cannot be ref, in or out")]
    [InlineData("[OnEvent] public void [|Run|](in Say message) { }", "parameters cannot be ref, in or out")]
    [InlineData("[OnEvent] public void [|Run|](Say message, out int count) { count = 0; }", "parameters cannot be ref, in or out")]
    [InlineData("[OnEvent] public void [|Run|]<T>(Say message) { }", "generic handlers are not supported")]
    public void TSK010_unsupported_handler_signature(string handler, string reason)
    {
        var (diagnostic, _) = Expect("TSK010", Endpoint(handler), Events);

        Assert.Equal($"Handler 'Run' has an unsupported signature: {reason}{HandlerTail}", Message(diagnostic));
    }

    [Theory]
    [InlineData("[OnEvent] public void Run(Say message) { }")]
    [InlineData("[OnEvent] public void Run(Say message, SocketClient sender) { }")]
    [InlineData("[OnEvent] public Task Run(Say message, CancellationToken cancellationToken) => Task.CompletedTask;")]
    [InlineData("[OnEvent] public ValueTask Run(Say message, SocketClient sender, CancellationToken cancellationToken) => default;")]
    [InlineData("[OnEvent] public Pong Run(Say message) => new(1);")]
    [InlineData("[OnEvent] public Task<Pong> Run(Say message) => Task.FromResult(new Pong(1));")]
    [InlineData("[OnEvent] public ValueTask<Pong> Run(Say message, SocketClient sender) => new(new Pong(1));")]
    [InlineData("[OnEvent] public static void Run(Say message) { }")]
    [InlineData("[OnEvent] private void Run(Say message) { }")]
    public void Supported_handler_signatures_compile_cleanly(string handler)
    {
        var (output, diagnostics, _) = GeneratorHarness.Run("Handlers", Endpoint(handler), Events);

        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    [Fact]
    public void A_handler_returning_a_nullable_event_is_either_reported_or_compiles_cleanly()
    {
        var (output, diagnostics, _) = GeneratorHarness.Run("NullableReply", Endpoint("[OnEvent] public Pong? Run(Say message) => null;"), Events);

        Assert.True(
            diagnostics.Any(d => d.Id == "TSK010") || GeneratorHarness.Problems(output).Length == 0,
            string.Join(Environment.NewLine, GeneratorHarness.Problems(output)));
    }

    // ---- TSK011 ---------------------------------------------------------------------------

    [Fact]
    public void TSK011_second_handler_of_an_event_is_reported_on_its_name()
    {
        var (diagnostic, result) = Expect(
            "TSK011",
            Endpoint("""
                [OnEvent] public void First(Say message) { }

                [OnEvent] public ValueTask [|Second|](Say message, SocketClient sender) => default;
                """),
            Events);

        Assert.Equal("Handlers 'First' and 'Second' both take event 'say': keep one handler per event", Message(diagnostic));
        Assert.Contains("endpoint.First(message)", result.Results[0].GeneratedSources.Single(s => s.HintName == "ChatEndpoint.SocketEndpoint.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    // ---- TSK018 ---------------------------------------------------------------------------

    [Theory]
    [InlineData("[OnConnect] public void [|Hello|]() { }", "Hello", "the first parameter must be the SocketClient")]
    [InlineData("[OnConnect] public void [|Hello|](string name) { }", "Hello", "the first parameter must be the SocketClient")]
    [InlineData("[OnConnect] public void [|Hello|](CancellationToken cancellationToken, SocketClient client) { }", "Hello", "the first parameter must be the SocketClient")]
    [InlineData("[OnDisconnect] public void [|Bye|](SocketClient client, int code) { }", "Bye", "the second parameter, if any, must be a CancellationToken")]
    [InlineData("[OnConnect] public int [|Hello|](SocketClient client) => 0;", "Hello", "it must return void, Task or ValueTask")]
    [InlineData("[OnConnect] public Task<int> [|Hello|](SocketClient client) => Task.FromResult(0);", "Hello", "it must return void, Task or ValueTask")]
    [InlineData("[OnDisconnect] public Pong [|Bye|](SocketClient client) => new(1);", "Bye", "it must return void, Task or ValueTask")]
    [InlineData("[OnConnect] public void Hello(SocketClient client) { }\n[OnConnect] public ValueTask [|Again|](SocketClient client) => default;", "Again", "the endpoint already has a [OnConnect] method, 'Hello'")]
    [InlineData("[OnDisconnect] public void Bye(SocketClient client) { }\n[OnDisconnect] public Task [|Again|](SocketClient client, CancellationToken cancellationToken) => Task.CompletedTask;", "Again", "the endpoint already has a [OnDisconnect] method, 'Bye'")]
    public void TSK018_unsupported_hook_is_reported_on_the_method_name(string hooks, string method, string reason)
    {
        var (diagnostic, _) = Expect("TSK018", Endpoint(hooks), Events);

        Assert.Equal($"'{method}' has an unsupported signature: {reason}{HookTail}", Message(diagnostic));
    }

    [Fact]
    public void TSK018_a_hook_with_three_parameters_is_reported()
    {
        // The reason given today is "the first parameter must be the SocketClient", although it is:
        // only the ID and the squiggle are pinned here.
        var (diagnostic, _) = Expect(
            "TSK018",
            Endpoint("[OnConnect] public void [|Hello|](SocketClient client, CancellationToken cancellationToken, int extra) { }"),
            Events);

        Assert.StartsWith("'Hello' has an unsupported signature: ", Message(diagnostic), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[OnConnect] public void Hello(SocketClient client) { }")]
    [InlineData("[OnConnect] public Task Hello(SocketClient client, CancellationToken cancellationToken) => Task.CompletedTask;")]
    [InlineData("[OnDisconnect] public ValueTask Bye(SocketClient client) => default;")]
    [InlineData("[OnConnect] public static void Hello(SocketClient client) { }\n[OnDisconnect] public static void Bye(SocketClient client, CancellationToken cancellationToken) { }")]
    public void Supported_hook_signatures_compile_cleanly(string hooks)
    {
        var (output, diagnostics, _) = GeneratorHarness.Run("Hooks", Endpoint(hooks), Events);

        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    [Theory]
    [InlineData("[OnConnect] public void [|Hello|]<T>(SocketClient client) { }")]
    [InlineData("[OnConnect] public void [|Hello|](ref SocketClient client) { }")]
    [InlineData("[OnDisconnect] public void [|Hello|](in SocketClient client) { }")]
    public void TSK018_generic_and_ref_hooks_are_reported(string hook)
    {
        var (diagnostic, _) = Expect("TSK018", Endpoint(hook), Events);

        Assert.StartsWith("'Hello' has an unsupported signature: ", Message(diagnostic), StringComparison.Ordinal);
    }

    // ---- Snapshots of whole messages --------------------------------------------------------

    [Fact]
    public void Declaration_diagnostics_match_their_snapshot()
    {
        var (output, diagnostics, _) = GeneratorHarness.Run("Shop", """
            using TypedSockets;

            namespace Shop;

            [SocketEndpoint("orders")]
            public sealed class OrdersEndpoint : SocketEndpoint { }

            [SocketEndpoint("live updates")]
            public sealed partial class LiveEndpoint : SocketEndpoint { }

            [SocketEndpoint("chat")]
            public sealed partial class ChatEndpoint : SocketEndpoint { }

            [SocketEndpoint("chat", Path = "/support")]
            public sealed partial class SupportEndpoint : SocketEndpoint { }

            [SocketEvent("placed")]
            public sealed record OrderPlaced(string Id);

            [SocketEvent("reply")]
            public sealed partial record Reply(string Text);

            [SocketEvent("price changed")]
            public sealed partial record PriceChanged(decimal Price);

            [SocketEvent("said")]
            public sealed partial record Said(string Text);

            [SocketEvent("said")]
            public sealed partial record SaidAgain(string Text);
            """);

        Snapshot.Match(Describe(diagnostics, output), "Diagnostics.Declarations", "txt");
    }

    [Fact]
    public void Member_diagnostics_match_their_snapshot()
    {
        var (output, diagnostics, _) = GeneratorHarness.Run("Shop", """
            using System;
            using System.Collections.Generic;
            using TypedSockets;

            namespace Shop;

            public interface IDiscount { }

            [SocketEvent("order")]
            public sealed partial record Order(
                Guid Id,
                object Metadata,
                Dictionary<DateTime, decimal> PricesByLine,
                IDiscount? Discount,
                List<Line> Lines);

            public sealed class Line
            {
                public string Sku { get; set; } = "";

                public int[,] Matrix { get; set; } = new int[0, 0];

                public System.Net.IPAddress? Image { get; set; }
            }
            """);

        Snapshot.Match(Describe(diagnostics, output), "Diagnostics.Members", "txt");
    }

    [Fact]
    public void Handler_diagnostics_match_their_snapshot()
    {
        var (output, diagnostics, _) = GeneratorHarness.Run(
            "Shop",
            """
            using System.Threading;
            using System.Threading.Tasks;
            using TypedSockets;

            namespace Shop;

            [SocketEndpoint("chat")]
            public sealed partial class ChatEndpoint : SocketEndpoint
            {
                [OnConnect]
                public void Connected(SocketClient client) { }

                [OnConnect]
                public void ConnectedAgain(SocketClient client) { }

                [OnDisconnect]
                public int Disconnected(SocketClient client) => 0;

                [OnEvent]
                public void Say(Say message) { }

                [OnEvent]
                public void SayAgain(Say message, SocketClient sender) { }

                [OnEvent]
                public void Nothing() { }

                [OnEvent]
                public void Extra(Ping ping, string note) { }

                [OnEvent]
                public Task<int> Count(Ping ping) => Task.FromResult(ping.Seq);

                [OnEvent]
                public void Run(Command command) { }
            }
            """,
            """
            using TypedSockets;

            namespace Shop;

            [SocketEvent("say")] public sealed partial record Say(string Text);
            [SocketEvent("ping")] public sealed partial record Ping(int Seq);

            [SocketEvent("command")]
            public sealed partial class Command
            {
                private Command() { }

                public string Name { get; init; } = "";
            }
            """);

        Snapshot.Match(Describe(diagnostics, output), "Diagnostics.Handlers", "txt");
    }

    // ---- Severity, pragmas and options ------------------------------------------------------

    [Fact]
    public void Every_descriptor_is_an_error_with_a_stable_id_and_is_tracked_in_the_release_files()
    {
        var ids = new[] { "TSK001", "TSK002", "TSK003", "TSK005", "TSK006", "TSK007", "TSK008", "TSK009", "TSK010", "TSK011", "TSK018", "TSK020", "TSK021" };
        var releases = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Generator", "AnalyzerReleases.Shipped.md"))
            + File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Generator", "AnalyzerReleases.Unshipped.md"));

        Assert.All(ids, id =>
        {
            var descriptor = DiagnosticDescriptors.ById(id);
            Assert.Equal(id, descriptor.Id);
            Assert.Equal("TypedSockets", descriptor.Category);
            Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
            Assert.True(descriptor.IsEnabledByDefault);
            Assert.Contains($"{id} | TypedSockets | Error | {descriptor.Title}", releases, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_descriptor_links_to_its_documentation()
    {
        foreach (var id in new[] { "TSK001", "TSK002", "TSK003", "TSK005", "TSK006", "TSK007", "TSK008", "TSK009", "TSK010", "TSK011", "TSK018", "TSK020", "TSK021" })
        {
            Assert.Contains("docs/diagnostics.md", DiagnosticDescriptors.ById(id).HelpLinkUri, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Specific_diagnostic_options_change_or_remove_a_diagnostic()
    {
        const string source = """
            using TypedSockets;

            [SocketEvent("data")] public sealed partial record Data(string Id, object Payload);
            [SocketEvent("raw")] public sealed record Raw(string Id);
            """;

        var asWarning = RunWith(source, new() { ["TSK008"] = ReportDiagnostic.Warn });
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(asWarning, d => d.Id == "TSK008").Severity);
        Assert.Equal(DiagnosticSeverity.Error, Assert.Single(asWarning, d => d.Id == "TSK005").Severity);

        var suppressed = RunWith(source, new() { ["TSK008"] = ReportDiagnostic.Suppress, ["TSK005"] = ReportDiagnostic.Suppress });
        Assert.Empty(suppressed);
    }

    [Fact]
    public void The_driver_honours_pragmas_for_diagnostics_located_in_source()
    {
        // The premise of the pragma tests below: the driver does apply #pragma to a generator's
        // diagnostic when its location is in a syntax tree, whatever the severity.
        var compilation = GeneratorHarness.Compile("Probe", """
            #pragma warning disable TST001
            class Hidden { }
            #pragma warning restore TST001
            class Shown { }
            """);

        CSharpGeneratorDriver.Create(new ProbeGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);

        Assert.Equal(
            ["Source0.cs(2,7) suppressed=True", "Source0.cs(4,7) suppressed=False"],
            diagnostics.Select(d => $"{d.Location.GetLineSpan().Path}{Start(d)} suppressed={d.IsSuppressed}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Pragma_warning_disable_suppresses_a_generator_diagnostic()
    {
        var compilation = GeneratorHarness.Compile("Pragma", """
            using TypedSockets;

            #pragma warning disable TSK001
            [SocketEndpoint("legacy")]
            public sealed class LegacyEndpoint : SocketEndpoint { }
            #pragma warning restore TSK001

            [SocketEvent("data")]
            public sealed partial record Data(
                string Id,
            #pragma warning disable TSK008
                object Payload
            #pragma warning restore TSK008
                );
            """);
        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("TSK008", ReportDiagnostic.Warn)));

        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);

        Assert.DoesNotContain(diagnostics, d => !d.IsSuppressed);
    }

    [Fact]
    public void Diagnostics_are_located_in_the_source_tree()
    {
        var (output, diagnostics, _) = GeneratorHarness.Run("Located", """
            using TypedSockets;

            [SocketEndpoint("legacy")]
            public sealed class LegacyEndpoint : SocketEndpoint { }
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.True(diagnostic.Location.IsInSource);
        Assert.Same(output.SyntaxTrees.First(), diagnostic.Location.SourceTree);
    }

    // ---- No cascade ---------------------------------------------------------------------------

    [Fact]
    public void A_diagnostic_never_stops_the_rest_of_the_generation()
    {
        var (output, diagnostics, result) = GeneratorHarness.Run("Mixed", """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Routing;
            using Microsoft.Extensions.DependencyInjection;
            using TypedSockets;

            namespace Mixed;

            [SocketEndpoint("broken")]
            public sealed class BrokenEndpoint : SocketEndpoint
            {
                [OnEvent]
                public void Say(Say message) { }
            }

            [SocketEndpoint("good")]
            [Sends<Said>]
            public sealed partial class GoodEndpoint : SocketEndpoint
            {
                [OnEvent]
                public ValueTask Say(Say message, SocketClient sender) => BroadcastFrom(sender, new Said(sender.Id, message.Text));

                [OnEvent]
                public Pong Ping(Ping ping) => new(ping.Seq);
            }

            [SocketEvent("say")] public sealed partial record Say(string Text);
            [SocketEvent("said")] public sealed partial record Said(string From, string Text);
            [SocketEvent("ping")] public sealed partial record Ping(int Seq);
            [SocketEvent("pong")] public sealed partial record Pong(int Seq);
            [SocketEvent("upload")] public sealed partial record Upload(string Name, System.Net.IPAddress Source, int Size);

            public static class Program
            {
                public static void Configure(IServiceCollection services, IEndpointRouteBuilder endpoints)
                {
                    services.AddTypedSockets();
                    endpoints.MapTypedSockets();
                }
            }
            """);

        Assert.Equal(["TSK001", "TSK008"], diagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.Equal(
            [
                "Mixed.GoodEndpoint.SocketEndpoint.g.cs",
                "Mixed.Ping.SocketEvent.g.cs",
                "Mixed.Pong.SocketEvent.g.cs",
                "Mixed.Said.SocketEvent.g.cs",
                "Mixed.Say.SocketEvent.g.cs",
                "Mixed.Upload.SocketEvent.g.cs",
                "TypedSockets.AsyncApi.g.cs",
                "TypedSockets.Json.g.cs",
                "TypedSockets.Registration.g.cs",
                "TypedSockets.TypeScript.g.cs",
            ],
            result.Results[0].GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
        var registration = result.Results[0].GeneratedSources.Single(s => s.HintName == "TypedSockets.Registration.g.cs").SourceText.ToString();
        Assert.DoesNotContain("BrokenEndpoint", registration, StringComparison.Ordinal);
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    [Theory]
    [InlineData("[SocketEvent(\"notice\")] public sealed record Notice(string Text);", "TSK005")]
    [InlineData("[SocketEvent(\"reply\")] public sealed partial record Notice(string Text);", "TSK006")]
    public void A_handler_of_a_broken_event_adds_no_compiler_errors(string declaration, string id)
    {
        var (output, diagnostics, _) = GeneratorHarness.Run(
            "Cascade",
            Endpoint("[OnEvent] public void Run(Notice notice) { }"),
            "using TypedSockets;\n" + declaration);

        Assert.Equal([id], diagnostics.Select(d => d.Id));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
    }

    [Theory]
    [InlineData("public class Outer { [SocketEndpoint(\"chat\")] public sealed partial class ChatEndpoint : SocketEndpoint { } }")]
    [InlineData("public class Outer { [SocketEvent(\"say\")] public sealed partial record Say(string Text); }")]
    public void A_declaration_nested_in_a_non_partial_type_is_a_diagnostic_not_a_compiler_error(string source)
    {
        var (output, diagnostics, _) = GeneratorHarness.Run("Nested", "using TypedSockets;\n" + source);

        Assert.Contains(diagnostics, d => d.Id.StartsWith("TSK", StringComparison.Ordinal));
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Id == "CS0260");
    }

    [Fact]
    public void A_clean_realistic_compilation_has_no_diagnostics_and_no_warnings()
    {
        var compilation = GeneratorHarness.Compile("Demo", Sources.Chat);
        compilation = compilation.WithOptions(compilation.Options
            .WithWarningLevel(9999)
            .WithGeneralDiagnosticOption(ReportDiagnostic.Error));

        var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);

        Assert.Empty(diagnostics);
        Assert.Empty(driver.GetRunResult().Diagnostics);
        Assert.Equal(13, driver.GetRunResult().GeneratedTrees.Length);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning || d.IsWarningAsError).Select(d => d.ToString()));
    }

    // ---- TSK004, TSK013, TSK014, TSK016, TSK017 ------------------------------------------------

    [Theory]
    [InlineData("public sealed partial class [|Hub|]<T> : SocketEndpoint { }", "generic")]
    [InlineData("public static partial class [|Hub|] { }", "static")]
    [InlineData("public abstract partial class [|Hub|] : SocketEndpoint { }", "abstract")]
    [InlineData("public sealed partial record [|Hub|];", "a record")]
    public void TSK004_an_endpoint_is_one_concrete_class(string declaration, string what)
    {
        var (diagnostic, _) = Expect("TSK004", "using TypedSockets;\n[SocketEndpoint(\"hub\")]\n" + declaration);

        Assert.Equal(
            $"Endpoint class 'Hub' is {what}: an endpoint is one concrete, non-generic class that dependency injection creates",
            Message(diagnostic));
    }

    [Fact]
    public void TSK004_an_endpoint_cannot_be_nested_in_a_generic_type()
    {
        var (diagnostic, _) = Expect("TSK004", """
            using TypedSockets;
            public partial class Outer<T>
            {
                [SocketEndpoint("hub")]
                public sealed partial class [|Hub|] : SocketEndpoint { }
            }
            """);

        Assert.Contains("nested in the generic type 'Outer'", Message(diagnostic), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public Hub() { }\n    public [|Hub|](int seed) { }", "has 2 public constructors, so which one to call is ambiguous")]
    [InlineData("public Hub(int [|seed|]) { }", "takes 'seed', which is a value type, not a service")]
    [InlineData("private Hub() { }", "has no public constructor")]
    public void TSK014_the_factory_needs_one_public_constructor_of_services(string constructors, string problem)
    {
        var marked = constructors.Contains("[|", StringComparison.Ordinal);
        var source = "using TypedSockets;\n[SocketEndpoint(\"hub\")]\npublic sealed partial class " + (marked ? "Hub" : "[|Hub|]") + " : SocketEndpoint\n{\n    " + constructors + "\n}";

        var (diagnostic, _) = Expect("TSK014", source);

        Assert.Equal($"Endpoint class 'Hub' {problem}: give it one public constructor whose parameters are services", Message(diagnostic));
    }

    [Fact]
    public void TSK014_and_the_factory_agree_on_the_one_public_constructor()
    {
        // A longer internal constructor is not the one DI gets: the rule TSK014 checks is the rule the factory follows.
        var (output, diagnostics, result) = GeneratorHarness.Run("Factory", """
            using System;
            using TypedSockets;

            [SocketEndpoint("hub")]
            public sealed partial class Hub : SocketEndpoint
            {
                public Hub(IServiceProvider services) => Services = services;

                internal Hub(IServiceProvider services, string name) : this(services) => Name = name;

                public IServiceProvider Services { get; }

                public string? Name { get; }
            }
            """);

        Assert.Empty(diagnostics);
        Assert.Empty(Errors(output));
        var factory = result.Results[0].GeneratedSources.Single(s => s.HintName == "Hub.SocketEndpoint.g.cs").SourceText.ToString();
        Assert.Matches(@"return new global::Hub\(\s*services\);", factory);
    }

    [Theory]
    [InlineData("private", "private")]
    [InlineData("protected", "protected")]
    public void TSK017_a_nested_event_must_be_visible_to_the_generated_code(string accessibility, string what)
    {
        var (diagnostic, _) = Expect("TSK017", $$"""
            using TypedSockets;
            public partial class Outer
            {
                [SocketEvent("say")]
                {{accessibility}} sealed partial record [|Say|](string Text);
            }
            """);

        Assert.Equal(
            $"Event type 'Say' is {what}, so the generated code cannot use it: make it (and the types it is nested in) public or internal, and not file-local",
            Message(diagnostic));
    }

    [Fact]
    public void TSK017_a_file_local_endpoint_is_reported()
    {
        var (diagnostic, _) = Expect("TSK017", """
            using TypedSockets;
            [SocketEndpoint("hub")]
            file sealed partial class [|Hub|] : SocketEndpoint { }
            """);

        Assert.Contains("is file-local", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void TSK013_async_void_handlers_are_a_warning_on_the_method()
    {
        var markup = Markup.Parse("""
            using System.Threading.Tasks;
            using TypedSockets;

            [SocketEndpoint("hub")]
            public sealed partial class Hub : SocketEndpoint
            {
                [OnEvent]
                public async void [|Say|](Say message) => await Task.Yield();
            }

            [SocketEvent("say")] public sealed partial record Say(string Text);
            """);

        var (output, diagnostics, _) = GeneratorHarness.Run("AsyncVoid", markup.Source);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("TSK013", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(markup.Span, diagnostic.Location.SourceSpan);
        Assert.Equal(
            "'Say' is 'async void': its exceptions cannot be reported to the client and its completion cannot be awaited; return ValueTask instead",
            Message(diagnostic));
        Assert.Empty(Errors(output));
    }

    [Fact]
    public void TSK016_a_handler_attribute_on_a_local_function_is_a_warning()
    {
        var markup = Markup.Parse("""
            using TypedSockets;

            [SocketEndpoint("hub")]
            public sealed partial class Hub : SocketEndpoint
            {
                public void Setup()
                {
                    [OnEvent]
                    void [|Say|](Say message) { }
                }
            }

            [SocketEvent("say")] public sealed partial record Say(string Text);
            """);

        var (_, diagnostics, _) = GeneratorHarness.Run("Local", markup.Source);

        var diagnostic = Assert.Single(diagnostics, d => d.Id == "TSK016");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(markup.Span, diagnostic.Location.SourceSpan);
        Assert.Equal(
            "'Say' has [OnEvent] but 'Hub.Setup' has no [SocketEndpoint], so it is never called: move it into an endpoint class or mark the class with [SocketEndpoint]",
            Message(diagnostic));
    }

    [Fact]
    public void TSK016_a_handler_outside_an_endpoint_is_a_warning_on_the_method()
    {
        var markup = Markup.Parse("""
            using TypedSockets;

            public sealed class NotAnEndpoint
            {
                [OnEvent]
                public void [|Say|](Say message) { }
            }

            [SocketEvent("say")] public sealed partial record Say(string Text);
            """);

        var (_, diagnostics, _) = GeneratorHarness.Run("Outside", markup.Source);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("TSK016", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(markup.Span, diagnostic.Location.SourceSpan);
        Assert.Equal(
            "'Say' has [OnEvent] but 'NotAnEndpoint' has no [SocketEndpoint], so it is never called: move it into an endpoint class or mark the class with [SocketEndpoint]",
            Message(diagnostic));
    }

    // ---- Helpers ------------------------------------------------------------------------------

    /// <summary>
    /// Runs the generator over <paramref name="sources"/>, one of which marks the expected squiggle,
    /// and asserts exactly one diagnostic: <paramref name="id"/>, an error, at that span.
    /// </summary>
    private static (Diagnostic Diagnostic, GeneratorDriverRunResult Result) Expect(string id, params string[] sources)
    {
        var marked = Array.FindIndex(sources, s => s.Contains("[|", StringComparison.Ordinal));
        var markup = Markup.Parse(sources[marked]);
        sources = [.. sources];
        sources[marked] = markup.Source;

        var (output, diagnostics, result) = GeneratorHarness.Run("Diagnostics", sources);

        Assert.True(diagnostics.Length == 1, $"Expected one {id}, got:{Environment.NewLine}{string.Join(Environment.NewLine, diagnostics)}");
        var diagnostic = diagnostics[0];
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var lineSpan = diagnostic.Location.GetLineSpan();
        Assert.Equal($"Source{marked}.cs", lineSpan.Path);
        Assert.Equal(markup.LineSpan, lineSpan.Span);
        Assert.Equal(markup.Span, diagnostic.Location.SourceSpan);
        // No cascade: what was generated compiles, and the user's code did not break because of it.
        Assert.Empty(Errors(output));
        return (diagnostic, result);
    }

    /// <summary>Compiler errors of the output compilation: the user's code plus what was generated.</summary>
    private static string[] Errors(Compilation output) =>
        [.. output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString())];

    private static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(CultureInfo.InvariantCulture);

    private static string Start(Diagnostic diagnostic)
    {
        var start = diagnostic.Location.GetLineSpan().StartLinePosition;
        return $"({start.Line + 1},{start.Character + 1})";
    }

    private static ImmutableArray<Diagnostic> RunWith(string source, Dictionary<string, ReportDiagnostic> options)
    {
        var compilation = GeneratorHarness.Compile("Options", source);
        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(options));
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var analyzed = output.WithAnalyzers(GeneratorHarness.Analyzers).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return [.. analyzed, .. diagnostics];
    }

    /// <summary>Diagnostics as reviewable text: ID, severity, where, what is squiggled, the message.</summary>
    private static string Describe(IEnumerable<Diagnostic> diagnostics, Compilation compilation)
    {
        var text = new StringBuilder();
        foreach (var diagnostic in diagnostics
            .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal))
        {
            var span = diagnostic.Location.GetLineSpan();
            var tree = compilation.SyntaxTrees.Single(t => t.FilePath == span.Path);
            var squiggled = tree.GetText().ToString(diagnostic.Location.SourceSpan);
            text.Append(CultureInfo.InvariantCulture,
                $"{diagnostic.Id} {diagnostic.Severity} {span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1}) on {squiggled}\n");
            text.Append(CultureInfo.InvariantCulture, $"    {Message(diagnostic)}\n");
        }
        return text.ToString();
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));

    /// <summary>Reports TST001 at every class name, with a real source location.</summary>
    private sealed class ProbeGenerator : IIncrementalGenerator
    {
#pragma warning disable RS2008 // a test-only probe, not a shipped rule
        private static readonly DiagnosticDescriptor Probe = new("TST001", "Probe", "Probe", "Test", DiagnosticSeverity.Error, isEnabledByDefault: true);
#pragma warning restore RS2008

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var names = context.SyntaxProvider.CreateSyntaxProvider(
                static (node, _) => node is ClassDeclarationSyntax,
                static (syntax, _) => ((ClassDeclarationSyntax)syntax.Node).Identifier.GetLocation());
            context.RegisterSourceOutput(names, static (output, location) => output.ReportDiagnostic(Diagnostic.Create(Probe, location)));
        }
    }
}
