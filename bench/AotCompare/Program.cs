using AotCompare;

// Compares the TypedSockets Chat sample with the same chat on ASP.NET Core SignalR, both published
// with Native AOT, in one run on one machine. See CompareOptions.Usage for the options.

var options = CompareOptions.Parse(args);
if (options is null)
{
    return 2;
}

var root = RepositoryRoot();
var linker = options.Linker ?? Publisher.FindLinker()
    ?? throw new InvalidOperationException("Native AOT needs clang (or clang-N) on the PATH; or pass --chat and --signalr.");
var output = Path.Combine(root, "artifacts", "aot-compare");

var apps = new[]
{
    new App("TypedSockets", ChatProtocol.TypedSockets,
        options.ChatExecutable ?? await PublishAsync("samples/Chat/Chat.csproj", "Chat")),
    new App("SignalR", ChatProtocol.SignalR,
        options.SignalRExecutable ?? await PublishAsync("bench/SignalRChat/SignalRChat.csproj", "SignalRChat")),
};

// One start each that is not counted: it brings the executables into the page cache and
// compiles this program's own client code, which the first measured start would otherwise pay for.
foreach (var app in apps)
{
    Console.WriteLine($"# warm-up start of {app.Name}");
    await StartupBenchmark.MeasureAsync(app.Executable);
}

// The apps take turns, and swap who goes first each round, so that whatever else the machine is
// doing falls on both alike.
var startups = apps.ToDictionary(app => app, _ => new List<TimeSpan>());
for (var round = 0; round < options.StartupRuns; round++)
{
    foreach (var app in InTurn(round))
    {
        var elapsed = await StartupBenchmark.MeasureAsync(app.Executable);
        startups[app].Add(elapsed);
        Console.WriteLine($"# {app.Name} start {round + 1}: first connection after {elapsed.TotalMilliseconds:F1} ms");
    }
}

var memory = apps.ToDictionary(app => app, _ => new List<MemorySample>());
for (var round = 0; round < options.MemoryRuns; round++)
{
    foreach (var app in InTurn(round))
    {
        var sample = await MemoryBenchmark.MeasureAsync(app.Executable, app.Protocol, options.Connections, options.Settle);
        memory[app].Add(sample);
        Console.WriteLine($"# {app.Name} memory {round + 1}: {sample.IdleBytes / 1024} KiB idle, {sample.LoadedBytes / 1024} KiB with {sample.OpenAtReading} open");
        if (sample.OpenAtReading != sample.Connections)
        {
            Console.Error.WriteLine($"# warning: only {sample.OpenAtReading} of {sample.Connections} {app.Name} connections were open at the reading");
        }
    }
}

var results = apps
    .Select(app => new AppResults(app.Name, Sizes.Of(app.Executable), startups[app], memory[app]))
    .ToArray();
var command = "dotnet run -c Release --project bench/AotCompare" + (args.Length > 0 ? " -- " + string.Join(' ', args) : "");
Console.WriteLine();
Console.Write(Report.Write(results[0], results[1], options, await Machine.DescribeAsync(), command));
return 0;

IEnumerable<App> InTurn(int round) => round % 2 == 0 ? apps : apps.Reverse();

async Task<string> PublishAsync(string project, string name)
{
    var directory = Path.Combine(output, name);
    Console.WriteLine($"# publishing {project} with Native AOT into {Path.GetRelativePath(root, directory)} (linker {linker})");
    return await Publisher.PublishAsync(Path.Combine(root, project), directory, linker);
}

// The folder with TypedSockets.sln, found from where the program runs or where it was built.
static string RepositoryRoot()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TypedSockets.sln")))
            {
                return directory.FullName;
            }
        }
    }
    throw new InvalidOperationException("Run from inside the TypedSockets repository.");
}

/// <summary>An app under comparison: its name in the table, how its clients talk, its native executable.</summary>
internal sealed record App(string Name, ChatProtocol Protocol, string Executable);
