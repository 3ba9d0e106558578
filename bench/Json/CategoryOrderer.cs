using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Running;

namespace TypedSockets.Benchmarks.Json;

/// <summary>
/// Lists the categories in the order of <see cref="JsonBenchmarks.Categories"/> (small to large,
/// write before read) instead of alphabetically, so the table reads from the smallest event up.
/// </summary>
internal sealed class CategoryOrderer : DefaultOrderer
{
    public override IEnumerable<IGrouping<string, BenchmarkCase>> GetLogicalGroupOrder(
        IEnumerable<IGrouping<string, BenchmarkCase>> logicalGroups,
        IEnumerable<BenchmarkLogicalGroupRule>? order = null) =>
        logicalGroups.OrderBy(group => Rank(group.First().Descriptor.Categories));

    private static int Rank(string[] categories)
    {
        var index = JsonBenchmarks.Categories.IndexOf(categories.FirstOrDefault() ?? string.Empty);
        return index < 0 ? int.MaxValue : index;
    }
}
