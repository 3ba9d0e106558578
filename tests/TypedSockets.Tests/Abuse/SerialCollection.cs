namespace TypedSockets.Tests.Abuse;

/// <summary>
/// Tests that assert process-wide counts (pooled frames, the managed heap) run alone, after the
/// parallel ones, so no other test's traffic is counted with theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "serial";
}
