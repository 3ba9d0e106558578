using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AotCompare;

/// <summary>The machine a run was made on, as one line for the report.</summary>
internal static class Machine
{
    public static async Task<string> DescribeAsync()
    {
        var cpu = ProcField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var os = ProcField("/etc/os-release", "PRETTY_NAME")?.Trim('"') ?? RuntimeInformation.OSDescription;
        var kernel = Environment.OSVersion.Version;
        return $"{Environment.ProcessorCount} cores ({cpu}), {os}, Linux {kernel}, " +
            $"{RuntimeInformation.FrameworkDescription}, SDK {await SdkVersionAsync()}";
    }

    // The value of the first "name: value" or "NAME=value" line of a text file.
    private static string? ProcField(string path, string name)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
        var separator = line?.IndexOfAny([':', '=']) ?? -1;
        return separator < 0 ? null : line![(separator + 1)..].Trim();
    }

    private static async Task<string> SdkVersionAsync()
    {
        var info = new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var version = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return version.Trim();
    }
}
