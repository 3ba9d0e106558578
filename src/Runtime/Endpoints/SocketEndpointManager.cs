using TypedSockets.Bus;
using TypedSockets.Serialization;

namespace TypedSockets.Endpoints;

/// <summary>
/// The state of one running endpoint: its clients and groups, and the local end of the bus.
/// Created on first use; <c>Stop</c> retires it and the next use starts a fresh one.
/// </summary>
/// <remarks>
/// Membership lives here alone, under one lock: who is connected (by reference and by id), the
/// members of each group, and the groups of each client. Joining, leaving and finding a client by
/// id cost O(1) (a client's groups add to its own leave). A broadcast walks an array snapshot
/// without locks or allocations; a change of membership drops the snapshot and the next broadcast
/// takes a new one, so filling an endpoint costs O(n), not a copy per join.
/// </remarks>
internal sealed class SocketEndpointManager : ISocketBusSubscriber
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SocketClient, Member> _members = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, SocketClient> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly IDisposable _subscription;
    private readonly ISocketBus _bus;
    private SocketClient[]? _snapshot = [];
    private bool _stopped;
    private int _sharedIds;

    public SocketEndpointManager(SocketEndpointHost host, ISocketBus bus)
    {
        Host = host;
        _bus = bus;
        _subscription = bus.Subscribe(host.Ref, this);
    }

    public SocketEndpointHost Host { get; }

    /// <summary>The members, a snapshot that stays valid (and unchanged) after membership changes.</summary>
    public SocketClient[] Clients => Volatile.Read(ref _snapshot) ?? TakeSnapshot();

    public SocketClient[] GroupMembers(string group)
    {
        lock (_lock)
        {
            return _groups.TryGetValue(group, out var members) ? members.Snapshot() : [];
        }
    }

    /// <summary>The groups <paramref name="client"/> is in, a snapshot.</summary>
    public string[] GroupsOf(SocketClient client)
    {
        lock (_lock)
        {
            return _members.TryGetValue(client, out var member) && member.Groups is { Count: > 0 } groups ? [.. groups] : [];
        }
    }

    public bool IsInGroup(SocketClient client, string group)
    {
        lock (_lock)
        {
            return _members.TryGetValue(client, out var member) && member.Groups is { } groups && groups.Contains(group);
        }
    }

    /// <summary>Adds a client; false when it already is a member or the endpoint has stopped.</summary>
    public bool TryAdd(SocketClient client)
    {
        int count;
        lock (_lock)
        {
            if (_stopped || client.Manager is not null)
            {
                return false;
            }
            client.Manager = this;
            _members.Add(client, new Member());
            // Ids are unique unless the app gives in-process clients the same one; then the first keeps
            // the index, and the others wait their turn (see Remove).
            if (!_byId.TryAdd(client.Id, client))
            {
                _sharedIds++;
            }
            _snapshot = null;
            count = _members.Count;
        }
        _bus.ClientCountChanged(Host.Ref, count);
        return true;
    }

    /// <summary>Removes a client and its group memberships; false when it was not a member.</summary>
    public bool Remove(SocketClient client)
    {
        if (!RemoveLocked(client, out var count))
        {
            return false;
        }
        _bus.ClientCountChanged(Host.Ref, count);
        return true;
    }

    private bool RemoveLocked(SocketClient client, out int count)
    {
        count = 0;
        lock (_lock)
        {
            if (!ReferenceEquals(client.Manager, this) || !_members.Remove(client, out var member))
            {
                return false;
            }
            client.Manager = null;
            if (_byId.TryGetValue(client.Id, out var byId) && ReferenceEquals(byId, client))
            {
                _byId.Remove(client.Id);
                if (_sharedIds > 0 && NextWithId(client.Id) is { } next)
                {
                    _byId.Add(client.Id, next);
                    _sharedIds--;
                }
            }
            else if (byId is not null)
            {
                _sharedIds--;
            }
            if (member.Groups is { } groups)
            {
                foreach (var group in groups)
                {
                    RemoveFromGroupLocked(group, client);
                }
            }
            _snapshot = null;
            count = _members.Count;
            return true;
        }
    }

    public bool JoinGroup(SocketClient client, string group)
    {
        lock (_lock)
        {
            if (!_members.TryGetValue(client, out var member) || !(member.Groups ??= new HashSet<string>(StringComparer.Ordinal)).Add(group))
            {
                return false;
            }
            if (!_groups.TryGetValue(group, out var members))
            {
                _groups.Add(group, members = new Group());
            }
            members.Add(client);
            return true;
        }
    }

    public bool LeaveGroup(SocketClient client, string group)
    {
        lock (_lock)
        {
            if (!_members.TryGetValue(client, out var member) || member.Groups is not { } groups || !groups.Remove(group))
            {
                return false;
            }
            RemoveFromGroupLocked(group, client);
            return true;
        }
    }

    /// <summary>Retires the endpoint: no more members; the former members are returned to be closed with 1001.</summary>
    public SocketClient[] Stop()
    {
        SocketClient[] clients;
        lock (_lock)
        {
            if (_stopped)
            {
                return [];
            }
            _stopped = true;
            clients = [.. _members.Keys];
            foreach (var client in clients)
            {
                client.Manager = null;
            }
            _members.Clear();
            _byId.Clear();
            _sharedIds = 0;
            _groups.Clear();
            _snapshot = [];
        }
        _subscription.Dispose();
        _bus.ClientCountChanged(Host.Ref, 0);
        return clients;
    }

    public void Deliver(in SocketBusMessage message)
    {
        var frame = message.Frame ?? SocketFrame.CopyOf(message.Payload.Span, message.VolatileEvent);
        try
        {
            switch (message.Target)
            {
                case SocketBusTarget.All:
                    DeliverTo(Clients, frame, message.ExceptClientId);
                    break;
                case SocketBusTarget.Group when message.Group is not null:
                    DeliverTo(GroupMembers(message.Group), frame, message.ExceptClientId);
                    break;
                case SocketBusTarget.Client when message.ClientId is not null:
                    SocketClient? recipient;
                    lock (_lock)
                    {
                        _byId.TryGetValue(message.ClientId, out recipient);
                    }
                    recipient?.Deliver(frame);
                    break;
            }
        }
        finally
        {
            if (message.Frame is null)
            {
                frame.Release();
            }
        }
    }

    /// <summary>The member with this id, if it is connected here.</summary>
    public SocketClient? Find(string clientId)
    {
        lock (_lock)
        {
            return _byId.GetValueOrDefault(clientId);
        }
    }

    public bool Apply(in SocketBusCommand command)
    {
        switch (command.Kind)
        {
            case SocketBusCommandKind.JoinGroup or SocketBusCommandKind.LeaveGroup when command.ClientId is not null && command.Group is not null:
                if (Find(command.ClientId) is not { } client)
                {
                    return false;
                }
                if (command.Kind == SocketBusCommandKind.JoinGroup)
                {
                    JoinGroup(client, command.Group);
                }
                else
                {
                    LeaveGroup(client, command.Group);
                }
                return true;
            case SocketBusCommandKind.Stop:
                // Off the bus's delivery: closing the clients awaits their queues.
                _ = Task.Run(() => Host.StopAsync(CloseReasons.EndpointStopped, this).AsTask());
                return true;
            default:
                return false;
        }
    }

    /// <summary>The client's queue is full: it is removed and, for a socket, closed with 1008.</summary>
    public void OnSlowConsumer(SocketClient client) => Host.OnSlowConsumer(client);

    private static void DeliverTo(SocketClient[] recipients, SocketFrame frame, string? exceptId)
    {
        foreach (var client in recipients)
        {
            if (exceptId is null || !string.Equals(client.Id, exceptId, StringComparison.Ordinal))
            {
                client.Deliver(frame);
            }
        }
    }

    private SocketClient[] TakeSnapshot()
    {
        lock (_lock)
        {
            return _snapshot ??= [.. _members.Keys];
        }
    }

    /// <summary>Another member with this id (rare: only in-process clients can share one); a scan, under the lock.</summary>
    private SocketClient? NextWithId(string id)
    {
        foreach (var member in _members.Keys)
        {
            if (string.Equals(member.Id, id, StringComparison.Ordinal))
            {
                return member;
            }
        }
        return null;
    }

    private void RemoveFromGroupLocked(string group, SocketClient client)
    {
        if (_groups.TryGetValue(group, out var members) && members.Remove(client) && members.Count == 0)
        {
            _groups.Remove(group);
        }
    }

    /// <summary>What the manager keeps of one client: the groups it is in, created with its first group.</summary>
    private sealed class Member
    {
        public HashSet<string>? Groups;
    }

    /// <summary>A group's members, with the snapshot its broadcasts walk; guarded by the manager's lock.</summary>
    private sealed class Group
    {
        private readonly HashSet<SocketClient> _members = new(ReferenceEqualityComparer.Instance);
        private SocketClient[]? _snapshot;

        public int Count => _members.Count;

        public void Add(SocketClient client)
        {
            _members.Add(client);
            _snapshot = null;
        }

        public bool Remove(SocketClient client)
        {
            _snapshot = null;
            return _members.Remove(client);
        }

        public SocketClient[] Snapshot() => _snapshot ??= [.. _members];
    }
}
