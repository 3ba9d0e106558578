using System.Globalization;
using FanOut.Servers;

namespace FanOut;

/// <summary>The workloads the driver can run against each server.</summary>
internal enum Workload
{
    /// <summary>Every client connected and silent: memory per connection.</summary>
    Idle,

    /// <summary>One publisher, every client (the publisher too) receives each event.</summary>
    Broadcast,

    /// <summary>Every client takes turns sending; every other client receives (chat semantics).</summary>
    EchoAll,
}

/// <summary>Which client speaks to the SignalR server.</summary>
internal enum SignalRClientKind
{
    /// <summary>A bare ClientWebSocket speaking the SignalR JSON protocol, like the other two servers' clients.</summary>
    Raw,

    /// <summary>Microsoft.AspNetCore.SignalR.Client's HubConnection.</summary>
    Library,
}

/// <summary>The driver's command line.</summary>
internal sealed record Options
{
    public int Clients { get; init; } = 1000;

    /// <summary>Events the publisher sends in the broadcast workload.</summary>
    public int Messages { get; init; } = 2000;

    /// <summary>Rounds of the echo-all workload; in each round every client sends one event.</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Size in bytes of the event's JSON object (the data, without the framing around it).</summary>
    public int Payload { get; init; } = 100;

    /// <summary>Events sent but not yet received by every recipient, at most.</summary>
    public int Window { get; init; } = 64;

    public IReadOnlyList<ServerKind> Servers { get; init; } = [ServerKind.TypedSockets, ServerKind.SignalR, ServerKind.Raw];

    public IReadOnlyList<Workload> Workloads { get; init; } = [Workload.Idle, Workload.Broadcast, Workload.EchoAll];

    public SignalRClientKind SignalRClient { get; init; } = SignalRClientKind.Raw;

    /// <summary>Runs each server inside the driver's process (for a profiler), not in a child process.</summary>
    public bool InProcess { get; init; }

    /// <summary>Servers of each kind, on one Redis when more than one; clients are spread over them.</summary>
    public int Nodes { get; init; } = 1;

    /// <summary>The Redis the nodes share; when not given, the driver starts a redis-server of its own.</summary>
    public string? Redis { get; init; }

    public const string Usage = """
        FanOut: the same fan-out workloads against TypedSockets, SignalR and a raw WebSocket server.

          dotnet run -c Release --project bench/FanOut -- [options]

          --clients N         connected clients (default 1000)
          --messages N        events the publisher sends in "broadcast" (default 2000)
          --rounds N          rounds of "echo-all", each client sends once per round (default 3)
          --payload BYTES     size of the event's JSON data (default 100)
          --window N          events in flight at most: an event is sent only when every recipient
                              has received the event N before it (default 64)
          --servers LIST      typedsockets,signalr,raw (default all three)
          --workloads LIST    idle,broadcast,echo-all (default all three)
          --signalr-client K  raw (default) or library (HubConnection)
          --quick             200 clients, 1000 messages, 5 rounds: all of it in well under a minute
          --in-process        run each server inside this process (for profiling; shares the GC)
          --nodes N           N servers of each kind on one Redis (scale-out: TypedSockets.Redis
                              against SignalR's Redis backplane), clients spread over them (default 1)
          --redis HOST:PORT   the Redis for --nodes (default: a redis-server started on a free port)
        """;

    public static Options Parse(IReadOnlyList<string> args)
    {
        var options = new Options();
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--clients" => options with { Clients = Positive(args, ++i) },
                "--messages" => options with { Messages = Positive(args, ++i) },
                "--rounds" => options with { Rounds = Positive(args, ++i) },
                "--payload" => options with { Payload = Math.Max(Positive(args, ++i), Load.WireFormat.MinimumPayload) },
                "--window" => options with { Window = Positive(args, ++i) },
                "--servers" => options with { Servers = List(args, ++i, ServerKinds.Parse) },
                "--workloads" => options with { Workloads = List(args, ++i, ParseWorkload) },
                "--signalr-client" => options with { SignalRClient = ParseSignalRClient(Value(args, ++i)) },
                "--quick" => options with { Clients = 200, Messages = 1000, Rounds = 5 },
                "--in-process" => options with { InProcess = true },
                "--nodes" => options with { Nodes = Positive(args, ++i) },
                "--redis" => options with { Redis = Value(args, ++i) },
                var other => throw new ArgumentException($"Unknown option '{other}'."),
            };
        }
        if (options.Nodes > 1)
        {
            // The raw server has no bus to scale out with.
            options = options with { Servers = [.. options.Servers.Where(kind => kind != ServerKind.Raw)] };
        }
        if (options.Clients < 2)
        {
            throw new ArgumentException("--clients must be at least 2: echo-all needs someone to send to.");
        }
        return options;
    }

    public static string Name(Workload workload) => workload switch
    {
        Workload.Idle => "idle",
        Workload.Broadcast => "broadcast",
        Workload.EchoAll => "echo-all",
        _ => throw new ArgumentOutOfRangeException(nameof(workload)),
    };

    private static Workload ParseWorkload(string name) => name switch
    {
        "idle" => Workload.Idle,
        "broadcast" => Workload.Broadcast,
        "echo-all" => Workload.EchoAll,
        _ => throw new ArgumentException($"Unknown workload '{name}'."),
    };

    private static SignalRClientKind ParseSignalRClient(string name) => name switch
    {
        "raw" => SignalRClientKind.Raw,
        "library" => SignalRClientKind.Library,
        _ => throw new ArgumentException($"Unknown SignalR client '{name}'."),
    };

    private static string Value(IReadOnlyList<string> args, int index) =>
        index < args.Count ? args[index] : throw new ArgumentException($"{args[index - 1]} needs a value.");

    private static int Positive(IReadOnlyList<string> args, int index) =>
        int.TryParse(Value(args, index), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{args[index - 1]} needs a positive number.");

    private static T[] List<T>(IReadOnlyList<string> args, int index, Func<string, T> parse) =>
        [.. Value(args, index).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse).Distinct()];
}
