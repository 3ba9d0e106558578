using System.Buffers.Binary;
using System.Text;
using TypedSockets.Bus;

namespace TypedSockets.Redis;

/// <summary>What an envelope carries.</summary>
internal enum EnvelopeKind : byte
{
    /// <summary>A frame for clients (<see cref="SocketBusMessage"/>).</summary>
    Message = 1,

    /// <summary>A <see cref="SocketBusCommand"/>.</summary>
    Command = 2,

    /// <summary>The answer of the server that applied a command.</summary>
    Ack = 3,

    /// <summary>A server's heartbeat to itself, which proves its subscription alive.</summary>
    Ping = 4,
}

/// <summary>
/// The binary form of what servers send each other over Redis: a fixed header (magic <c>TSB</c>,
/// version, kind, target or command, the sending server's id, a command id), five length-prefixed
/// UTF-8 strings (endpoint, group, client, the client excepted, the volatile event), and the frame bytes exactly
/// as the publishing server serialized them, which every server delivers without decoding.
/// Reading is strict: anything that is not exactly this is refused, never half-read.
/// </summary>
internal readonly record struct Envelope(
    EnvelopeKind Kind,
    byte Code,
    Guid Origin,
    uint CommandId,
    string EndpointRef,
    string? Group,
    string? ClientId,
    string? ExceptClientId,
    string? VolatileEvent,
    ReadOnlyMemory<byte> Payload)
{
    private const byte Version = 1;

    /// <summary>Magic (3), version, kind, code, origin (16), command id (4).</summary>
    private const int HeaderLength = 3 + 1 + 1 + 1 + 16 + 4;

    /// <summary>The longest string a field may hold, in bytes: refs and ids are short, groups are the app's.</summary>
    private const int MaxString = 4096;

    public static Envelope ForMessage(Guid origin, in SocketBusMessage message) => new(
        EnvelopeKind.Message, (byte)message.Target, origin, 0, message.EndpointRef, message.Group, message.ClientId,
        message.ExceptClientId, message.VolatileEvent, message.Payload);

    public static Envelope ForCommand(Guid origin, uint id, in SocketBusCommand command) =>
        new(EnvelopeKind.Command, (byte)command.Kind, origin, id, command.EndpointRef, command.Group, command.ClientId, null, null, default);

    public static Envelope ForAck(Guid origin, uint id, string endpointRef, bool applied) =>
        new(EnvelopeKind.Ack, applied ? (byte)1 : (byte)0, origin, id, endpointRef, null, null, null, null, default);

    public static Envelope ForPing(Guid origin) => new(EnvelopeKind.Ping, 0, origin, 0, string.Empty, null, null, null, null, default);

    /// <summary>The message for local delivery: the frame as received, with its addressing.</summary>
    public SocketBusMessage ToMessage() =>
        new(EndpointRef, (SocketBusTarget)Code, Group, ClientId, ExceptClientId, Payload) { VolatileEvent = VolatileEvent };

    public SocketBusCommand ToCommand() => new(EndpointRef, (SocketBusCommandKind)Code, ClientId, Group);

    public byte[] ToBytes()
    {
        var length = HeaderLength + Size(EndpointRef) + Size(Group) + Size(ClientId) + Size(ExceptClientId) + Size(VolatileEvent) + 4 + Payload.Length;
        var bytes = new byte[length];
        var span = bytes.AsSpan();
        span[0] = (byte)'T';
        span[1] = (byte)'S';
        span[2] = (byte)'B';
        span[3] = Version;
        span[4] = (byte)Kind;
        span[5] = Code;
        Origin.TryWriteBytes(span.Slice(6, 16));
        BinaryPrimitives.WriteUInt32LittleEndian(span.Slice(22, 4), CommandId);
        var at = HeaderLength;
        at = Write(span, at, EndpointRef);
        at = Write(span, at, Group);
        at = Write(span, at, ClientId);
        at = Write(span, at, ExceptClientId);
        at = Write(span, at, VolatileEvent);
        BinaryPrimitives.WriteInt32LittleEndian(span.Slice(at, 4), Payload.Length);
        Payload.Span.CopyTo(span[(at + 4)..]);
        return bytes;
    }

    /// <summary>Reads an envelope; false with the reason for anything else (a foreign publisher, a truncated message).</summary>
    public static bool TryRead(ReadOnlyMemory<byte> bytes, out Envelope envelope, out string? problem)
    {
        envelope = default;
        var span = bytes.Span;
        if (span.Length < HeaderLength || span[0] != 'T' || span[1] != 'S' || span[2] != 'B')
        {
            problem = "not a TypedSockets envelope";
            return false;
        }
        if (span[3] != Version)
        {
            problem = $"envelope version {span[3]}, this server reads {Version}";
            return false;
        }
        var kind = (EnvelopeKind)span[4];
        var code = span[5];
        var valid = kind switch
        {
            EnvelopeKind.Message => code <= (byte)SocketBusTarget.Client,
            EnvelopeKind.Command => code <= (byte)SocketBusCommandKind.Stop,
            EnvelopeKind.Ack => code <= 1,
            EnvelopeKind.Ping => true,
            _ => false,
        };
        if (!valid)
        {
            problem = $"unknown envelope kind {span[4]} or code {code}";
            return false;
        }
        var origin = new Guid(span.Slice(6, 16));
        var commandId = BinaryPrimitives.ReadUInt32LittleEndian(span.Slice(22, 4));
        var at = HeaderLength;
        if (!TryRead(span, ref at, out var endpointRef) || endpointRef is null
            || !TryRead(span, ref at, out var group)
            || !TryRead(span, ref at, out var clientId)
            || !TryRead(span, ref at, out var except)
            || !TryRead(span, ref at, out var volatileEvent)
            || span.Length - at < 4)
        {
            problem = "truncated envelope";
            return false;
        }
        var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(span.Slice(at, 4));
        at += 4;
        if (payloadLength < 0 || payloadLength != span.Length - at)
        {
            problem = "the frame's length does not match the envelope";
            return false;
        }
        if (kind == EnvelopeKind.Message && (payloadLength == 0 || (code != (byte)SocketBusTarget.All && (code == (byte)SocketBusTarget.Group ? group : clientId) is null)))
        {
            problem = "a message without a frame or without its group or client";
            return false;
        }
        envelope = new Envelope(kind, code, origin, commandId, endpointRef, group, clientId, except, volatileEvent, bytes[at..]);
        problem = null;
        return true;
    }

    private static int Size(string? value) => 2 + (value is null ? 0 : Encoding.UTF8.GetByteCount(value));

    /// <summary>A string: its length in bytes (0xFFFF for null), then its UTF-8.</summary>
    private static int Write(Span<byte> span, int at, string? value)
    {
        if (value is null)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span.Slice(at, 2), ushort.MaxValue);
            return at + 2;
        }
        var written = Encoding.UTF8.GetBytes(value, span[(at + 2)..]);
        if (written > MaxString)
        {
            throw new ArgumentException($"'{value[..32]}…' is longer than {MaxString} bytes, the most a bus envelope carries.");
        }
        BinaryPrimitives.WriteUInt16LittleEndian(span.Slice(at, 2), (ushort)written);
        return at + 2 + written;
    }

    private static bool TryRead(ReadOnlySpan<byte> span, ref int at, out string? value)
    {
        value = null;
        if (span.Length - at < 2)
        {
            return false;
        }
        var length = BinaryPrimitives.ReadUInt16LittleEndian(span.Slice(at, 2));
        at += 2;
        if (length == ushort.MaxValue)
        {
            return true;
        }
        if (length > MaxString || span.Length - at < length)
        {
            return false;
        }
        try
        {
            value = Strict.GetString(span.Slice(at, length));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        at += length;
        return true;
    }

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
