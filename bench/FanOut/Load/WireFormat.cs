using System.Buffers.Text;
using System.Diagnostics;
using FanOut.Servers;

namespace FanOut.Load;

/// <summary>
/// The bytes a client sends to each server, and how to find a delivery in what it receives.
/// Every server gets and sends the same data object, <c>{"sentAt":…,"seq":…,"pad":"xx…"}</c>,
/// padded to the payload size; only the envelope around it differs (TypedSockets' and the raw
/// server's <c>{"event":…,"data":…}</c>, SignalR's invocation message).
/// </summary>
internal sealed class WireFormat
{
    /// <summary>The smallest payload: the data object with an empty pad.</summary>
    public const int MinimumPayload = 64;

    /// <summary>The key whose value is the sender's <see cref="Stopwatch.GetTimestamp"/>; one per delivery.</summary>
    public static ReadOnlySpan<byte> SentAtKey => """{"sentAt":"""u8;

    private static ReadOnlySpan<byte> SeqKey => ""","seq":"""u8;
    private static ReadOnlySpan<byte> PadKey => ",\"pad\":\""u8;
    private static ReadOnlySpan<byte> DataEnd => "\"}"u8;

    // A sequence number has this many digits in a typical run, which the pad length assumes.
    private const int TypicalSeqDigits = 5;

    private readonly byte[] _publishPrefix;
    private readonly byte[] _chatPrefix;
    private readonly byte[] _suffix;

    private WireFormat(string publishPrefix, string chatPrefix, string suffix, byte[]? handshake, int payload)
    {
        _publishPrefix = System.Text.Encoding.UTF8.GetBytes(publishPrefix);
        _chatPrefix = System.Text.Encoding.UTF8.GetBytes(chatPrefix);
        _suffix = System.Text.Encoding.UTF8.GetBytes(suffix);
        Handshake = handshake;
        var timestampDigits = Stopwatch.GetTimestamp().ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        var fixedLength = SentAtKey.Length + timestampDigits + SeqKey.Length + TypicalSeqDigits + PadKey.Length + DataEnd.Length;
        PadLength = Math.Max(0, payload - fixedLength);
        MaxFrameLength = Math.Max(_publishPrefix.Length, _chatPrefix.Length) + fixedLength + 2 * 10 + PadLength + _suffix.Length;
    }

    /// <summary>The first message a client sends after connecting, if the protocol has one.</summary>
    public byte[]? Handshake { get; }

    /// <summary>How many pad characters make the data object about the payload size.</summary>
    public int PadLength { get; }

    public int MaxFrameLength { get; }

    public static WireFormat For(ServerKind kind, int payload) => kind switch
    {
        ServerKind.TypedSockets or ServerKind.Raw =>
            new("""{"event":"publish","data":""", """{"event":"chat","data":""", "}", handshake: null, payload),
        ServerKind.SignalR =>
            new("""{"type":1,"target":"Publish","arguments":[""", """{"type":1,"target":"Chat","arguments":[""", "]}\u001e",
                "{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray(), payload),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Writes the frame of one event (publish to all, or chat to the others) and returns its length.</summary>
    public int Write(Span<byte> destination, bool toOthers, long sentAt, int seq)
    {
        var written = Append(destination, 0, toOthers ? _chatPrefix : _publishPrefix);
        written = Append(destination, written, SentAtKey);
        Utf8Formatter.TryFormat(sentAt, destination[written..], out var digits);
        written = Append(destination, written + digits, SeqKey);
        Utf8Formatter.TryFormat(seq, destination[written..], out digits);
        written = Append(destination, written + digits, PadKey);
        destination.Slice(written, PadLength).Fill((byte)'x');
        written = Append(destination, written + PadLength, DataEnd);
        return Append(destination, written, _suffix);
    }

    /// <summary>
    /// Calls <paramref name="onDelivery"/> with (seq, sentAt) for each event in a received message;
    /// a message may hold several (SignalR writes what is queued as one frame) or none (handshake, ping).
    /// </summary>
    public static int ForEachDelivery<TState>(ReadOnlySpan<byte> message, TState state, Action<TState, int, long> onDelivery)
    {
        var count = 0;
        while (true)
        {
            var at = message.IndexOf(SentAtKey);
            if (at < 0)
            {
                return count;
            }
            message = message[(at + SentAtKey.Length)..];
            if (!Utf8Parser.TryParse(message, out long sentAt, out var consumed)
                || !message[consumed..].StartsWith(SeqKey)
                || !Utf8Parser.TryParse(message[(consumed + SeqKey.Length)..], out int seq, out _))
            {
                continue;
            }
            onDelivery(state, seq, sentAt);
            count++;
        }
    }

    private static int Append(Span<byte> destination, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination[at..]);
        return at + bytes.Length;
    }
}
