using System.Globalization;
using System.Text;

namespace AotCompare;

/// <summary>Everything measured for one app.</summary>
internal sealed record AppResults(string Name, Sizes Sizes, IReadOnlyList<TimeSpan> Startups, IReadOnlyList<MemorySample> Memory)
{
    public double StartupMilliseconds => Median(Startups.Select(startup => startup.TotalMilliseconds));

    // On a busy machine the fastest start is the one least disturbed by everything else.
    public double FastestStartupMilliseconds => Startups.Min(startup => startup.TotalMilliseconds);

    public double IdleBytes => Median(Memory.Select(sample => (double)sample.IdleBytes));

    public double LoadedBytes => Median(Memory.Select(sample => (double)sample.LoadedBytes));

    public double BytesPerConnection => Median(Memory.Select(sample => sample.BytesPerConnection));

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

/// <summary>The markdown the run prints: the table, then the raw numbers behind it.</summary>
internal static class Report
{
    private const double MiB = 1024 * 1024;
    private const double KiB = 1024;

    public static string Write(AppResults typedSockets, AppResults signalR, CompareOptions options, string machine, string command)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"| Native AOT, linux-x64 | {typedSockets.Name} | {signalR.Name} | {typedSockets.Name} / {signalR.Name} |"));
        text.AppendLine("|---|---:|---:|---:|");
        Row(text, "Binary size (MiB)", typedSockets.Sizes.ExecutableBytes / MiB, signalR.Sizes.ExecutableBytes / MiB, "F1");
        Row(text, "Publish folder without .dbg/.pdb/.xml (MiB)", typedSockets.Sizes.FolderBytes / MiB, signalR.Sizes.FolderBytes / MiB, "F1");
        Row(text, Invariant($"Start → first connection (ms, median of {options.StartupRuns})"), typedSockets.StartupMilliseconds, signalR.StartupMilliseconds, "F0");
        Row(text, Invariant($"Start → first connection (ms, fastest of {options.StartupRuns})"), typedSockets.FastestStartupMilliseconds, signalR.FastestStartupMilliseconds, "F0");
        Row(text, "RSS idle (MiB)", typedSockets.IdleBytes / MiB, signalR.IdleBytes / MiB, "F1");
        Row(text, Invariant($"RSS with {options.Connections:N0} connections (MiB)"), typedSockets.LoadedBytes / MiB, signalR.LoadedBytes / MiB, "F1");
        Row(text, "Per connection (KiB)", typedSockets.BytesPerConnection / KiB, signalR.BytesPerConnection / KiB, "F1");
        text.AppendLine();
        text.AppendLine(Invariant($"Memory rows: median of {options.MemoryRuns} starts per app; VmRSS read {options.Settle.TotalSeconds:F0} s after the last connection got its welcome."));
        text.AppendLine();
        text.AppendLine("Machine: " + machine);
        text.AppendLine();
        text.AppendLine("Command: `" + command + "`");
        text.AppendLine();
        text.AppendLine("Raw numbers:");
        text.AppendLine();
        foreach (var app in new[] { typedSockets, signalR })
        {
            text.AppendLine(Invariant($"- {app.Name}: executable {app.Sizes.ExecutableBytes:N0} bytes, folder {app.Sizes.FolderBytes:N0} bytes"));
            text.AppendLine("  - start → first connection (ms): " + string.Join(", ", app.Startups.Select(s => s.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture))));
            foreach (var sample in app.Memory)
            {
                text.Append(Invariant($"  - RSS idle {sample.IdleBytes / MiB:F1} MiB, with connections {sample.LoadedBytes / MiB:F1} MiB, "))
                    .Append(Invariant($"{sample.BytesPerConnection / KiB:F1} KiB each; "))
                    .AppendLine(Invariant($"{sample.OpenAtReading:N0}/{sample.Connections:N0} open at the reading, opened in {sample.OpeningTime.TotalSeconds:F1} s"));
            }
        }
        return text.ToString();
    }

    private static void Row(StringBuilder text, string label, double typedSockets, double signalR, string format) =>
        text.AppendLine(Invariant(
            $"| {label} | {typedSockets.ToString(format, CultureInfo.InvariantCulture)} | {signalR.ToString(format, CultureInfo.InvariantCulture)} | {typedSockets / signalR:F2} |"));

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
