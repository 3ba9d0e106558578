using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;
using TypedSockets.Benchmarks.Json;

// By default, a job sized for a small, noisy machine: one process, three warmups and fifteen
// measured iterations of ~250 ms each, so the twelve benchmarks finish in about three minutes.
// Options such as --iterationCount adjust it. --job short (quicker, rougher) or --job default
// (BenchmarkDotNet's own statistics, several minutes more) replace it: BenchmarkDotNet would
// otherwise build on the config's job and ignore --job, so the job is only added when none is asked for.
var config = DefaultConfig.Instance.WithOrderer(new CategoryOrderer());
if (!args.Any(arg => arg is "-j" || arg.StartsWith("--job", StringComparison.OrdinalIgnoreCase)))
{
    config = config.AddJob(Job.Default
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(15)
        .WithIterationTime(TimeInterval.FromMilliseconds(250))
        .WithId("Quick")
        .AsDefault());
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
