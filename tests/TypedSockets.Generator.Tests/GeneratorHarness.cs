using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TypedSockets.Generator.Tests;

/// <summary>Compiles C# with the TypedSockets runtime referenced and runs the generator over it.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return
        [
            .. paths.Where(p => !p.Contains("TypedSockets", StringComparison.Ordinal)).Select(p => MetadataReference.CreateFromFile(p)),
            MetadataReference.CreateFromFile(typeof(SocketClient).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(ISocketEvent<>).Assembly.Location),
        ];
    });

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>The analyzers that ship beside the generator; a build runs them together.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } =
    [
        new TypedSockets.Generator.Diagnostics.UsageAnalyzer(),
        new TypedSockets.Generator.Diagnostics.EventTypeArgumentAnalyzer(),
        new TypedSockets.Generator.Diagnostics.ContractUsageAnalyzer(),
    ];

    public static CSharpCompilation Compile(string assemblyName, params string[] sources) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new TypedSocketsGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns the output compilation, the generator's diagnostics and its run result.</summary>
    public static (Compilation Output, ImmutableArray<Diagnostic> Diagnostics, GeneratorDriverRunResult Result) Run(
        string assemblyName, params string[] sources)
    {
        var compilation = Compile(assemblyName, sources);
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        // The user-code checks live in the analyzers; a build runs them with the generator, and so do these tests.
        var analyzed = output.WithAnalyzers(Analyzers).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return (output, [.. analyzed.Where(d => !d.IsSuppressed), .. diagnostics], driver.GetRunResult());
    }

    /// <summary>Errors and warnings of a compilation, as readable lines.</summary>
    public static string[] Problems(Compilation compilation) =>
        compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToArray();

    /// <summary>Emits the compilation to an image, to reference as another project references a built library.</summary>
    public static MetadataReference EmitReference(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    /// <summary>Emits the compilation and loads it, so generated code can be run.</summary>
    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        return Assembly.Load(stream.ToArray());
    }
}
