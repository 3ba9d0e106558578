using System.Text;
using TypedSockets.Connections;
using TypedSockets.Serialization;

namespace TypedSockets.Tests;

/// <summary>The outbound queue's bounds and policies, without a network.</summary>
public sealed class SendQueueTests
{
    [Fact]
    public void Frames_come_out_in_order_and_the_queue_keeps_its_own_references()
    {
        var queue = new SendQueue(capacity: 4, byteLimit: 1024, SlowConsumerPolicy.Disconnect);
        var frames = Enumerable.Range(0, 3).Select(i => Frame($"f{i}")).ToArray();

        foreach (var frame in frames)
        {
            Assert.Equal(EnqueueOutcome.Queued, queue.TryEnqueue(frame, out _));
            frame.Release();
        }

        Assert.Equal(["f0", "f1", "f2"], Drain(queue));
    }

    [Fact]
    public void The_ring_grows_up_to_the_capacity_and_keeps_the_order_across_its_wrap()
    {
        var queue = new SendQueue(capacity: 100, byteLimit: 1 << 20, SlowConsumerPolicy.Disconnect);
        for (var i = 0; i < 10; i++)
        {
            Offer(queue, $"a{i}");
        }
        var taken = new SocketFrame?[5];
        Assert.Equal(5, queue.Dequeue(taken));
        foreach (var frame in taken)
        {
            frame!.Release();
        }

        for (var i = 0; i < 95; i++)
        {
            Assert.Equal(EnqueueOutcome.Queued, Offer(queue, $"b{i}"));
        }

        Assert.Equal(EnqueueOutcome.Full, Offer(queue, "one too many"));
        Assert.Equal([.. Enumerable.Range(5, 5).Select(i => $"a{i}"), .. Enumerable.Range(0, 95).Select(i => $"b{i}")], Drain(queue));
    }

    [Fact]
    public void A_full_queue_in_frames_refuses_under_the_disconnect_policy()
    {
        var queue = new SendQueue(capacity: 2, byteLimit: 1024, SlowConsumerPolicy.Disconnect);
        Offer(queue, "a");
        Offer(queue, "b");

        using var c = new Owned("c");
        Assert.Equal(EnqueueOutcome.Full, queue.TryEnqueue(c.Frame, out _));
        Assert.Equal(["a", "b"], Drain(queue));
    }

    [Fact]
    public void The_byte_limit_counts_too()
    {
        var queue = new SendQueue(capacity: 100, byteLimit: 10, SlowConsumerPolicy.Disconnect);
        Offer(queue, "12345");
        Offer(queue, "67890");

        using var more = new Owned("x");
        Assert.Equal(EnqueueOutcome.Full, queue.TryEnqueue(more.Frame, out _));
    }

    [Fact]
    public void A_frame_larger_than_the_byte_limit_still_goes_into_an_empty_queue()
    {
        var queue = new SendQueue(capacity: 4, byteLimit: 4, SlowConsumerPolicy.Disconnect);

        Assert.Equal(EnqueueOutcome.Queued, Offer(queue, "a large frame"));
        Assert.Equal(["a large frame"], Drain(queue));
    }

    [Fact]
    public void Drop_oldest_makes_room_by_dropping_from_the_head()
    {
        var queue = new SendQueue(capacity: 3, byteLimit: 1024, SlowConsumerPolicy.DropOldest);
        foreach (var text in new[] { "a", "b", "c" })
        {
            Offer(queue, text);
        }

        using var d = new Owned("d");
        Assert.Equal(EnqueueOutcome.QueuedAfterDropping, queue.TryEnqueue(d.Frame, out var dropped));

        Assert.Equal(1, dropped);
        Assert.Equal(["b", "c", "d"], Drain(queue));
    }

    [Fact]
    public void Drop_oldest_drops_as_many_as_the_bytes_need()
    {
        var queue = new SendQueue(capacity: 10, byteLimit: 6, SlowConsumerPolicy.DropOldest);
        foreach (var text in new[] { "aa", "bb", "cc" })
        {
            Offer(queue, text);
        }

        using var big = new Owned("dddd");
        Assert.Equal(EnqueueOutcome.QueuedAfterDropping, queue.TryEnqueue(big.Frame, out var dropped));

        Assert.Equal(2, dropped);
        Assert.Equal(["cc", "dddd"], Drain(queue));
    }

