using TypedSockets.Generator.Model;
using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace TypedSockets.Generator.Tests;

/// <summary>
/// The pipeline caches: an unchanged input yields cached output, an unrelated edit regenerates
/// nothing, an edit regenerates only what depends on it, and no step holds a Roslyn object.
/// </summary>
public class IncrementalityTests
{
    private const string Endpoint = """
        using System.Threading.Tasks;
        using TypedSockets;

        namespace Demo;

        [SocketEndpoint("chat")]
        public sealed partial class ChatEndpoint : SocketEndpoint
        {
            [OnEvent]
            public ValueTask Say(Say message, SocketClient sender) => BroadcastFrom(sender, new Said(sender.Id, message.Text));

            [OnEvent]
            public Pong Ping(Ping ping) => new(ping.Seq);
        }
        """;

    private const string Events = """
        using TypedSockets;

        namespace Demo;

        [SocketEvent("say")] public sealed partial record Say(string Text);
        [SocketEvent("said")] public sealed partial record Said(string From, string Text);
        [SocketEvent("ping")] public sealed partial record Ping(int Seq);
        [SocketEvent("pong")] public sealed partial record Pong(int Seq);

        [SocketContract("lobby")]
        [Receives<Ping>(Reply = typeof(Pong))]
        public partial interface ILobbyContract;
        """;

    /// <summary>Every step name the generator tracks, read from its one constants class.</summary>
    private static readonly string[] StepNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    private static readonly IncrementalStepRunReason[] Reused = [IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged];

    [Fact]
    public void The_tracked_steps_are_the_ones_in_TrackingNames()
    {
        var result = RunOnce(GeneratorHarness.Compile("Demo", Sources.Chat));

        Assert.Equal(17, StepNames.Length);
        Assert.All(StepNames, name => Assert.True(result.TrackedSteps.ContainsKey(name), $"step '{name}' did not run"));
    }

    [Fact]
    public void Running_twice_on_the_same_compilation_reuses_every_step()
    {
        var compilation = GeneratorHarness.Compile("Demo", Sources.Chat);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var result = driver.RunGenerators(compilation).GetRunResult().Results[0];

        AssertReused(result, StepNames);
        AssertOutputsCached(result);
    }

    [Fact]
    public void Adding_an_unrelated_file_regenerates_nothing()
    {
        var compilation = GeneratorHarness.Compile("Demo", Endpoint, Events);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = Texts(driver.GetRunResult().Results[0]);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", GeneratorHarness.ParseOptions, path: "Unrelated.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results[0];

        AssertReused(result, StepNames);
        AssertOutputsCached(result);
        Assert.Equal(before, Texts(result));
    }

    [Fact]
    public void Editing_an_unrelated_file_regenerates_nothing()
    {
        var unrelated = CSharpSyntaxTree.ParseText("class Unrelated { }", GeneratorHarness.ParseOptions, path: "Unrelated.cs");
        var compilation = GeneratorHarness.Compile("Demo", Endpoint, Events).AddSyntaxTrees(unrelated);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = Texts(driver.GetRunResult().Results[0]);

        var edited = compilation.ReplaceSyntaxTree(unrelated, unrelated.WithChangedText(SourceText.From("class Unrelated { public int Count { get; set; } }")));
        var result = driver.RunGenerators(edited).GetRunResult().Results[0];

        AssertReused(result, StepNames);
        AssertOutputsCached(result);
        Assert.Equal(before, Texts(result));
    }

