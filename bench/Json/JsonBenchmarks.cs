using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace TypedSockets.Benchmarks.Json;

/// <summary>
/// The generated TypedSockets JSON code against System.Text.Json source generation, writing and
/// reading each of the three events. In every category the System.Text.Json method is the baseline,
/// so Ratio reads "TypedSockets time / System.Text.Json time".
/// </summary>
/// <remarks>
/// Both sides write through the same reused <see cref="Utf8JsonWriter"/> over the same reused
/// <see cref="ArrayBufferWriter{T}"/>, so a write benchmark measures the serializer alone and any
/// allocation it reports is the serializer's own. Both sides read from the same bytes.
/// </remarks>
[MemoryDiagnoser]
[CategoriesColumn]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class JsonBenchmarks : IDisposable
{
    private const string Stj = "System.Text.Json source-gen";
    private const string Generated = "TypedSockets generated";

    private const string SmallWrite = "Small write";
    private const string SmallRead = "Small read";
    private const string MediumWrite = "Medium write";
    private const string MediumRead = "Medium read";
    private const string LargeWrite = "Large write";
    private const string LargeRead = "Large read";

    /// <summary>The categories in the order the summary lists them.</summary>
    internal static ImmutableArray<string> Categories { get; } =
        [SmallWrite, SmallRead, MediumWrite, MediumRead, LargeWrite, LargeRead];

    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private Utf8JsonWriter _writer = null!;

    private Said _said = null!;
    private OrderPlaced _order = null!;
    private MarketSnapshot _snapshot = null!;
    private byte[] _saidJson = null!;
    private byte[] _orderJson = null!;
    private byte[] _snapshotJson = null!;

    /// <summary>Builds the values and their JSON, and refuses to measure unless both sides agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _writer = new Utf8JsonWriter(_buffer);
        _said = Samples.Said();
        _order = Samples.OrderPlaced();
        _snapshot = Samples.MarketSnapshot();
        _saidJson = CheckAgreement(_said, BenchJsonContext.Default.Said);
        _orderJson = CheckAgreement(_order, BenchJsonContext.Default.OrderPlaced);
        _snapshotJson = CheckAgreement(_snapshot, BenchJsonContext.Default.MarketSnapshot);
    }

    /// <summary>Disposes the reused writer.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _writer?.Dispose();
        GC.SuppressFinalize(this);
    }

    [BenchmarkCategory(SmallWrite), Benchmark(Baseline = true, Description = Stj)]
    public int StjWriteSaid() => StjWrite(_said, BenchJsonContext.Default.Said);

    [BenchmarkCategory(SmallWrite), Benchmark(Description = Generated)]
    public int TypedSocketsWriteSaid() => GeneratedWrite(_said);

    [BenchmarkCategory(SmallRead), Benchmark(Baseline = true, Description = Stj)]
    public Said? StjReadSaid() => JsonSerializer.Deserialize(_saidJson, BenchJsonContext.Default.Said);

    [BenchmarkCategory(SmallRead), Benchmark(Description = Generated)]
    public Said? TypedSocketsReadSaid() => GeneratedRead<Said>(_saidJson);

    [BenchmarkCategory(MediumWrite), Benchmark(Baseline = true, Description = Stj)]
    public int StjWriteOrder() => StjWrite(_order, BenchJsonContext.Default.OrderPlaced);

    [BenchmarkCategory(MediumWrite), Benchmark(Description = Generated)]
    public int TypedSocketsWriteOrder() => GeneratedWrite(_order);

    [BenchmarkCategory(MediumRead), Benchmark(Baseline = true, Description = Stj)]
    public OrderPlaced? StjReadOrder() => JsonSerializer.Deserialize(_orderJson, BenchJsonContext.Default.OrderPlaced);

    [BenchmarkCategory(MediumRead), Benchmark(Description = Generated)]
    public OrderPlaced? TypedSocketsReadOrder() => GeneratedRead<OrderPlaced>(_orderJson);

    [BenchmarkCategory(LargeWrite), Benchmark(Baseline = true, Description = Stj)]
    public int StjWriteSnapshot() => StjWrite(_snapshot, BenchJsonContext.Default.MarketSnapshot);

    [BenchmarkCategory(LargeWrite), Benchmark(Description = Generated)]
    public int TypedSocketsWriteSnapshot() => GeneratedWrite(_snapshot);

    [BenchmarkCategory(LargeRead), Benchmark(Baseline = true, Description = Stj)]
    public MarketSnapshot? StjReadSnapshot() => JsonSerializer.Deserialize(_snapshotJson, BenchJsonContext.Default.MarketSnapshot);

    [BenchmarkCategory(LargeRead), Benchmark(Description = Generated)]
    public MarketSnapshot? TypedSocketsReadSnapshot() => GeneratedRead<MarketSnapshot>(_snapshotJson);

    private int StjWrite<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset();
        JsonSerializer.Serialize(_writer, value, typeInfo);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    private int GeneratedWrite<T>(T value) where T : ISocketEvent<T>
    {
        _buffer.ResetWrittenCount();
        _writer.Reset();
        Write(_writer, value);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    private static void Write<T>(Utf8JsonWriter writer, T value) where T : ISocketEvent<T> => T.Write(writer, value);

    private static T? GeneratedRead<T>(byte[] json) where T : ISocketEvent<T>
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        return T.TryRead(ref reader, out var value, out var error)
            ? value
            : throw new InvalidOperationException(error.ToString());
    }

    /// <summary>
    /// The contract under the numbers: TypedSockets writes exactly System.Text.Json's bytes, both
    /// benchmark paths write those bytes, and each side reads the other's output back to the same value.
    /// </summary>
    private byte[] CheckAgreement<T>(T value, JsonTypeInfo<T> typeInfo) where T : ISocketEvent<T>
    {
        var expected = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        AssertSame(expected, SocketJson.Serialize(value), "SocketJson.Serialize");

        StjWrite(value, typeInfo);
        AssertSame(expected, _buffer.WrittenSpan.ToArray(), "the System.Text.Json write benchmark");
        GeneratedWrite(value);
        AssertSame(expected, _buffer.WrittenSpan.ToArray(), "the TypedSockets write benchmark");

        // Records holding lists are not value-equal, so a read is checked by writing it again.
        AssertSame(expected, SocketJson.Serialize(GeneratedRead<T>(expected)!), "TypedSockets read back");
        AssertSame(expected, SocketJson.Serialize(JsonSerializer.Deserialize(expected, typeInfo)!), "System.Text.Json read back");
        return expected;

        static void AssertSame(byte[] expected, byte[] actual, string what)
        {
            if (!expected.AsSpan().SequenceEqual(actual))
            {
                throw new InvalidOperationException(
                    $"{typeof(T).Name}: {what} differs from System.Text.Json.{Environment.NewLine}" +
                    $"System.Text.Json: {Encoding.UTF8.GetString(expected)}{Environment.NewLine}" +
                    $"TypedSockets:     {Encoding.UTF8.GetString(actual)}");
            }
        }
    }
}
