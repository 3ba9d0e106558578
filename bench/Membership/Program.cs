using BenchmarkDotNet.Running;
using TypedSockets.Benchmarks.Membership;

// dotnet run -c Release --project bench/Membership -- --filter '*'
// Each class sets its own job: churn operations are short and measured many times; filling an
// endpoint is one long operation per iteration.
BenchmarkSwitcher.FromAssembly(typeof(ChurnBenchmarks).Assembly).Run(args);
