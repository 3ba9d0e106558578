using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace TypedSockets.Generator.Tests;

/// <summary>
/// Compares text with a checked-in <c>Snapshots/{name}.verified.{ext}</c>. On a mismatch it writes
/// <c>{name}.received.{ext}</c> beside it and fails; set <c>TYPEDSOCKETS_ACCEPT_SNAPSHOTS=1</c> to
/// accept the received text instead. Generator versions are scrubbed so a release does not churn them.
/// </summary>
internal static partial class Snapshot
{
    public static void Match(string actual, string name, string extension = "cs", [CallerFilePath] string callerPath = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        Directory.CreateDirectory(folder);
        var verified = Path.Combine(folder, $"{name}.verified.{extension}");
        var received = Path.Combine(folder, $"{name}.received.{extension}");
        var text = Scrub(actual);
        if (Environment.GetEnvironmentVariable("TYPEDSOCKETS_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, text);
            File.Delete(received);
            return;
        }
        var expected = File.Exists(verified) ? File.ReadAllText(verified).ReplaceLineEndings("\n") : null;
        if (expected == text)
        {
            File.Delete(received);
            return;
        }
        File.WriteAllText(received, text);
        Assert.Fail(expected is null
            ? $"No snapshot {verified} yet; review {received} and rename it (or run with TYPEDSOCKETS_ACCEPT_SNAPSHOTS=1)."
            : $"Snapshot {name} differs; compare {received} with {verified}.");
    }

    private static string Scrub(string text) =>
        VersionPattern().Replace(text.ReplaceLineEndings("\n"), "\"TypedSockets.Generator\", \"{version}\"");

    [GeneratedRegex("\"TypedSockets\\.Generator\", \"[^\"]+\"")]
    private static partial Regex VersionPattern();
}
