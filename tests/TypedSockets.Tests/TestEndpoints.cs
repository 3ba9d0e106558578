namespace TypedSockets.Tests;

/// <summary>An endpoint exercising every handler shape the generator supports.</summary>
[SocketEndpoint("test")]
[Sends<Hello>, Sends<Bye>, Sends<Heard>, Sends<Observed>]
[Receives<Observed>, Receives<Receipt>]
public sealed partial class TestEndpoint(TestLog log) : SocketEndpoint
{
    [OnConnect]
    public ValueTask Connected(SocketClient client)
    {
        log.Add($"connect {client.Id}");
        return BroadcastFrom(new Hello(client.Id));
    }

    [OnDisconnect]
    public async Task Disconnected(SocketClient client, CancellationToken cancellationToken)
    {
        log.Add($"disconnect {client.Id}");
        await Broadcast(new Bye(client.Id));
    }

    [OnEvent]
    public Echoed Echo(Echo message) => new(message.Text, message.Text.Length);

    [OnEvent]
    public static ValueTask<Sum> Add(Add add) => ValueTask.FromResult(new Sum((long)add.A + add.B));

    [OnEvent]
    public void Boom(Boom boom) => throw new InvalidOperationException(boom.Why);

    [OnEvent]
    public Task Refuse(Refuse refuse) => throw new SocketErrorException(refuse.Code, "refused on purpose");

    [OnEvent]
    public async Task<Done> Slow(Slow slow, SocketClient client, CancellationToken cancellationToken)
    {
        await Task.Delay(slow.Milliseconds, cancellationToken);
        return new Done(slow.Milliseconds);
    }

    [OnEvent]
    public ValueTask Shout(Shout shout, SocketClient client) => BroadcastFrom(new Heard(client.Id, shout.Text));

    [OnEvent]
    public ValueTask Enter(Enter enter, SocketClient client) => JoinGroup(client, enter.Group);

    [OnEvent]
    public ValueTask Exit(Exit exit, SocketClient client) => LeaveGroup(client, exit.Group);

    [OnEvent]
    public ValueTask GroupShout(GroupShout shout, SocketClient client)
    {
        if (!client.IsInGroup(shout.Group))
        {
            throw new SocketErrorException("forbidden", $"not in group '{shout.Group}'");
        }
        return BroadcastToGroupFrom(shout.Group, new Heard(client.Id, shout.Text));
    }

    [OnEvent]
    public Profile Profile(Profile profile) => profile;

    [OnEvent]
    public void Empty(Empty empty)
    {
    }

    [OnEvent]
    public ValueTask StopAll(StopAll stop) => Stop();
}

/// <summary>A service the test endpoint takes from DI, recording what happened.</summary>
public sealed class TestLog
{
    private readonly List<string> _entries = [];

    public void Add(string entry)
    {
        lock (_entries)
        {
            _entries.Add(entry);
        }
    }

    public IReadOnlyList<string> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }
}

/// <summary>A second endpoint on its own path, to show endpoints do not share clients.</summary>
[SocketEndpoint("other", Path = "/sockets/other")]
public sealed partial class OtherEndpoint : SocketEndpoint
{
    [OnEvent]
    public Echoed Echo(Echo message) => new("other:" + message.Text, message.Text.Length);
}
