using System.Text.Json;

namespace TypedSockets.Serialization;

/// <summary>
/// The parts of an inbound frame <c>{"event":…,"data":…,"ref":…}</c>, as positions in the
/// message, so the data can be read by the event's own reader without a copy. Properties may
/// come in any order; unknown ones are ignored.
/// </summary>
internal readonly struct Envelope
{
    // The envelope is one level deeper than the data it carries.
    /// <summary>
    /// The envelope only skips over <c>data</c>; its depth is checked where it is read (64 levels,
    /// an <c>invalid_data</c> naming the event). This bound only keeps absurd nesting from costing
    /// more than a glance.
    /// </summary>
    internal const int MaxFrameDepth = 1024;

    private static readonly JsonReaderOptions Options = new() { MaxDepth = MaxFrameDepth };

    private const int MaxRefLength = 256;

    private Envelope(byte[]? unescapedName, Range name, Range data, Range @ref)
    {
        UnescapedName = unescapedName;
        Name = name;
        Data = data;
        Ref = @ref;
    }

    /// <summary>The event name when it was written with escapes; otherwise <see cref="Name"/> locates it.</summary>
    public byte[]? UnescapedName { get; }

    public Range Name { get; }

    /// <summary>The data value's bytes; empty when the frame has no <c>data</c>.</summary>
    public Range Data { get; }

    /// <summary>The <c>ref</c> token exactly as sent (with quotes for a string); empty when there is none.</summary>
    public Range Ref { get; }

    public static bool TryParse(ReadOnlySpan<byte> message, out Envelope envelope, out Range @ref, out string? problem)
    {
        envelope = default;
        @ref = default;
        byte[]? unescapedName = null;
        Range name = default, data = default;
        bool hasName = false, hasData = false, hasRef = false;
        var reader = new Utf8JsonReader(message, Options);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problem = "a frame must be a JSON object";
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("event"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String || hasName)
                    {
                        problem = hasName ? "'event' appears twice" : "'event' must be a string";
                        return false;
                    }
                    hasName = true;
                    var start = (int)reader.TokenStartIndex + 1;
                    name = start..(start + reader.ValueSpan.Length);
                    if (reader.ValueIsEscaped)
                    {
                        unescapedName = new byte[reader.ValueSpan.Length];
                        unescapedName = unescapedName[..reader.CopyString(unescapedName)];
                    }
                }
                else if (reader.ValueTextEquals("data"u8))
                {
                    if (hasData)
                    {
                        problem = "'data' appears twice";
                        return false;
                    }
                    hasData = true;
                    reader.Read();
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    data = start..(int)reader.BytesConsumed;
                }
                else if (reader.ValueTextEquals("ref"u8))
                {
                    if (hasRef)
                    {
                        problem = "'ref' appears twice";
                        return false;
                    }
                    hasRef = true;
                    reader.Read();
                    var start = (int)reader.TokenStartIndex;
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.String or JsonTokenType.Number:
                            @ref = start..(int)reader.BytesConsumed;
                            if (@ref.GetOffsetAndLength(message.Length).Length > MaxRefLength)
                            {
                                @ref = default;
                                problem = $"'ref' is longer than {MaxRefLength} bytes";
                                return false;
                            }
                            break;
                        case JsonTokenType.Null:
                            break;
                        default:
                            problem = "'ref' must be a string or a number";
                            return false;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            // Anything after the object (a second value, garbage) makes the reader throw here.
            if (reader.Read())
            {
                problem = "a frame must hold exactly one JSON object";
                return false;
            }
        }
        catch (JsonException exception)
        {
            problem = SocketJson.DescribeMalformed(exception);
            return false;
        }
        catch (InvalidOperationException)
        {
            // CopyString refuses an escape that is not valid UTF-16, such as a lone "\uD800".
            problem = "'event' holds an escape that is not valid UTF-16";
            return false;
        }
        if (!hasName)
        {
            problem = "a frame must have an 'event' string";
            return false;
        }
        envelope = new Envelope(unescapedName, name, data, @ref);
        problem = null;
        return true;
    }
}
