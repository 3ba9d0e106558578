using System.Buffers.Text;
using System.ComponentModel;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TypedSockets.Serialization;

/// <summary>
/// Readers for the JSON primitives, called by generated code. Each follows what
/// <see cref="JsonSerializer"/> accepts with <see cref="JsonSerializerDefaults.Web"/>
/// (numbers may also come quoted) and reports a <see cref="SocketJsonError"/> instead of throwing.
/// The reader is positioned on the value's token.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SocketJsonReader
{
    private const int StackNameLength = 128;

    /// <summary>Reads a string; <c>null</c> reads as <see langword="null"/>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out string? value, [NotNullWhen(false)] out SocketJsonError? error)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                value = reader.GetString();
                error = null;
                return true;
            case JsonTokenType.Null:
                value = null;
                error = null;
                return true;
            default:
                value = null;
                error = Expected("a string", reader.TokenType);
                return false;
        }
    }

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out bool value, [NotNullWhen(false)] out SocketJsonError? error)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                value = true;
                error = null;
                return true;
            case JsonTokenType.False:
                value = false;
                error = null;
                return true;
            default:
                value = false;
                error = Expected("a boolean", reader.TokenType);
                return false;
        }
    }

    /// <summary>Reads a <see cref="byte"/>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out byte value, [NotNullWhen(false)] out SocketJsonError? error) =>
        TryReadNumber(ref reader, out value, out error, static (ref Utf8JsonReader r, out byte v) => r.TryGetByte(out v), "Byte");

    /// <summary>Reads an <see cref="sbyte"/>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out sbyte value, [NotNullWhen(false)] out SocketJsonError? error) =>
        TryReadNumber(ref reader, out value, out error, static (ref Utf8JsonReader r, out sbyte v) => r.TryGetSByte(out v), "SByte");

    /// <summary>Reads a <see cref="short"/>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out short value, [NotNullWhen(false)] out SocketJsonError? error) =>
        TryReadNumber(ref reader, out value, out error, static (ref Utf8JsonReader r, out short v) => r.TryGetInt16(out v), "Int16");

    /// <summary>Reads a <see cref="ushort"/>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out ushort value, [NotNullWhen(false)] out SocketJsonError? error) =>
        TryReadNumber(ref reader, out value, out error, static (ref Utf8JsonReader r, out ushort v) => r.TryGetUInt16(out v), "UInt16");

    /// <summary>Reads an <see cref="int"/>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out int value, [NotNullWhen(false)] out SocketJsonError? error) =>
        TryReadNumber(ref reader, out value, out error, static (ref Utf8JsonReader r, out int v) => r.TryGetInt32(out v), "Int32");

    /// <summary>Reads a <see cref="uint"/>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out uint value, [NotNullWhen(false)] out SocketJsonError? error) =>
        TryReadNumber(ref reader, out value, out error, static (ref Utf8JsonReader r, out uint v) => r.TryGetUInt32(out v), "UInt32");

    /// <summary>Reads a <see cref="long"/>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out long value, [NotNullWhen(false)] out SocketJsonError? error) =>
        TryReadNumber(ref reader, out value, out error, static (ref Utf8JsonReader r, out long v) => r.TryGetInt64(out v), "Int64");

    /// <summary>Reads a <see cref="ulong"/>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out ulong value, [NotNullWhen(false)] out SocketJsonError? error) =>
        TryReadNumber(ref reader, out value, out error, static (ref Utf8JsonReader r, out ulong v) => r.TryGetUInt64(out v), "UInt64");

    /// <summary>Reads a <see cref="float"/>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out float value, [NotNullWhen(false)] out SocketJsonError? error) =>
        TryReadNumber(ref reader, out value, out error, static (ref Utf8JsonReader r, out float v) => r.TryGetSingle(out v), "Single");

    /// <summary>Reads a <see cref="double"/>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out double value, [NotNullWhen(false)] out SocketJsonError? error) =>
        TryReadNumber(ref reader, out value, out error, static (ref Utf8JsonReader r, out double v) => r.TryGetDouble(out v), "Double");

    /// <summary>Reads a <see cref="decimal"/>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out decimal value, [NotNullWhen(false)] out SocketJsonError? error) =>
        TryReadNumber(ref reader, out value, out error, static (ref Utf8JsonReader r, out decimal v) => r.TryGetDecimal(out v), "Decimal");

    /// <summary>Reads bytes from a base64 string; <c>null</c> reads as <see langword="null"/>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out byte[]? value, [NotNullWhen(false)] out SocketJsonError? error)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                value = null;
                error = null;
                return true;
            case JsonTokenType.String when reader.TryGetBytesFromBase64(out value):
                error = null;
                return true;
            case JsonTokenType.String:
                value = null;
                error = SocketJsonError.Create("not valid base64");
                return false;
            default:
                value = null;
                error = Expected("a base64 string", reader.TokenType);
                return false;
        }
    }

    /// <summary>Reads a <see cref="Guid"/> from a string.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out Guid value, [NotNullWhen(false)] out SocketJsonError? error) =>
        TryReadFromString(ref reader, out value, out error, static (ref Utf8JsonReader r, out Guid v) => r.TryGetGuid(out v), "a GUID", "not a valid GUID");

    /// <summary>Reads an ISO 8601 <see cref="DateTime"/> from a string.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out DateTime value, [NotNullWhen(false)] out SocketJsonError? error) =>
        TryReadFromString(ref reader, out value, out error, static (ref Utf8JsonReader r, out DateTime v) => r.TryGetDateTime(out v), "an ISO 8601 date and time", "not a valid ISO 8601 date and time");

    /// <summary>Reads an ISO 8601 <see cref="DateTimeOffset"/> from a string.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out DateTimeOffset value, [NotNullWhen(false)] out SocketJsonError? error) =>
        TryReadFromString(ref reader, out value, out error, static (ref Utf8JsonReader r, out DateTimeOffset v) => r.TryGetDateTimeOffset(out v), "an ISO 8601 date and time", "not a valid ISO 8601 date and time with offset");

    /// <summary>Reads a value the reader parses from a string token, with the same errors for each.</summary>
    private static bool TryReadFromString<T>(
        ref Utf8JsonReader reader,
        out T value,
        [NotNullWhen(false)] out SocketJsonError? error,
        ValueGetter<T> get,
        string what,
        string invalid)
        where T : struct
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            value = default;
            error = Expected("a string holding " + what, reader.TokenType);
            return false;
        }
        if (!get(ref reader, out value))
        {
            error = SocketJsonError.Create(invalid);
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>Reads a <see cref="char"/> from a string of exactly one UTF-16 code unit.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out char value, [NotNullWhen(false)] out SocketJsonError? error)
    {
        value = default;
        if (!TryGetText(ref reader, "a one-character string", out var text, out error))
        {
            return false;
        }
        if (text.Length != 1)
        {
            error = SocketJsonError.Create("expected exactly one character");
            return false;
        }
        value = text[0];
        return true;
    }

    /// <summary>Reads a <see cref="DateOnly"/> written <c>yyyy-MM-dd</c>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out DateOnly value, [NotNullWhen(false)] out SocketJsonError? error)
    {
        value = default;
        if (!TryGetText(ref reader, "a date (yyyy-MM-dd)", out var text, out error))
        {
            return false;
        }
        if (!DateOnly.TryParseExact(text, "yyyy'-'MM'-'dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            error = SocketJsonError.Create("not a valid date (yyyy-MM-dd)");
            return false;
        }
        return true;
    }

    /// <summary>Reads a <see cref="TimeOnly"/> written <c>HH:mm:ss[.fffffff]</c>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out TimeOnly value, [NotNullWhen(false)] out SocketJsonError? error)
    {
        value = default;
        if (!TryGetText(ref reader, "a time of day (HH:mm:ss)", out var text, out error))
        {
            return false;
        }
        if (!TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var time)
            || time < TimeSpan.Zero || time.Ticks >= TimeSpan.TicksPerDay || text.Contains('.') && text.IndexOf('.') < text.IndexOf(':'))
        {
            error = SocketJsonError.Create("not a valid time of day (HH:mm:ss[.fffffff])");
            return false;
        }
        value = TimeOnly.FromTimeSpan(time);
        return true;
    }

    /// <summary>Reads a <see cref="TimeSpan"/> written <c>[-][d.]hh:mm:ss[.fffffff]</c>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out TimeSpan value, [NotNullWhen(false)] out SocketJsonError? error)
    {
        value = default;
        if (!TryGetText(ref reader, "a time span ([-][d.]hh:mm:ss[.fffffff])", out var text, out error))
        {
            return false;
        }
        if (!IsExactKey(text) || !TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out value))
        {
            error = SocketJsonError.Create("not a valid time span ([-][d.]hh:mm:ss[.fffffff])");
            return false;
        }
        return true;
    }

    /// <summary>Reads an absolute or relative <see cref="Uri"/>; <c>null</c> reads as <see langword="null"/>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out Uri? value, [NotNullWhen(false)] out SocketJsonError? error)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            error = null;
            return true;
        }
        if (!TryGetText(ref reader, "a URI string", out var text, out error))
        {
            return false;
        }
        if (!Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out value))
        {
            error = SocketJsonError.Create("not a valid URI");
            return false;
        }
        return true;
    }

    /// <summary>Reads a <see cref="Version"/> such as <c>1.2.3</c>; <c>null</c> reads as <see langword="null"/>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out Version? value, [NotNullWhen(false)] out SocketJsonError? error)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            error = null;
            return true;
        }
        if (!TryGetText(ref reader, "a version string", out var text, out error))
        {
            return false;
        }
        if (text.Length == 0 || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[^1]) || !Version.TryParse(text, out value))
        {
            error = SocketJsonError.Create("not a valid version (major.minor[.build[.revision]])");
            return false;
        }
        return true;
    }

    /// <summary>Reads a <see cref="Half"/>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out Half value, [NotNullWhen(false)] out SocketJsonError? error)
    {
        value = default;
        if (IsNamedFloatingPointLiteral(in reader) && TryParseNamedLiteral(reader.ValueSpan, out double literal))
        {
            value = (Half)literal;
            error = null;
            return true;
        }
        if (!TryGetNumberText(ref reader, out var text, out error))
        {
            return false;
        }
        if (!Half.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !Half.IsFinite(value))
        {
            error = SocketJsonError.Create("number is out of range for Half");
            return false;
        }
        return true;
    }

    /// <summary>Reads an <see cref="Int128"/>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out Int128 value, [NotNullWhen(false)] out SocketJsonError? error)
    {
        value = default;
        if (!TryGetNumberText(ref reader, out var text, out error))
        {
            return false;
        }
        if (!Int128.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            error = SocketJsonError.Create(NumberProblem(text, "Int128"));
            return false;
        }
        return true;
    }

    /// <summary>Reads a <see cref="UInt128"/>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out UInt128 value, [NotNullWhen(false)] out SocketJsonError? error)
    {
        value = default;
        if (!TryGetNumberText(ref reader, out var text, out error))
        {
            return false;
        }
        if (!UInt128.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            error = SocketJsonError.Create(NumberProblem(text, "UInt128"));
            return false;
        }
        return true;
    }

    /// <summary>Reads any JSON value as a <see cref="JsonElement"/> (a copy that outlives the message).</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out JsonElement value, [NotNullWhen(false)] out SocketJsonError? error)
    {
        value = JsonElement.ParseValue(ref reader);
        error = null;
        return true;
    }

    /// <summary>Reads any JSON value as a <see cref="JsonNode"/>; <c>null</c> reads as <see langword="null"/>.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out JsonNode? value, [NotNullWhen(false)] out SocketJsonError? error)
    {
        value = reader.TokenType == JsonTokenType.Null ? null : JsonNode.Parse(ref reader);
        error = null;
        return true;
    }

    /// <summary>
    /// The name of the property the reader is on, unescaped. Uses <paramref name="scratch"/> when
    /// the name is escaped and fits; allocates only for long escaped names.
    /// </summary>
    public static ReadOnlySpan<byte> GetPropertyName(in Utf8JsonReader reader, Span<byte> scratch)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }
        var target = reader.ValueSpan.Length <= scratch.Length ? scratch : new byte[reader.ValueSpan.Length];
        var written = reader.CopyString(target);
        return target[..written];
    }

    /// <summary>The size of the scratch buffer generated code passes to <see cref="GetPropertyName"/>.</summary>
    public static int PropertyNameScratchLength => StackNameLength;

    /// <summary>
    /// Whether a JSON property name matches a member's name: exactly, or ignoring case as
    /// <see cref="JsonSerializerDefaults.Web"/> does.
    /// </summary>
    public static bool NameMatches(ReadOnlySpan<byte> actual, ReadOnlySpan<byte> expected)
    {
        if (actual.SequenceEqual(expected))
        {
            return true;
        }
        if (Ascii.IsValid(actual) && Ascii.IsValid(expected))
        {
            return Ascii.EqualsIgnoreCase(actual, expected);
        }
        return string.Equals(Encoding.UTF8.GetString(actual), Encoding.UTF8.GetString(expected), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Turns a property name into a string for a dictionary key or an error path.</summary>
    public static string NameToString(ReadOnlySpan<byte> name) => Encoding.UTF8.GetString(name);

    /// <summary>An error saying what was expected and what came instead.</summary>
    public static SocketJsonError Expected(string what, JsonTokenType actual) =>
        SocketJsonError.Create($"expected {what}, got {SocketJsonError.Describe(actual)}");

    /// <summary>
    /// Whether text has no surrounding whitespace or NUL characters, which the .NET parsers used for
    /// keys and time spans would otherwise forgive and System.Text.Json does not.
    /// </summary>
    public static bool IsExactKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 || (!char.IsWhiteSpace(text[0]) && !char.IsWhiteSpace(text[^1]) && !text.Contains('\0', StringComparison.Ordinal));
    }

    /// <summary>The unescaped text of a string token.</summary>
    private static bool TryGetText(ref Utf8JsonReader reader, string what, out string text, [NotNullWhen(false)] out SocketJsonError? error)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            text = string.Empty;
            error = Expected(what, reader.TokenType);
            return false;
        }
        text = reader.GetString()!;
        error = null;
        return true;
    }

    /// <summary>The text of a number token, or of a string holding a JSON number (web defaults allow both).</summary>
    private static bool TryGetNumberText(ref Utf8JsonReader reader, out string text, [NotNullWhen(false)] out SocketJsonError? error)
    {
        text = string.Empty;
        if (reader.TokenType == JsonTokenType.Number)
        {
            text = Encoding.UTF8.GetString(reader.ValueSpan);
            error = null;
            return true;
        }
        if (reader.TokenType == JsonTokenType.String)
        {
            text = reader.GetString()!;
            var inner = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
            try
            {
                if (text.Length > 0 && LooksLikeJsonNumber(Encoding.UTF8.GetBytes(text[..1])) && inner.Read()
                    && inner.TokenType == JsonTokenType.Number && inner.BytesConsumed == Encoding.UTF8.GetByteCount(text))
                {
                    error = null;
                    return true;
                }
            }
            catch (JsonException)
            {
                // not a number: the error below
            }
            error = SocketJsonError.Create("the string is not a number");
            return false;
        }
        error = Expected("a number", reader.TokenType);
        return false;
    }

    private static string NumberProblem(string number, string typeName) =>
        NumberProblem(Encoding.UTF8.GetBytes(number), typeName);

    private delegate bool ValueGetter<T>(ref Utf8JsonReader reader, out T value);

    private static bool TryReadNumber<T>(
        ref Utf8JsonReader reader,
        out T value,
        [NotNullWhen(false)] out SocketJsonError? error,
        ValueGetter<T> get,
        string typeName)
        where T : struct
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (get(ref reader, out value))
            {
                error = null;
                return true;
            }
            error = SocketJsonError.Create(NumberProblem(reader.ValueSpan, typeName));
            return false;
        }
        if (reader.TokenType == JsonTokenType.String)
        {
            // The web defaults accept numbers written as strings ("42"), parsed as a JSON number.
            return TryReadQuotedNumber(ref reader, out value, out error, get, typeName);
        }
        value = default;
        error = Expected("a number", reader.TokenType);
        return false;
    }

    private static bool TryReadQuotedNumber<T>(
        ref Utf8JsonReader reader,
        out T value,
        [NotNullWhen(false)] out SocketJsonError? error,
        ValueGetter<T> get,
        string typeName)
        where T : struct
    {
        value = default;
        Span<byte> scratch = stackalloc byte[StackNameLength];
        var text = GetPropertyName(in reader, scratch);
        // As System.Text.Json does for quoted numbers: the invariant number parser over the whole
        // text, which also takes a leading '+', leading zeros, ".5" and the named literals.
        if (TryParseQuoted(text, out value, out var outOfRange))
        {
            error = null;
            return true;
        }
        error = SocketJsonError.Create(outOfRange ? NumberProblem(text, typeName) : $"the string is not a number ({typeName})");
        return false;
    }

    private static bool TryParseQuoted<T>(ReadOnlySpan<byte> text, out T value, out bool outOfRange)
        where T : struct
    {
        value = default;
        outOfRange = false;
        int consumed;
        bool parsed;
        if (typeof(T) == typeof(double))
        {
            parsed = Utf8Parser.TryParse(text, out double number, out consumed) && consumed == text.Length;
            if (parsed && !double.IsFinite(number) && !IsNamedLiteral(text))
            {
                outOfRange = true;
                return false;
            }
            value = Unsafe.As<double, T>(ref number);
            return parsed || TryParseNamedLiteral(text, out value);
        }
        if (typeof(T) == typeof(float))
        {
            parsed = Utf8Parser.TryParse(text, out float number, out consumed) && consumed == text.Length;
            if (parsed && !float.IsFinite(number) && !IsNamedLiteral(text))
            {
                outOfRange = true;
                return false;
            }
            value = Unsafe.As<float, T>(ref number);
            return parsed || TryParseNamedLiteral(text, out value);
        }
        if (typeof(T) == typeof(decimal))
        {
            parsed = Utf8Parser.TryParse(text, out decimal number, out consumed) && consumed == text.Length;
            value = Unsafe.As<decimal, T>(ref number);
            return parsed;
        }
        // Integers: parse wide, then check the range, so "300" for a byte says out of range. Unsigned
        // types take no sign at all, as the unsigned parsers System.Text.Json uses do ("-0" is refused).
        if (typeof(T) == typeof(ulong) || typeof(T) == typeof(uint) || typeof(T) == typeof(ushort) || typeof(T) == typeof(byte))
        {
            parsed = Utf8Parser.TryParse(text, out ulong wide, out consumed) && consumed == text.Length;
            if (!parsed)
            {
                outOfRange = Utf8Parser.TryParse(text, out decimal _, out consumed) && consumed == text.Length && text[0] != (byte)'-';
                return false;
            }
            var fitsUnsigned = true;
            if (typeof(T) == typeof(ulong)) { value = Unsafe.As<ulong, T>(ref wide); }
            else if (typeof(T) == typeof(uint)) { fitsUnsigned = wide <= uint.MaxValue; var v = (uint)wide; value = Unsafe.As<uint, T>(ref v); }
            else if (typeof(T) == typeof(ushort)) { fitsUnsigned = wide <= ushort.MaxValue; var v = (ushort)wide; value = Unsafe.As<ushort, T>(ref v); }
            else { fitsUnsigned = wide <= byte.MaxValue; var v = (byte)wide; value = Unsafe.As<byte, T>(ref v); }
            outOfRange = !fitsUnsigned;
            return fitsUnsigned;
        }
        parsed = Utf8Parser.TryParse(text, out long signed, out consumed) && consumed == text.Length;
        if (!parsed)
        {
            outOfRange = Utf8Parser.TryParse(text, out decimal _, out consumed) && consumed == text.Length;
            return false;
        }
        var fits = true;
        if (typeof(T) == typeof(int)) { fits = signed is >= int.MinValue and <= int.MaxValue; var v = (int)signed; value = Unsafe.As<int, T>(ref v); }
        else if (typeof(T) == typeof(long)) { value = Unsafe.As<long, T>(ref signed); }
        else if (typeof(T) == typeof(short)) { fits = signed is >= short.MinValue and <= short.MaxValue; var v = (short)signed; value = Unsafe.As<short, T>(ref v); }
        else if (typeof(T) == typeof(sbyte)) { fits = signed is >= sbyte.MinValue and <= sbyte.MaxValue; var v = (sbyte)signed; value = Unsafe.As<sbyte, T>(ref v); }
        else { fits = false; }
        outOfRange = !fits;
        return fits;
    }

    /// <summary>Whether the reader is on the string <c>"NaN"</c>, <c>"Infinity"</c> or <c>"-Infinity"</c>.</summary>
    public static bool IsNamedFloatingPointLiteral(in Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && IsNamedLiteral(reader.ValueSpan);

    private static bool IsNamedLiteral(ReadOnlySpan<byte> text) =>
        text.SequenceEqual("NaN"u8) || text.SequenceEqual("Infinity"u8) || text.SequenceEqual("-Infinity"u8);

    private static bool TryParseNamedLiteral<T>(ReadOnlySpan<byte> text, out T value)
        where T : struct
    {
        value = default;
        double number;
        if (text.SequenceEqual("NaN"u8))
        {
            number = double.NaN;
        }
        else if (text.SequenceEqual("Infinity"u8))
        {
            number = double.PositiveInfinity;
        }
        else if (text.SequenceEqual("-Infinity"u8))
        {
            number = double.NegativeInfinity;
        }
        else
        {
            return false;
        }
        if (typeof(T) == typeof(float))
        {
            var single = (float)number;
            value = Unsafe.As<float, T>(ref single);
        }
        else
        {
            value = Unsafe.As<double, T>(ref number);
        }
        return true;
    }

    /// <summary>Why a well-formed JSON number does not fit: a fraction or exponent for an integer type, or its size.</summary>
    private static string NumberProblem(ReadOnlySpan<byte> number, string typeName)
    {
        var integral = typeName is not ("Single" or "Double" or "Decimal");
        return integral && number.IndexOfAny(".eE"u8) >= 0
            ? $"expected an integer ({typeName}), got a number with a fraction or exponent"
            : $"number is out of range for {typeName}";
    }

    private static bool LooksLikeJsonNumber(ReadOnlySpan<byte> text)
    {
        var first = text[0];
        return first == (byte)'-' || (first >= (byte)'0' && first <= (byte)'9');
    }


}