    [Fact]
    public void Moving_declarations_down_a_file_reparses_but_keeps_every_model_and_output()
    {
        // Locations move, so the parse results (which carry them for diagnostics) change; the
        // models must not carry positions, so nothing downstream notices.
        var compilation = GeneratorHarness.Compile("Demo", Endpoint, Events);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = Texts(driver.GetRunResult().Results[0]);

        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == "Source1.cs");
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From("// The events of the chat.\n\n" + Events)));
        var result = driver.RunGenerators(edited).GetRunResult().Results[0];

        Assert.Contains(Reasons(result, TrackingNames.EventParse), r => r == IncrementalStepRunReason.Modified);
        // The contract in the moved file carries its position too, for the snapshot check's diagnostics.
        Assert.Contains(Reasons(result, TrackingNames.ContractParse), r => r == IncrementalStepRunReason.Modified);
        AssertReused(result, StepNames.Except([TrackingNames.EventParse, TrackingNames.ContractParse, TrackingNames.ContractFacts]).ToArray());
        AssertOutputsCached(result);
        Assert.Equal(before, Texts(result));
    }

    [Fact]
    public void Changing_an_event_of_a_contract_regenerates_the_json_code_and_the_contract_only()
    {
        var compilation = GeneratorHarness.Compile("Demo", Endpoint, Events);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = Texts(driver.GetRunResult().Results[0]);

        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == "Source1.cs");
        var changed = Events.Replace("Say(string Text)", "Say(string Text, int Priority)", StringComparison.Ordinal);
        var result = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(changed)))).GetRunResult().Results[0];

        // Only Say's model changed...
        var models = result.TrackedSteps[TrackingNames.EventModels].SelectMany(s => s.Outputs).ToList();
        var modified = Assert.Single(models, o => o.Reason != IncrementalStepRunReason.Cached && o.Reason != IncrementalStepRunReason.Unchanged);
        Assert.Equal(IncrementalStepRunReason.Modified, modified.Reason);
        Assert.Equal("Say", ((Model.EventModel)modified.Value).Type.Name);
        // ...so the JSON code changes, and so does the endpoint's contract, which holds Say's shape;
        // what the endpoint's code and the registration say does not.
        Assert.All(Reasons(result, TrackingNames.Shapes), r => Assert.Equal(IncrementalStepRunReason.Modified, r));
        Assert.Contains(Reasons(result, TrackingNames.EndpointParse), r => r == IncrementalStepRunReason.Modified);
        AssertReused(result, [TrackingNames.EventReferences, TrackingNames.AssemblyName, TrackingNames.AssemblyVersion, TrackingNames.Conflicts]);

        var after = Texts(result);
        Assert.Equal(before["TypedSockets.Registration.g.cs"], after["TypedSockets.Registration.g.cs"]);
        Assert.NotEqual(before["TypedSockets.Json.g.cs"], after["TypedSockets.Json.g.cs"]);
        Assert.Contains("priority", after["TypedSockets.Json.g.cs"], StringComparison.Ordinal);
        Assert.Contains("priority", after["TypedSockets.AsyncApi.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_an_endpoint_leaves_every_event_output_cached()
    {
        var compilation = GeneratorHarness.Compile("Demo", Endpoint, Events);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = Texts(driver.GetRunResult().Results[0]);

        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == "Source0.cs");
        var changed = Endpoint.Replace("Ping(Ping ping)", "Ping(Ping ping, SocketClient sender)", StringComparison.Ordinal);
        var result = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(changed)))).GetRunResult().Results[0];

        Assert.All(Reasons(result, TrackingNames.EndpointModels), r => Assert.Equal(IncrementalStepRunReason.Modified, r));
        AssertReused(result, [TrackingNames.EventParse, TrackingNames.EventModels, TrackingNames.EventReferences, TrackingNames.Shapes]);
        AssertOutputsCached(result, from: TrackingNames.EventModels);
        AssertOutputsCached(result, from: TrackingNames.Shapes);

        var after = Texts(result);
        Assert.NotEqual(before["Demo.ChatEndpoint.SocketEndpoint.g.cs"], after["Demo.ChatEndpoint.SocketEndpoint.g.cs"]);
        Assert.All(before.Keys.Where(k => k != "Demo.ChatEndpoint.SocketEndpoint.g.cs"), k => Assert.Equal(before[k], after[k]));
    }

    [Fact]
    public void Adding_an_unrelated_event_leaves_every_endpoint_output_unchanged()
    {
        var compilation = GeneratorHarness.Compile("Demo", Endpoint, Events);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = Texts(driver.GetRunResult().Results[0]);

        var added = CSharpSyntaxTree.ParseText(
            """
            using TypedSockets;

            namespace Demo;

            [SocketEvent("typing")] public sealed partial record Typing(string From);
            """,
            GeneratorHarness.ParseOptions,
            path: "Source2.cs");
        var result = driver.RunGenerators(compilation.AddSyntaxTrees(added)).GetRunResult().Results[0];

        // The endpoint's own steps are reused, and so is its source: it lists only its handlers.
        AssertReused(result, [TrackingNames.EndpointParse, TrackingNames.EndpointModels, TrackingNames.AllEndpoints]);
        AssertOutputsCached(result, from: TrackingNames.EndpointModels);
        AssertOutputsCached(result, from: TrackingNames.AllEndpoints);
        var after = Texts(result);
        Assert.Equal(before["Demo.ChatEndpoint.SocketEndpoint.g.cs"], after["Demo.ChatEndpoint.SocketEndpoint.g.cs"]);
        Assert.Equal(before["TypedSockets.Registration.g.cs"], after["TypedSockets.Registration.g.cs"]);
        // The new event gets its own file, and the assembly's JSON code and registration take it in.
        Assert.Contains("Demo.Typing.SocketEvent.g.cs", after.Keys);
        Assert.Contains("Register<global::Demo.Typing>()", after["TypedSockets.Json.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void Cancellation_is_honoured()
    {
        var compilation = GeneratorHarness.Compile("Demo", Sources.Chat);

        Assert.ThrowsAny<OperationCanceledException>(() =>
            GeneratorHarness.CreateDriver().RunGenerators(compilation, new CancellationToken(canceled: true)));
    }

    // ---- No Roslyn objects in the pipeline --------------------------------------------------

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void No_step_holds_a_symbol_node_compilation_or_location(bool withDiagnostics)
    {
        var sources = withDiagnostics
            ? new[]
            {
                Sources.Chat,
                """
                using TypedSockets;

                [SocketEndpoint("chat")] public sealed partial class Again : SocketEndpoint { [OnEvent] public void Run(int seq) { } }
                [SocketEvent("data")] public sealed partial record Data(object Payload);
                [SocketEvent("say")] public sealed partial record SayAgain(string Text);
                """,
            }
            : [Sources.Chat];
        var compilation = GeneratorHarness.Compile("Demo", sources);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var result = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", GeneratorHarness.ParseOptions))).GetRunResult().Results[0];

        var walked = 0;
        foreach (var name in StepNames)
        {
            foreach (var step in result.TrackedSteps[name])
            {
                foreach (var (value, _) in step.Outputs)
                {
                    walked += ModelWalker.Check(value, name);
                }
            }
        }
        // What the source outputs consume, Combine tuples included. The diagnostics output alone
        // pairs its (checked) diagnostics with the compilation, only to find each one's syntax tree.
        foreach (var step in result.TrackedOutputSteps.SelectMany(s => s.Value))
        {
            foreach (var (source, index) in step.Inputs)
            {
                var value = source.Outputs[index].Value;
                if (value is ValueTuple<EquatableArray<DiagnosticInfo>, Compilation> reported)
                {
                    value = reported.Item1;
                }
                walked += ModelWalker.Check(value, "input of " + (source.Name ?? "an unnamed step"));
            }
        }

        Assert.True(walked > 100, $"only {walked} values were walked");
        if (withDiagnostics)
        {
            Assert.NotEmpty(driver.GetRunResult().Diagnostics);
        }
    }

    [Fact]
    public void The_model_walker_rejects_roslyn_objects_and_immutable_arrays()
    {
        var compilation = GeneratorHarness.Compile("Demo", "class C { }");
        var tree = compilation.SyntaxTrees.Single();
        var symbol = compilation.GetTypeByMetadataName("C")!;

        Assert.ThrowsAny<Exception>(() => ModelWalker.Check(symbol, "test"));
        Assert.ThrowsAny<Exception>(() => ModelWalker.Check(tree.GetRoot(), "test"));
        Assert.ThrowsAny<Exception>(() => ModelWalker.Check(compilation, "test"));
        Assert.ThrowsAny<Exception>(() => ModelWalker.Check(compilation.GetSemanticModel(tree), "test"));
        Assert.ThrowsAny<Exception>(() => ModelWalker.Check(Location.None, "test"));
        Assert.ThrowsAny<Exception>(() => ModelWalker.Check(ImmutableArray.Create("a"), "test"));
        Assert.ThrowsAny<Exception>(() => ModelWalker.Check((symbol, "a"), "test"));
        Assert.ThrowsAny<Exception>(() => ModelWalker.Check(new List<string> { "a" }, "test"));
        Assert.Equal(4, ModelWalker.Check(("a", new TextSpan(1, 2), (int?)3), "test"));
    }

    // ---- Helpers ------------------------------------------------------------------------------

    private static GeneratorRunResult RunOnce(Compilation compilation) =>
        GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult().Results[0];

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);

    private static void AssertReused(GeneratorRunResult result, string[] steps)
    {
        foreach (var name in steps)
        {
            Assert.True(result.TrackedSteps.TryGetValue(name, out var runs), $"step '{name}' did not run");
            foreach (var output in runs.SelectMany(s => s.Outputs))
            {
                Assert.True(Reused.Contains(output.Reason), $"step '{name}' output {output.Value} was {output.Reason}");
            }
        }
    }

    /// <summary>Every source output (or those fed by step <paramref name="from"/>) was cached.</summary>
    private static void AssertOutputsCached(GeneratorRunResult result, string? from = null)
    {
        var steps = result.TrackedOutputSteps.SelectMany(s => s.Value)
            .Where(s => from is null || FedBy(s).Contains(from))
            .ToList();
        Assert.NotEmpty(steps);
        foreach (var step in steps)
        {
            if (FedBy(step).Contains(TrackingNames.Diagnostics))
            {
                // The diagnostics output also reads the compilation, only to attach each diagnostic to
                // its real syntax tree (so #pragma works); it re-runs on any edit, reporting the same.
                Assert.All(step.Outputs, o => Assert.Contains(o.Reason, Reused));
                continue;
            }
            Assert.All(step.Outputs, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        }
    }

    /// <summary>The named steps an output step is fed by, through unnamed ones such as Combine.</summary>
    private static HashSet<string> FedBy(IncrementalGeneratorRunStep step)
    {
        var names = new HashSet<string>();
        var pending = new Stack<IncrementalGeneratorRunStep>(step.Inputs.Select(i => i.Source));
        while (pending.TryPop(out var current))
        {
            if (current.Name is { } name && StepNames.Contains(name))
            {
                names.Add(name);
                continue;
            }
            foreach (var (source, _) in current.Inputs)
            {
                pending.Push(source);
            }
        }
        return names;
    }

    private static Dictionary<string, string> Texts(GeneratorRunResult result) =>
        result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>
    /// Walks a pipeline value and fails on anything outside an allowlist of plain types: the
    /// generator's own model records, its value-equal array, tuples, strings, primitives, enums
    /// and Roslyn's plain text positions. Returns how many values it walked.
    /// </summary>
    private static class ModelWalker
    {
        private static readonly Assembly Generator = typeof(TypedSocketsGenerator).Assembly;

        private static readonly HashSet<Type> PlainStructs =
        [
            typeof(TextSpan),
            typeof(LinePosition),
            typeof(LinePositionSpan),
        ];

        public static int Check(object? value, string path)
        {
            var walked = 0;
            Walk(value, path, new HashSet<object>(ReferenceEqualityComparer.Instance), ref walked);
            return walked;
        }

        private static void Walk(object? value, string path, HashSet<object> seen, ref int walked)
        {
            walked++;
            if (value is null)
            {
                return;
            }
            var type = value.GetType();
            if (type.IsPrimitive || type.IsEnum || value is string or decimal || PlainStructs.Contains(type))
            {
                return;
            }
            if (!type.IsValueType && !seen.Add(value))
            {
                return;
            }
            if (type.IsArray)
            {
                var index = 0;
                foreach (var item in (IEnumerable)value)
                {
                    Walk(item, $"{path}[{index++}]", seen, ref walked);
                }
                return;
            }
            if (type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal))
            {
                WalkFields(value, type, path, seen, ref walked);
                return;
            }
            if (type.Assembly == Generator)
            {
                Assert.True(
                    typeof(IEquatable<>).MakeGenericType(type).IsAssignableFrom(type),
                    $"{path}: {type} is not value-equatable");
                WalkFields(value, type, path, seen, ref walked);
                return;
            }
            Assert.Fail($"{path}: {type} is not a plain model type (a Roslyn object, an ImmutableArray or a mutable collection breaks caching)");
        }

        private static void WalkFields(object value, Type type, string path, HashSet<object> seen, ref int walked)
        {
            for (var current = type; current is not null && current != typeof(object) && current != typeof(ValueType); current = current.BaseType)
            {
                foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    Walk(field.GetValue(value), $"{path}.{field.Name}", seen, ref walked);
                }
            }
        }
    }
}
