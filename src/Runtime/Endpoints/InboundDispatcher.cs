using Microsoft.Extensions.Logging;
using TypedSockets.Serialization;
using TypedSockets.Telemetry;

namespace TypedSockets.Endpoints;

/// <summary>
/// The inbound path of one endpoint, from a client's message to its answer: parse the envelope,
/// run the generated dispatch (which reads the event and calls its handler), then answer the
/// <c>ref</c> with the reply, an empty reply or an <c>error</c> frame. A handler's failure ends
/// here as <c>handler_failed</c> (details logged), a <see cref="SocketErrorException"/> as its own
/// code; nothing thrown by a handler reaches the connection. A message the connection refuses
/// (over the rate limit) is answered here too, so every error frame has one writer.
/// </summary>
internal sealed class InboundDispatcher(SocketEndpointHost host, SubscriberRegistry subscribers, ILogger logger)
{
    /// <summary>Handles one message; completes when its handler has and the answer is queued.</summary>
    public async ValueTask DispatchAsync(SocketClient client, ReadOnlyMemory<byte> message)
    {
        if (!Envelope.TryParse(message.Span, out var envelope, out var rawRef, out var problem))
        {
            SendError(client, message.Span[rawRef], SocketErrorCodes.BadFrame, $"Bad frame: {problem}.");
            return;
        }
        // One invocation per client is reused; a client with handlers running side by side gets more.
        var invocation = Interlocked.Exchange(ref client.SpareInvocation, null) ?? new SocketInvocation(client);
        invocation.Reset(message, envelope, subscribers);
        try
        {
            await host.DispatchAsync(invocation).ConfigureAwait(false);
        }
        catch (SocketErrorException refusal)
        {
            invocation.Fail(refusal.Code, refusal.Message);
        }
        catch (OperationCanceledException) when (client.Disconnected.IsCancellationRequested)
        {
            // The client is gone: there is no one to answer.
            Recycle(client, invocation);
            return;
        }
        catch (Exception exception)
        {
            var name = System.Text.Encoding.UTF8.GetString(invocation.EventName);
            Log.HandlerFailed(logger, name, client.Id, exception);
            invocation.Fail(SocketErrorCodes.HandlerFailed, $"The handler for '{name}' failed.");
        }
        if (invocation.ErrorCode is { } code)
        {
            SendError(client, invocation.RefSpan, code, invocation.ErrorMessage ?? code);
        }
        else if (!invocation.Replied && invocation.HasRef)
        {
            // A request whose handler returns nothing is answered all the same, so it can be awaited.
            var frame = FrameWriter.EmptyReply(invocation.RefSpan);
            client.Deliver(frame);
            frame.Release();
        }
        Recycle(client, invocation);
    }

    /// <summary>Answers a message with an error instead of handling it, keeping its <c>ref</c> when it has one.</summary>
    public void Refuse(SocketClient client, ReadOnlySpan<byte> message, string code, string text)
    {
        // Only the ref is wanted from the envelope; a frame too broken to have one is refused all the same.
        Envelope.TryParse(message, out _, out var rawRef, out _);
        SendError(client, message[rawRef], code, text);
    }

    private void SendError(SocketClient client, ReadOnlySpan<byte> rawRef, string code, string message)
    {
        SocketMetrics.ErrorSent(host.Ref, code);
        var frame = FrameWriter.Error(rawRef, code, message);
        client.Deliver(frame);
        frame.Release();
    }

    private static void Recycle(SocketClient client, SocketInvocation invocation)
    {
        invocation.Clear();
        client.SpareInvocation = invocation;
    }
}
