using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace TypedSockets.Generator.Tests;

/// <summary>
/// The contract snapshot (<c>SocketContracts.Shipped.txt</c>): every change that breaks clients
/// built on it is TSK027 at the declaration that made it, every compatible one TSK028, both with the
/// new snapshot for the code fix; no file, no checks; the samples build clean against theirs.
/// </summary>
public class ContractSnapshotTests
{
    private const string Contract = """
        using TypedSockets;

        namespace Shared;

        [SocketContract("chat")]
        [Receives<Say>, Receives<Ping>(Reply = typeof(Pong))]
        [Sends<Said>, Sends<Joined>]
        public partial interface IChatContract;

        [SocketEvent("say")] public sealed partial record Say(string Text, string? Room = null);
        [SocketEvent("said")] public sealed partial record Said(string From, string Text);
        [SocketEvent("joined")] public sealed partial record Joined(string Id);
        [SocketEvent("ping")] public sealed partial record Ping(int Seq);
        [SocketEvent("pong")] public sealed partial record Pong(int Seq);
        [SocketEvent("left")] public sealed partial record Left(string Id);
        """;

    [Fact]
    public void The_snapshot_lists_each_endpoint_event_and_property()
    {
        var snapshot = SnapshotOf(Contract);

        Assert.Equal(
            """
            chat /ws/chat
            chat in ping -> pong
            chat in ping .seq int32 required
            chat in say
            chat in say .room string nullable
            chat in say .text string required
            chat out joined
            chat out joined .id string required
            chat out pong
            chat out pong .seq int32 required
            chat out said
            chat out said .from string required
            chat out said .text string required

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            string.Join("\n", snapshot.Split('\n').Where(l => !l.StartsWith('#'))));
    }

    [Fact]
    public void Without_a_snapshot_file_nothing_is_checked()
    {
        var diagnostics = Run(snapshot: null, Contract.Replace("[Sends<Said>, Sends<Joined>]", "[Sends<Joined>]", StringComparison.Ordinal));

        Assert.DoesNotContain(diagnostics, d => d.Id is "TSK027" or "TSK028");
    }

    [Fact]
    public void A_current_snapshot_reports_nothing()
    {
        Assert.Empty(Run(SnapshotOf(Contract), Contract));
    }

    [Fact]
    public void An_empty_snapshot_reports_each_endpoint_as_new_with_the_whole_snapshot_to_write()
    {
        var diagnostic = Assert.Single(Run("# to be filled\n", Contract));

        Assert.Equal("TSK028", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Equal("The contract changed compatibly: endpoint 'chat' is new; record it in SocketContracts.Shipped.txt (code fix)", Message(diagnostic));
        Assert.Equal(SnapshotOf(Contract), diagnostic.Properties["Snapshot"]);
        Assert.Equal("\"chat\"", Text(diagnostic));
    }

    [Theory]
    [InlineData("an event removed", "[Sends<Said>, Sends<Joined>]", "[Sends<Joined>]",
        "'chat' no longer sends 'said'", "\"chat\"")]
    [InlineData("an event renamed", "[SocketEvent(\"said\")]", "[SocketEvent(\"spoken\")]",
        "'chat' no longer sends 'said'", "\"chat\"")]
    [InlineData("a property removed", "Said(string From, string Text)", "Said(string From)",
        "'said' no longer has the property $.text", "Said")]
    [InlineData("a property renamed", "Said(string From, string Text)", "Said(string From, string Body)",
        "'said' no longer has the property $.text", "Said")]
    [InlineData("a property's JSON type changed", "Ping(int Seq)", "Ping(string Seq)",
        "'ping' $.seq changed from int32 to string", "Seq")]
    [InlineData("an inbound property made required", "string? Room = null", "[property: System.Text.Json.Serialization.JsonRequired] string? Room = null",
        "'say' $.room is now required, and clients built on the snapshot may leave it out", "Room")]
    [InlineData("an inbound property that no longer takes null", "string? Room = null", "string Room = \"lobby\"",
        "'say' $.room no longer takes null, and clients built on the snapshot may send it", "Room")]
    [InlineData("an outbound property made nullable", "Joined(string Id)", "Joined(string? Id)",
        "'joined' $.id may now be null, which clients built on the snapshot do not expect", "Id")]
    [InlineData("a reply changed", "Receives<Ping>(Reply = typeof(Pong))", "Receives<Ping>",
        "'chat' answers 'ping' with nothing instead of 'pong'", "Ping")]
    [InlineData("a new required inbound property", "Ping(int Seq)", "Ping(int Seq, int Priority)",
        "'ping' has a new required property $.priority, which clients built on the snapshot do not send", "Priority")]
    [InlineData("the path", "[SocketContract(\"chat\")]", "[SocketContract(\"chat\", Path = \"/chat\")]",
        "endpoint 'chat' moved from '/ws/chat' to '/chat'", "\"chat\"")]
    public void A_breaking_change_is_an_error_at_the_declaration_that_made_it(string what, string from, string to, string message, string at)
    {
        var changed = Contract.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Contract, changed);

        var breaking = Run(SnapshotOf(Contract), changed).Where(d => d.Id == "TSK027").ToList();

        // One change may break more than one fact (a reply dropped is also an event no longer sent).
        var expected = $"The contract change breaks clients built on SocketContracts.Shipped.txt: {message}. Undo it, or record it in the snapshot (code fix) if the break is intended.";
        var diagnostic = Assert.Single(breaking, d => Message(d) == expected);
        Assert.All(breaking, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.True(at == Text(diagnostic), $"{what}: reported at '{Text(diagnostic)}', expected '{at}'");
        Assert.Equal(SnapshotOf(changed), diagnostic.Properties["Snapshot"]);
    }

    [Theory]
    [InlineData("a new event", "[Sends<Said>, Sends<Joined>]", "[Sends<Said>, Sends<Joined>, Sends<Left>]", "'chat' now sends 'left'")]
    [InlineData("a new optional inbound property", "Ping(int Seq)", "Ping(int Seq, int? Priority = null)", "'ping' has a new property $.priority")]
    [InlineData("a new outbound property", "Joined(string Id)", "Joined(string Id, int Online)", "'joined' has a new property $.online")]
    [InlineData("an inbound property that now takes null", "Say(string Text,", "Say(string? Text,", "'say' $.text changed from string required to string required nullable")]
    public void A_compatible_change_is_information_with_the_snapshot_to_write(string what, string from, string to, string message)
    {
        var changed = Contract.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Contract, changed);

        var diagnostics = Run(SnapshotOf(Contract), changed);

        var diagnostic = Assert.Single(diagnostics);
        Assert.True("TSK028" == diagnostic.Id, what);
        Assert.Equal($"The contract changed compatibly: {message}; record it in SocketContracts.Shipped.txt (code fix)", Message(diagnostic));
        Assert.Equal(SnapshotOf(changed), diagnostic.Properties["Snapshot"]);
    }

    [Theory]
    [InlineData("Chat")]
    [InlineData("Ticker")]
    public void Each_sample_builds_clean_against_its_snapshot(string sample)
    {
        var (sources, snapshotPath) = Sample(sample);
        var current = File.Exists(snapshotPath) ? File.ReadAllText(snapshotPath) : null;
        var expected = SnapshotOfSources(sources);
        if (Environment.GetEnvironmentVariable("TYPEDSOCKETS_ACCEPT_SNAPSHOTS") == "1" && current != expected)
        {
            File.WriteAllText(snapshotPath, expected);
            current = expected;
        }

        Assert.NotNull(current);
        Assert.Empty(RunSources(current, sources).Where(d => d.Id is "TSK027" or "TSK028"));
    }

    [Fact]
    public void Changing_a_Chat_event_in_a_copy_reports_exactly_what_breaks_and_what_does_not()
    {
        var (sources, snapshotPath) = Sample("Chat");
        var events = sources.FindIndex(s => s.Path.EndsWith("Events.cs", StringComparison.Ordinal));
        var text = sources[events].Text;
        var copy = sources.ToList();
        copy[events] = (sources[events].Path, text
            .Replace("record Said(string From, string Text)", "record Said(string From, string Body)", StringComparison.Ordinal)
            .Replace("record Ping(int Seq)", "record Ping(long Seq)", StringComparison.Ordinal)
            .Replace("record Welcome(string Id, int Online)", "record Welcome(string Id, int Online, string? Motd = null)", StringComparison.Ordinal));
        Assert.NotEqual(text, copy[events].Text);

        var found = RunSources(File.ReadAllText(snapshotPath), copy)
            .Where(d => d.Id is "TSK027" or "TSK028")
            .Select(d => $"{d.Id} {Path.GetFileName(d.Location.SourceTree?.FilePath)}({d.Location.GetLineSpan().StartLinePosition.Line + 1}) {Message(d)}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            new[]
            {
                "TSK027 Events.cs(" + Line(copy[events].Text, "record Ping(") + ") The contract change breaks clients built on SocketContracts.Shipped.txt: 'ping' $.seq changed from int32 to int64. Undo it, or record it in the snapshot (code fix) if the break is intended.",
                "TSK027 Events.cs(" + Line(copy[events].Text, "record Said(") + ") The contract change breaks clients built on SocketContracts.Shipped.txt: 'said' no longer has the property $.text. Undo it, or record it in the snapshot (code fix) if the break is intended.",
                "TSK028 Events.cs(" + Line(copy[events].Text, "record Said(") + ") The contract changed compatibly: 'said' has a new property $.body; record it in SocketContracts.Shipped.txt (code fix)",
                "TSK028 Events.cs(" + Line(copy[events].Text, "record Welcome(") + ") The contract changed compatibly: 'welcome' has a new property $.motd; record it in SocketContracts.Shipped.txt (code fix)",
            }.Order(StringComparer.Ordinal),
            found);
    }

    [Fact]
    public void A_reply_dropped_also_reports_the_event_no_longer_sent()
    {
        var changed = Contract.Replace("Receives<Ping>(Reply = typeof(Pong))", "Receives<Ping>", StringComparison.Ordinal);

        Assert.Equal(
            ["'chat' answers 'ping' with nothing instead of 'pong'", "'chat' no longer sends 'pong'"],
            Run(SnapshotOf(Contract), changed).Select(d => Message(d).Split(": ", 2)[1].Split(". Undo", 2)[0]).Order(StringComparer.Ordinal));
    }

    // ---- Helpers ---------------------------------------------------------------------------------

    private static string SnapshotOf(string source) => SnapshotOfSources([("Source0.cs", source)]);

    /// <summary>The snapshot the generator would write: taken from an empty snapshot's TSK028.</summary>
    private static string SnapshotOfSources(List<(string Path, string Text)> sources) =>
        RunSources("", sources).First(d => d.Id == "TSK028").Properties["Snapshot"]!;

    private static ImmutableArray<Diagnostic> Run(string? snapshot, string source) => RunSources(snapshot, [("Source0.cs", source)]);

    private static ImmutableArray<Diagnostic> RunSources(string? snapshot, List<(string Path, string Text)> sources)
    {
        var compilation = CSharpCompilation.Create(
            "Snapshot",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, GeneratorHarness.ParseOptions, path: s.Path)),
            GeneratorHarness.Compile("References").References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = GeneratorHarness.CreateDriver();
        if (snapshot is not null)
        {
            driver = driver.AddAdditionalTexts([new InMemoryText("/project/SocketContracts.Shipped.txt", snapshot)]);
        }
        driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
        return diagnostics;
    }

    /// <summary>A sample's sources (with the implicit usings of a web project) and its snapshot file.</summary>
    private static (List<(string Path, string Text)> Sources, string SnapshotPath) Sample(string name)
    {
        var directory = Path.Combine(RepositoryRoot(), "samples", name);
        // A sample's shared contracts library (samples/Chat.Contracts) compiles along with it here.
        var contracts = directory + ".Contracts";
        var sources = Directory.GetFiles(directory, "*.cs")
            .Concat(Directory.Exists(contracts) ? Directory.GetFiles(contracts, "*.cs") : [])
            .Order(StringComparer.Ordinal)
            .Select(path => (Path: path, Text: File.ReadAllText(path)))
            .ToList();
        sources.Add(("Usings.cs", """
            global using System;
            global using System.Collections.Generic;
            global using System.Linq;
            global using System.Threading;
            global using System.Threading.Tasks;
            global using Microsoft.AspNetCore.Builder;
            global using Microsoft.AspNetCore.Hosting;
            global using Microsoft.AspNetCore.Http;
            global using Microsoft.AspNetCore.Routing;
            global using Microsoft.Extensions.Configuration;
            global using Microsoft.Extensions.DependencyInjection;
            global using Microsoft.Extensions.Hosting;
            global using Microsoft.Extensions.Logging;
            """));
        return (sources, Path.Combine(directory, "SocketContracts.Shipped.txt"));
    }

    private static int Line(string text, string marker) => text[..text.IndexOf(marker, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    private static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(CultureInfo.InvariantCulture);

    private static string Text(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree is { } tree ? tree.GetText().ToString(diagnostic.Location.SourceSpan) : "(no location)";

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
