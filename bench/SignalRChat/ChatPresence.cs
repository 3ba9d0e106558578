namespace SignalRChat;

/// <summary>
/// How many clients are connected. SignalR keeps no count a hub can read, where a TypedSockets
/// endpoint has <c>Clients.Count</c>, so the hub keeps its own.
/// </summary>
public sealed class ChatPresence
{
    private int _online;

    public int Online => Volatile.Read(ref _online);

    public int Arrive() => Interlocked.Increment(ref _online);

    public void Depart() => Interlocked.Decrement(ref _online);
}
