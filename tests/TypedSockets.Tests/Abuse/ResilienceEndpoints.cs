namespace TypedSockets.Tests.Abuse;

/// <summary>For churn: every client joins groups on connect and gets a welcome.</summary>
[SocketEndpoint("churn")]
[Sends<ChurnWelcome>]
public sealed partial class ChurnEndpoint : SocketEndpoint
{
    public const int GroupCount = 8;

    [OnConnect]
    public async ValueTask Connected(SocketClient client)
    {
        await JoinGroup(client, "everyone");
        await JoinGroup(client, "g" + (uint)client.Id.GetHashCode() % GroupCount);
        await client.SendAsync(new ChurnWelcome(client.Id));
    }

    [OnEvent]
    public ChurnEcho Echo(ChurnEcho echo) => echo;
}

[SocketEvent("churn_welcome")]
public sealed partial record ChurnWelcome(string Id);

[SocketEvent("churn_echo")]
public sealed partial record ChurnEcho(string Text);

/// <summary>
/// For fuzzing: every handler answers with exactly one frame (an event, or an error when it
/// throws), so each input has one outcome to wait for.
/// </summary>
[SocketEndpoint("fuzz")]
public sealed partial class FuzzEndpoint : SocketEndpoint
{
    [OnEvent]
    public FuzzEcho Echo(FuzzEcho echo) => echo;

    [OnEvent]
    public FuzzSum Add(FuzzAdd add) => new(checked((long)add.A + add.B));

    [OnEvent]
    public FuzzOrder Order(FuzzOrder order) => order;

    [OnEvent]
    public FuzzEcho Fail(FuzzFail fail) => throw new InvalidOperationException(fail.Why);
}

[SocketEvent("fz_echo")]
public sealed partial record FuzzEcho(string Text);

[SocketEvent("fz_add")]
public sealed partial record FuzzAdd(int A, int B);

[SocketEvent("fz_sum")]
public sealed partial record FuzzSum(long Total);

public enum FuzzSize
{
    Small,
    Large,
}

public sealed record FuzzLine(string Sku, int Quantity, decimal Price);

[SocketEvent("fz_order")]
public sealed partial record FuzzOrder(
    Guid Id,
    DateTimeOffset At,
    FuzzSize Size,
    List<FuzzLine> Lines,
    Dictionary<string, double> Scores,
    string? Note,
    int[]? Codes);

[SocketEvent("fz_fail")]
public sealed partial record FuzzFail(string Why);

/// <summary>For shutdown: broadcast only.</summary>
[SocketEndpoint("drain")]
[Sends<Queued>]
public sealed partial class DrainEndpoint : SocketEndpoint;

[SocketEvent("queued")]
public sealed partial record Queued(int Seq, string Pad);
