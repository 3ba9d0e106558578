using System.Diagnostics;
using System.Globalization;

namespace AotCompare;

/// <summary>Publishes a project with Native AOT for linux-x64, as the repository does, and finds its executable.</summary>
internal static class Publisher
{
    public static async Task<string> PublishAsync(string project, string outputDirectory, string linker)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "publish", project, "-c", "Release", "-r", "linux-x64", "-nologo",
            $"-p:CppCompilerAndLinker={linker}", "-o", outputDirectory,
        })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        // Warnings are errors in this repository, so an IL trim or AOT warning fails the publish.
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {project} failed:\n{await output}{await errors}");
        }

        var executable = Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(project));
        return File.Exists(executable) ? executable : throw new FileNotFoundException("The published executable is missing.", executable);
    }

    /// <summary>clang on the PATH, else the newest versioned clang-N (Debian installs only those).</summary>
    public static string? FindLinker()
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        if (directories.Any(directory => File.Exists(Path.Combine(directory, "clang"))))
        {
            return "clang";
        }
        return directories
            .Where(Directory.Exists)
            .SelectMany(directory => Directory.EnumerateFiles(directory, "clang-*"))
            .Select(Path.GetFileName)
            .Select(name => (Name: name!, Version: int.TryParse(name!["clang-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1))
            .Where(candidate => candidate.Version >= 0)
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Name)
            .FirstOrDefault();
    }
}
