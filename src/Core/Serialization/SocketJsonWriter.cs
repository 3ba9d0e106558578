using System.ComponentModel;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TypedSockets.Serialization;

/// <summary>Writers for values whose JSON form needs more than one writer call; called by generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SocketJsonWriter
{
    /// <summary>Writes a <see cref="char"/> as a one-character string.</summary>
    public static void Write(Utf8JsonWriter writer, char value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(new ReadOnlySpan<char>(in value));
    }

    /// <summary>Writes a <see cref="DateOnly"/> as <c>yyyy-MM-dd</c>.</summary>
    public static void Write(Utf8JsonWriter writer, DateOnly value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<char> text = stackalloc char[10];
        value.TryFormat(text, out var written, "yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);
        writer.WriteStringValue(text[..written]);
    }

    /// <summary>Writes a <see cref="TimeOnly"/> as <c>HH:mm:ss[.fffffff]</c>.</summary>
    public static void Write(Utf8JsonWriter writer, TimeOnly value) => Write(writer, value.ToTimeSpan());

    /// <summary>Writes a <see cref="TimeSpan"/> as <c>[-][d.]hh:mm:ss[.fffffff]</c>.</summary>
    public static void Write(Utf8JsonWriter writer, TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<char> text = stackalloc char[32];
        value.TryFormat(text, out var written, "c", CultureInfo.InvariantCulture);
        writer.WriteStringValue(text[..written]);
    }

    /// <summary>Writes a <see cref="Uri"/> as its original string, or <c>null</c>.</summary>
    public static void Write(Utf8JsonWriter writer, Uri? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value?.OriginalString);
    }

    /// <summary>Writes a <see cref="Version"/> as a string, or <c>null</c>.</summary>
    public static void Write(Utf8JsonWriter writer, Version? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value?.ToString());
    }

    /// <summary>Writes a <see cref="Half"/> as the shortest number that reads back the same.</summary>
    public static void Write(Utf8JsonWriter writer, Half value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> text = stackalloc byte[32];
        value.TryFormat(text, out var written, default, CultureInfo.InvariantCulture);
        writer.WriteRawValue(text[..written], skipInputValidation: false);
    }

    /// <summary>Writes an <see cref="Int128"/> as a number.</summary>
    public static void Write(Utf8JsonWriter writer, Int128 value) => WriteNumber(writer, value, quoted: false, namedLiterals: false);

    /// <summary>Writes a <see cref="UInt128"/> as a number.</summary>
    public static void Write(Utf8JsonWriter writer, UInt128 value) => WriteNumber(writer, value, quoted: false, namedLiterals: false);

    /// <summary>Writes a <see cref="JsonElement"/> as it is (compacted).</summary>
    public static void Write(Utf8JsonWriter writer, JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        value.WriteTo(writer);
    }

    /// <summary>Writes a <see cref="JsonNode"/> as it is, or <c>null</c>.</summary>
    public static void Write(Utf8JsonWriter writer, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer);
        }
    }

    /// <summary>
    /// Writes a number as <c>[JsonNumberHandling]</c> asks: in quotes, and with NaN and the
    /// infinities as the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>.
    /// </summary>
    public static void WriteNumber<T>(Utf8JsonWriter writer, T value, bool quoted, bool namedLiterals)
        where T : IUtf8SpanFormattable
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> text = stackalloc byte[64];
        if (!value.TryFormat(text, out var written, default, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("The number does not fit its buffer.");
        }
        var digits = text[..written];
        var isLiteral = digits.SequenceEqual("NaN"u8) || digits.SequenceEqual("Infinity"u8) || digits.SequenceEqual("-Infinity"u8);
        if (isLiteral)
        {
            if (!namedLiterals && !quoted)
            {
                throw new ArgumentException("NaN and infinities are not valid JSON numbers; allow them with JsonNumberHandling.AllowNamedFloatingPointLiterals.", nameof(value));
            }
            writer.WriteStringValue(digits[0] == (byte)'N' ? "NaN"u8 : digits[0] == (byte)'-' ? "-Infinity"u8 : "Infinity"u8);
        }
        else if (quoted)
        {
            // Raw, as System.Text.Json writes it: "1E+20" keeps its '+' unescaped.
            Span<byte> inQuotes = stackalloc byte[written + 2];
            inQuotes[0] = (byte)'"';
            digits.CopyTo(inQuotes[1..]);
            inQuotes[^1] = (byte)'"';
            writer.WriteRawValue(inQuotes, skipInputValidation: true);
        }
        else if (typeof(T) == typeof(double))
        {
            writer.WriteNumberValue(Unsafe.As<T, double>(ref value));
        }
        else if (typeof(T) == typeof(float))
        {
            writer.WriteNumberValue(Unsafe.As<T, float>(ref value));
        }
        else
        {
            writer.WriteRawValue(digits, skipInputValidation: true);
        }
    }

    /// <summary>Writes a nullable number as <c>[JsonNumberHandling]</c> asks, or <c>null</c>.</summary>
    public static void WriteNumber<T>(Utf8JsonWriter writer, T? value, bool quoted, bool namedLiterals)
        where T : struct, IUtf8SpanFormattable
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } present)
        {
            WriteNumber(writer, present, quoted, namedLiterals);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    /// <summary>Writes a dictionary key that is a number or a <see cref="Guid"/> (in its default "D" form).</summary>
    public static void WritePropertyName<T>(Utf8JsonWriter writer, T key)
        where T : IUtf8SpanFormattable
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> text = stackalloc byte[48];
        if (!key.TryFormat(text, out var written, default, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("The key does not fit its buffer.");
        }
        writer.WritePropertyName(text[..written]);
    }

    /// <summary>Writes bytes as a base64 string, or <c>null</c>.</summary>
    public static void WriteBase64(Utf8JsonWriter writer, byte[]? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteBase64StringValue(value);
        }
    }
}
