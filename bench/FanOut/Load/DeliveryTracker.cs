using System.Diagnostics;
using System.Net.WebSockets;

namespace FanOut.Load;

/// <summary>
/// What the clients of one server received: deliveries of the measured phase, per event, with
/// their latency, and every connection the server closed or broke (never hidden).
/// </summary>
internal sealed class DeliveryTracker
{
    private Phase? _phase;
    private int _slowConsumerCloses;
    private int _otherCloses;
    private int _errors;

    public Losses Losses => new(Volatile.Read(ref _slowConsumerCloses), Volatile.Read(ref _otherCloses), Volatile.Read(ref _errors));

    /// <summary>Starts counting the events numbered <paramref name="firstSeq"/> onwards; earlier or later ones are ignored.</summary>
    public Phase Start(int firstSeq, int events, int recipientsPerEvent)
    {
        var phase = new Phase(firstSeq, events, recipientsPerEvent);
        Volatile.Write(ref _phase, phase);
        return phase;
    }

    /// <summary>Counts the deliveries in one received WebSocket message.</summary>
    public void OnMessage(ReadOnlySpan<byte> message, long receivedAt)
    {
        if (Volatile.Read(ref _phase) is not { } phase)
        {
            return;
        }
        var deliveries = WireFormat.ForEachDelivery(message, (phase, receivedAt),
            static (state, seq, sentAt) => state.phase.OnDelivered(seq, state.receivedAt - sentAt));
        if (deliveries > 0)
        {
            phase.OnMessage(deliveries, message.Length);
        }
    }

    /// <summary>Counts one delivery that a client library has already parsed.</summary>
    public void OnDelivery(int seq, long sentAt) =>
        Volatile.Read(ref _phase)?.OnDelivered(seq, Stopwatch.GetTimestamp() - sentAt);

    public void OnClosedByServer(WebSocketCloseStatus? status)
    {
        if (status == WebSocketCloseStatus.PolicyViolation)
        {
            Interlocked.Increment(ref _slowConsumerCloses);
        }
        else
        {
            Interlocked.Increment(ref _otherCloses);
        }
    }

    public void OnError() => Interlocked.Increment(ref _errors);

    /// <summary>The counters of one measured run of events.</summary>
    internal sealed class Phase(int firstSeq, int events, int recipientsPerEvent)
    {
        private readonly int[] _received = new int[events];
        private readonly SemaphoreSlim _completed = new(0);
        private long _deliveries;
        private long _messages;
        private int _singleDeliveryBytes;

        public LatencyHistogram Latency { get; } = new();

        public long Deliveries => Volatile.Read(ref _deliveries);

        /// <summary>WebSocket messages that carried at least one delivery.</summary>
        public long Messages => Volatile.Read(ref _messages);

        /// <summary>The size of a received message that held exactly one delivery: what one event costs on the wire.</summary>
        public int SingleDeliveryBytes => Volatile.Read(ref _singleDeliveryBytes);

        /// <summary>Waits until one more event has reached all its recipients; false after <paramref name="timeout"/> without one.</summary>
        public Task<bool> WaitForCompletedEventAsync(TimeSpan timeout) => _completed.WaitAsync(timeout);

        public void OnDelivered(int seq, long latencyTicks)
        {
            var index = seq - firstSeq;
            if ((uint)index >= (uint)_received.Length)
            {
                return;
            }
            Interlocked.Increment(ref _deliveries);
            Latency.Record(latencyTicks);
            if (Interlocked.Increment(ref _received[index]) == recipientsPerEvent)
            {
                _completed.Release();
            }
        }

        public void OnMessage(int deliveries, int bytes)
        {
            Interlocked.Increment(ref _messages);
            if (deliveries == 1)
            {
                Volatile.Write(ref _singleDeliveryBytes, bytes);
            }
        }
    }
}

/// <summary>Connections lost: closed 1008 (TypedSockets' slow consumer), closed otherwise by the server, or broken.</summary>
internal readonly record struct Losses(int SlowConsumerCloses, int OtherCloses, int Errors)
{
    public int Total => SlowConsumerCloses + OtherCloses + Errors;

    public static Losses operator -(Losses after, Losses before) => new(
        after.SlowConsumerCloses - before.SlowConsumerCloses,
        after.OtherCloses - before.OtherCloses,
        after.Errors - before.Errors);
}
