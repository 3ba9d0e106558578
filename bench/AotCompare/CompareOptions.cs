using System.Globalization;

namespace AotCompare;

/// <summary>The command line: what to compare and how many times.</summary>
internal sealed record CompareOptions
{
    public string? ChatExecutable { get; init; }
    public string? SignalRExecutable { get; init; }
    public string? Linker { get; init; }
    public int StartupRuns { get; init; } = 11;
    public int MemoryRuns { get; init; } = 3;
    public int Connections { get; init; } = 1000;
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(3);

    public const string Usage = """
        dotnet run -c Release --project bench/AotCompare [-- options]
          --chat PATH         an already published TypedSockets Chat executable (default: publish samples/Chat)
          --signalr PATH      an already published SignalR chat executable (default: publish bench/SignalRChat)
          --linker NAME       the clang Native AOT links with (default: clang on PATH, else the newest clang-N)
          --runs N            starts per app for the time to first connection (default 11)
          --memory-runs N     starts per app for the memory with idle connections (default 3)
          --connections N     idle connections (default 1000)
          --settle SECONDS    wait before reading VmRSS (default 3)
        """;

    /// <summary>Parses the arguments, or returns null (after printing why) when they are wrong.</summary>
    public static CompareOptions? Parse(IReadOnlyList<string> args)
    {
        var options = new CompareOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                Console.WriteLine(Usage);
                return null;
            }
            if (i + 1 >= args.Count)
            {
                return Fail($"{name} needs a value.");
            }
            var value = args[++i];
            switch (name)
            {
                case "--chat": options = options with { ChatExecutable = Path.GetFullPath(value) }; break;
                case "--signalr": options = options with { SignalRExecutable = Path.GetFullPath(value) }; break;
                case "--linker": options = options with { Linker = value }; break;
                case "--runs": options = options with { StartupRuns = PositiveInt(value) }; break;
                case "--memory-runs": options = options with { MemoryRuns = PositiveInt(value) }; break;
                case "--connections": options = options with { Connections = PositiveInt(value) }; break;
                case "--settle": options = options with { Settle = TimeSpan.FromSeconds(PositiveInt(value)) }; break;
                default: return Fail($"Unknown option {name}.");
            }
        }
        return options;
    }

    private static int PositiveInt(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new FormatException($"'{value}' is not a positive integer.");

    private static CompareOptions? Fail(string message)
    {
        Console.Error.WriteLine(message);
        Console.Error.WriteLine(Usage);
        return null;
    }
}