    [Fact]
    public void A_volatile_frame_replaces_the_oldest_stale_copy_of_its_event_and_keeps_the_rest_in_order()
    {
        var queue = new SendQueue(capacity: 4, byteLimit: 1024, SlowConsumerPolicy.Disconnect);
        Offer(queue, "tick1", "tick");
        Offer(queue, "chat1");
        Offer(queue, "tick2", "tick");
        Offer(queue, "chat2");

        using var tick3 = new Owned("tick3", "tick");
        Assert.Equal(EnqueueOutcome.QueuedAfterDropping, queue.TryEnqueue(tick3.Frame, out var dropped));

        Assert.Equal(1, dropped);
        Assert.Equal(["chat1", "tick2", "chat2", "tick3"], Drain(queue));
    }

    [Fact]
    public void A_volatile_frame_with_nothing_to_replace_is_dropped_rather_than_disconnecting()
    {
        var queue = new SendQueue(capacity: 2, byteLimit: 1024, SlowConsumerPolicy.Disconnect);
        Offer(queue, "chat1");
        Offer(queue, "chat2");

        using var tick = new Owned("tick", "tick");
        Assert.Equal(EnqueueOutcome.Dropped, queue.TryEnqueue(tick.Frame, out _));
        Assert.Equal(["chat1", "chat2"], Drain(queue));
    }

    [Fact]
    public async Task Completing_with_discard_releases_what_was_queued_and_refuses_more()
    {
        var queue = new SendQueue(capacity: 4, byteLimit: 1024, SlowConsumerPolicy.Disconnect);
        var a = Frame("a");
        queue.TryEnqueue(a, out _);
        a.Release();

        queue.Complete(discard: true);

        // The queue held the last reference, so the buffer is back in the pool.
        Assert.Throws<ObjectDisposedException>(() => a.Memory);
        using var c = new Owned("c");
        Assert.Equal(EnqueueOutcome.Closed, queue.TryEnqueue(c.Frame, out _));
        Assert.False(await queue.WaitToReadAsync());
    }

    [Fact]
    public async Task A_waiting_reader_wakes_when_a_frame_arrives_and_sees_the_end_after_complete()
    {
        var queue = new SendQueue(capacity: 4, byteLimit: 1024, SlowConsumerPolicy.Disconnect);
        var waiting = queue.WaitToReadAsync();
        Assert.False(waiting.IsCompleted);

        Offer(queue, "a");
        Assert.True(await waiting.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(["a"], Drain(queue));

        var ending = queue.WaitToReadAsync();
        queue.Complete(discard: false);
        Assert.False(await ending.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static SocketFrame Frame(string text, string? volatileKey = null) =>
        SocketFrame.CopyOf(Encoding.UTF8.GetBytes(text), volatileKey);

    /// <summary>Offers a frame and gives up the caller's reference, as a broadcast does.</summary>
    private static EnqueueOutcome Offer(SendQueue queue, string text, string? volatileKey = null)
    {
        var frame = Frame(text, volatileKey);
        var outcome = queue.TryEnqueue(frame, out _);
        frame.Release();
        return outcome;
    }

    private static List<string> Drain(SendQueue queue)
    {
        var taken = new SocketFrame?[16];
        var texts = new List<string>();
        int count;
        while ((count = queue.Dequeue(taken)) > 0)
        {
            for (var i = 0; i < count; i++)
            {
                texts.Add(Encoding.UTF8.GetString(taken[i]!.Memory.Span));
                taken[i]!.Release();
            }
        }
        return texts;
    }

    /// <summary>A frame the test holds one reference to for the length of a using block.</summary>
    private sealed class Owned(string text, string? volatileKey = null) : IDisposable
    {
        public SocketFrame Frame { get; } = SendQueueTests.Frame(text, volatileKey);

        public void Dispose() => Frame.Release();
    }
}
