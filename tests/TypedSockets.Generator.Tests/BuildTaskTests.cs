using System.Collections;
using Microsoft.Build.Framework;
using TypedSockets.Build;

namespace TypedSockets.Generator.Tests;

/// <summary>
/// The MSBuild task that writes the TypeScript client package: on an assembly the generator
/// built (emitted to disk, read through metadata as in a real build), with a fake build engine.
/// </summary>
public sealed class BuildTaskTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("typedsockets-task-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void It_writes_every_file_of_the_package_and_reports_them()
    {
        var assembly = Emit("Demo", Sources.Chat);
        var output = Path.Combine(_folder, "client");

        var (task, engine) = Run(assembly, output);

        Assert.True(task.Succeeded);
        Assert.Empty(engine.Errors);
        var expected = TypeScriptTests.Package("Demo", Sources.Chat);
        foreach (var (path, text) in expected)
        {
            Assert.Equal(text, File.ReadAllText(Path.Combine(output, path)));
        }
        Assert.Equal(expected.Keys.Select(k => Path.Combine(output, k)).Order(), task.Files.Select(f => f.ItemSpec).Order());
    }

    [Fact]
    public void A_file_that_did_not_change_is_left_alone_and_a_stale_one_is_deleted_but_never_a_foreign_one()
    {
        var output = Path.Combine(_folder, "client");
        Run(Emit("Demo", Sources.Chat), output);
        var runtime = Path.Combine(output, "runtime.js");
        var old = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(runtime, old);
        File.WriteAllText(Path.Combine(output, "mine.ts"), "// the app's own file");

        // The endpoint is renamed: chat.* goes, lobby.* comes, the runtime stays as it was.
        var (_, engine) = Run(Emit("Demo", Sources.Chat.Replace("[SocketEndpoint(\"chat\")]", "[SocketEndpoint(\"lobby\")]", StringComparison.Ordinal)), output);

        Assert.Empty(engine.Errors);
        Assert.Equal(old, File.GetLastWriteTimeUtc(runtime));
        Assert.False(File.Exists(Path.Combine(output, "chat.js")));
        Assert.True(File.Exists(Path.Combine(output, "lobby.js")));
        Assert.True(File.Exists(Path.Combine(output, "mine.ts")));
    }

    [Fact]
    public void An_assembly_that_no_longer_has_endpoints_takes_its_files_away()
    {
        var output = Path.Combine(_folder, "client");
        Run(Emit("Demo", Sources.Chat), output);

        var (task, engine) = Run(Emit("Demo", "namespace Demo; public sealed class Nothing;"), output);

        Assert.Empty(engine.Errors);
        Assert.Empty(task.Files);
        Assert.Empty(Directory.GetFiles(output));
    }

    [Fact]
    public void A_file_of_the_apps_own_in_the_way_is_a_build_error_and_stays_as_it_was()
    {
        var output = Directory.CreateDirectory(Path.Combine(_folder, "web")).FullName;
        var mine = Path.Combine(output, "index.js");
        File.WriteAllText(mine, "export const mine = 1;\n");

        var (task, engine) = Run(Emit("Demo", Sources.Chat), output);

        Assert.False(task.Succeeded);
        Assert.Equal("TSKB005", Assert.Single(engine.Errors).Code);
        Assert.Equal("export const mine = 1;\n", File.ReadAllText(mine));
        Assert.False(File.Exists(Path.Combine(output, "chat.js")));
    }

    [Fact]
    public void A_package_written_before_is_rewritten_even_without_its_list()
    {
        var output = Path.Combine(_folder, "client");
        Run(Emit("Demo", Sources.Chat), output);
        File.Delete(Path.Combine(output, ".typedsockets-files"));

        var (task, engine) = Run(Emit("Demo", Sources.Chat), output);

        Assert.True(task.Succeeded, string.Join("; ", engine.Errors.Select(e => e.Message)));
    }

    [Fact]
    public void An_unreadable_assembly_is_a_build_error_not_an_empty_package()
    {
        var broken = Path.Combine(_folder, "Broken.dll");
        File.WriteAllText(broken, "not an assembly");

        var (task, engine) = Run(broken, Path.Combine(_folder, "client"));

        Assert.False(task.Succeeded);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("TSKB002", error.Code);
        Assert.Contains("Broken.dll", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_AsyncAPI_task_reads_the_same_assembly()
    {
        var assembly = Emit("Demo", Sources.Chat);
        var engine = new Engine();
        var path = Path.Combine(_folder, "asyncapi.json");
        var task = new WriteAsyncApiDocument { BuildEngine = engine, AssemblyPath = assembly, OutputPath = path };

        Assert.True(task.Execute());
        Assert.Contains("\"asyncapi\": \"3.0.0\"", File.ReadAllText(path), StringComparison.Ordinal);
    }

    private string Emit(string assemblyName, string source)
    {
        var (output, _, _) = GeneratorHarness.Run(assemblyName, source);
        var path = Path.Combine(_folder, $"{assemblyName}-{Guid.NewGuid():N}.dll");
        using (var file = File.Create(path))
        {
            var emit = output.Emit(file);
            Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        }
        return path;
    }


    private static (Outcome Task, Engine Engine) Run(string assembly, string output)
    {
        var engine = new Engine();
        var task = new WriteTypeScriptClient { BuildEngine = engine, AssemblyPath = assembly, OutputDirectory = output };
        var succeeded = task.Execute();
        return (new Outcome(succeeded, task.Files), engine);
    }

    private sealed record Outcome(bool Succeeded, ITaskItem[] Files);

    /// <summary>Collects what a task logs.</summary>
    private sealed class Engine : IBuildEngine
    {
        public List<BuildErrorEventArgs> Errors { get; } = [];

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => "test.csproj";

        public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

        public void LogWarningEvent(BuildWarningEventArgs e) => throw new InvalidOperationException("unexpected warning: " + e.Message);

        public void LogMessageEvent(BuildMessageEventArgs e)
        {
        }

        public void LogCustomEvent(CustomBuildEventArgs e)
        {
        }

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;
    }
}
