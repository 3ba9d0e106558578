using System.Net.WebSockets;
using TypedSockets.Bus;
using TypedSockets.Serialization;

namespace TypedSockets.Endpoints;

/// <summary>
/// The state of one running endpoint: its clients and groups, and the local end of the bus.
/// Created on first use; <c>Stop</c> retires it and the next use starts a fresh one. Membership
/// is kept in arrays replaced on every change, so a broadcast walks a snapshot without locks or
/// allocations.
/// </summary>
internal sealed class SocketEndpointManager : ISocketBusSubscriber
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SocketClient[]> _groups = new(StringComparer.Ordinal);
    private readonly IDisposable _subscription;
    private SocketClient[] _clients = [];
    private bool _stopped;

    public SocketEndpointManager(SocketEndpointHost host, ISocketBus bus)
    {
        Host = host;
        _subscription = bus.Subscribe(host.Ref, this);
    }

    public SocketEndpointHost Host { get; }

    public SocketClient[] Clients => Volatile.Read(ref _clients);

    public bool IsStopped
    {
        get
        {
            lock (_lock)
            {
                return _stopped;
            }
        }
    }

    public SocketClient[] GroupMembers(string group)
    {
        lock (_lock)
        {
            return _groups.GetValueOrDefault(group, []);
        }
    }

    /// <summary>Adds a client; false when it already is a member or the endpoint has stopped.</summary>
    public bool TryAdd(SocketClient client)
    {
        lock (_lock)
        {
            if (_stopped || client.Manager is not null)
            {
                return false;
            }
            client.Manager = this;
            Volatile.Write(ref _clients, [.. _clients, client]);
            return true;
        }
    }

    /// <summary>Removes a client and its group memberships; false when it was not a member.</summary>
    public bool Remove(SocketClient client)
    {
        lock (_lock)
        {
            if (!ReferenceEquals(client.Manager, this))
            {
                return false;
            }
            client.Manager = null;
            Volatile.Write(ref _clients, Without(_clients, client));
            foreach (var group in client.TakeGroups())
            {
                RemoveFromGroupLocked(group, client);
            }
            return true;
        }
    }

    public bool JoinGroup(SocketClient client, string group)
    {
        lock (_lock)
        {
            if (!ReferenceEquals(client.Manager, this) || !client.AddGroup(group))
            {
                return false;
            }
            _groups[group] = [.. _groups.GetValueOrDefault(group, []), client];
            return true;
        }
    }

    public bool LeaveGroup(SocketClient client, string group)
    {
        lock (_lock)
        {
            if (!client.RemoveGroup(group))
            {
                return false;
            }
            RemoveFromGroupLocked(group, client);
            return true;
        }
    }

    /// <summary>Retires the endpoint: no more members, and each former member is closed with 1001.</summary>
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
            clients = _clients;
            _clients = [];
            _groups.Clear();
            foreach (var client in clients)
            {
                client.Manager = null;
                client.TakeGroups();
            }
        }
        _subscription.Dispose();
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
                    foreach (var client in Clients)
                    {
                        if (client.Id == message.ClientId)
                        {
                            client.Deliver(frame);
                            break;
                        }
                    }
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

    private void RemoveFromGroupLocked(string group, SocketClient client)
    {
        if (!_groups.TryGetValue(group, out var members))
        {
            return;
        }
        var next = Without(members, client);
        if (next.Length == 0)
        {
            _groups.Remove(group);
        }
        else
        {
            _groups[group] = next;
        }
    }

    private static SocketClient[] Without(SocketClient[] clients, SocketClient client)
    {
        var index = Array.IndexOf(clients, client);
        return index < 0 ? clients : [.. clients.AsSpan(0, index), .. clients.AsSpan(index + 1)];
    }
}

internal static class CloseReasons
{
    public const string SlowConsumer = "slow consumer";
    public const string EndpointStopped = "endpoint stopped";
    public const string ServerStopping = "server stopping";
    public const string TooManyFragments = "too many fragments";
    public const string RateLimitExceeded = "rate limit exceeded";
    public const WebSocketCloseStatus GoingAway = WebSocketCloseStatus.EndpointUnavailable;
}
