using System.Diagnostics;
using FanOut;
using FanOut.Report;
using FanOut.Servers;

// "serve" is how the driver starts each server in a process of its own.
if (args is ["serve", .. var serveArgs])
{
    return await ServerApp.ServeAsync(serveArgs);
}
if (args is ["--help" or "-h", ..])
{
    Console.WriteLine(Options.Usage);
    return 0;
}

Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException exception)
{
    await Console.Error.WriteLineAsync(exception.Message);
    await Console.Error.WriteLineAsync(Options.Usage);
    return 2;
}

var started = Stopwatch.GetTimestamp();
var results = await Runner.RunAsync(options);
ReportWriter.Write(Console.Out, options, results);
await Console.Error.WriteLineAsync($"Finished in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s.");
return 0;
