using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using TypedSockets.Generator.Diagnostics;

namespace TypedSockets.CodeFixes.Tests;

/// <summary>A code-fix test of a fix for a diagnostic of <see cref="UsageAnalyzer"/>.</summary>
internal sealed class FixTest<TCodeFix> : FixTest<UsageAnalyzer, TCodeFix>
    where TCodeFix : CodeFixProvider, new()
{
    public FixTest(string source, string fixedSource)
        : base(source, fixedSource)
    {
    }

    public static Task VerifyAsync(string source, string fixedSource) => new FixTest<TCodeFix>(source, fixedSource).RunAsync();
}

/// <summary>
/// A Roslyn code-fix test: <typeparamref name="TAnalyzer"/> must report exactly the diagnostics
/// marked in the source (<c>{|TSK001:Name|}</c>), and <typeparamref name="TCodeFix"/>, applied one
/// at a time and as Fix All in the document, project and solution, must turn it into the fixed
/// source with nothing left to report.
/// </summary>
internal class FixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public FixTest(string source, string fixedSource)
    {
        TestCode = source;
        FixedCode = fixedSource;
        ReferenceAssemblies = TestReferences.None;
        TestState.AdditionalReferences.AddRange(TestReferences.Local);
    }

    /// <summary>Runs the test with one more source file, for types declared across files.</summary>
    public FixTest<TAnalyzer, TCodeFix> WithFile(string name, string source, string fixedSource)
    {
        TestState.Sources.Add((name, source));
        FixedState.Sources.Add((name, fixedSource));
        return this;
    }
}

/// <summary>
/// What the test sources compile against, taken from this machine so that nothing is downloaded
/// at test time: the shared frameworks this test runs on (Microsoft.NETCore.App and, through the
/// runtime's framework reference, Microsoft.AspNetCore.App) and TypedSockets itself.
/// </summary>
internal static class TestReferences
{
    /// <summary>
    /// A target framework with no reference package, so it resolves to nothing. One instance for
    /// every test: it caches what it resolved, and resolving takes a machine-wide file lock that
    /// parallel tests would otherwise queue on.
    /// </summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");

    public static ImmutableArray<MetadataReference> Local => LocalReferences.Value;

    private static readonly Lazy<ImmutableArray<MetadataReference>> LocalReferences = new(() =>
    {
        var sharedFrameworks = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", ".."));
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return
        [
            .. platform
                .Where(path => path.StartsWith(sharedFrameworks, StringComparison.Ordinal))
                .Select(path => MetadataReference.CreateFromFile(path)),
            MetadataReference.CreateFromFile(typeof(SocketClient).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(ISocketEvent<>).Assembly.Location),
        ];
    });
}
