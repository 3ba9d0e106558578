using System.Text.Json;
using System.Text.Json.Serialization;

namespace TypedSockets.Benchmarks.Json;

/// <summary>
/// The baseline: System.Text.Json source generation with the web defaults, the JSON TypedSockets
/// promises to write byte for byte.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Said))]
[JsonSerializable(typeof(OrderPlaced))]
[JsonSerializable(typeof(MarketSnapshot))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
