using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using Xunit.Sdk;

namespace TypedSockets.Tests.Json;

/// <summary>
/// The reference the generated JSON code is held to: System.Text.Json with the web defaults for
/// writing, and with the web defaults plus the strict reading options for reading.
/// </summary>
internal static class JsonReference
{
    /// <summary>What TypedSockets writes like.</summary>
    public static readonly JsonSerializerOptions Web = Locked(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>What TypedSockets reads like.</summary>
    public static readonly JsonSerializerOptions Strict = Locked(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowDuplicateProperties = false,
    });

    /// <summary>
    /// Iterations per property test: enough to find edge cases, few enough for the folder to run in
    /// seconds. TYPEDSOCKETS_JSON_ITERATIONS raises it for a longer hunt.
    /// </summary>
    public static readonly int Iterations =
        int.TryParse(Environment.GetEnvironmentVariable("TYPEDSOCKETS_JSON_ITERATIONS"), out var iterations) && iterations > 0 ? iterations : 2000;

    private static long Scaled(double share) => Math.Max(1, (long)(Iterations * share));

    private static JsonSerializerOptions Locked(JsonSerializerOptions options)
    {
        options.TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver();
        options.MakeReadOnly();
        return options;
    }

    /// <summary>
    /// For random values: TypedSockets writes exactly System.Text.Json's bytes, or both refuse the value
    /// with the same kind of exception.
    /// </summary>
    public static void AssertWritesLikeStj<T>(Gen<T> gen, double share = 1) where T : ISocketEvent<T> =>
        gen.Sample(value =>
        {
            var expected = Attempt(() => JsonSerializer.SerializeToUtf8Bytes(value, Web));
            var actual = Attempt(() => SocketJson.Serialize(value));
            if (expected.Bytes is not null && actual.Bytes is not null)
            {
                AssertSameBytes(expected.Bytes, actual.Bytes, "writing");
            }
            else if (expected.Error?.GetType() != actual.Error?.GetType())
            {
                throw new XunitException(
                    $"writing: System.Text.Json {Describe(expected)}{Environment.NewLine}TypedSockets {Describe(actual)}");
            }
        }, iter: Scaled(share), print: Print);

    /// <summary>
    /// For random values: reading TypedSockets' own JSON succeeds and writes the same bytes again, and
    /// those bytes are what a System.Text.Json round trip gives.
    /// </summary>
    public static void AssertRoundTrips<T>(Gen<T> gen, double share = 1) where T : ISocketEvent<T> =>
        gen.Sample(value =>
        {
            var written = SocketJson.Serialize(value);
            if (!SocketJson.TryDeserialize<T>(written, out var read, out var error))
            {
                throw new XunitException($"round trip: TypedSockets rejected its own JSON {Show(written)}: {error}");
            }
            var again = SocketJson.Serialize(read);
            var viaStj = JsonSerializer.SerializeToUtf8Bytes(JsonSerializer.Deserialize<T>(written, Strict), Web);
            AssertSameBytes(viaStj, again, "round trip (TypedSockets after reading vs System.Text.Json after reading)");
            if (viaStj.AsSpan().SequenceEqual(written))
            {
                AssertSameBytes(written, again, "round trip (first write vs write after reading)");
            }
        }, iter: Scaled(share), print: Print);

    /// <summary>
    /// For random values, System.Text.Json's JSON and mutations of it: TypedSockets accepts exactly what
    /// System.Text.Json accepts and, when both accept, the two values write the same bytes.
    /// TryDeserialize never throws.
    /// </summary>
    public static void AssertReadsLikeStj<T>(Gen<T> gen, double share = 1) where T : ISocketEvent<T>
    {
        var iter = Scaled(share);
        var accepted = 0;
        var rejected = 0;
        Gen.Select(gen, JsonMutations.Sequence).Sample((value, mutations) =>
        {
            var original = JsonSerializer.SerializeToUtf8Bytes(value, Web);
            var json = JsonMutations.Apply(original, mutations);
            if (CompareReading<T>(json, out var stjAccepted) is { } mismatch)
            {
                throw new XunitException(
                    $"{mismatch}{Environment.NewLine}mutations: {string.Join(", ", mutations)}{Environment.NewLine}from: {Show(original)}");
            }
            Interlocked.Increment(ref stjAccepted ? ref accepted : ref rejected);
        }, iter: iter, print: t => Show(JsonSerializer.SerializeToUtf8Bytes(t.Item1, Web)) + " with " + string.Join(", ", t.Item2));

        // A comparison that only ever sees broken JSON (or only ever valid JSON) would prove little.
        Assert.True(accepted >= iter / 20, $"only {accepted} of {iter} inputs were valid");
        Assert.True(rejected >= iter / 20, $"only {rejected} of {iter} inputs were invalid");
    }

    /// <summary>
    /// Like <see cref="AssertReadsLikeStj{T}"/> for a type System.Text.Json can write but not read (say one
    /// with IReadOnlySet&lt;T&gt; members): System.Text.Json reads <typeparamref name="TTwin"/>, a type of
    /// the same JSON shape, instead. With no mutations this is the round trip.
    /// </summary>
    public static void AssertReadsLikeStjViaTwin<T, TTwin>(Gen<T> gen, double share = 1) where T : ISocketEvent<T>
    {
        var iter = Scaled(share);
        var accepted = 0;
        var rejected = 0;
        Gen.Select(gen, JsonMutations.Sequence).Sample((value, mutations) =>
        {
            var original = JsonSerializer.SerializeToUtf8Bytes(value, Web);
            AssertSameBytes(original, SocketJson.Serialize(value), "writing");
            var json = JsonMutations.Apply(original, mutations);
            var stj = ReadWithStj<TTwin>(json);
            bool ours;
            T read;
            SocketJsonError? error;
            try
            {
                ours = SocketJson.TryDeserialize<T>(json, out read!, out error);
            }
            catch (Exception exception)
            {
                throw new XunitException($"TryDeserialize threw {exception.GetType().Name}: {exception.Message}{Environment.NewLine}json: {Show(json)}");
            }
            if (ours != stj.Accepted)
            {
                throw new XunitException(
                    $"{(stj.Accepted ? "System.Text.Json accepts, TypedSockets rejects" : "System.Text.Json rejects, TypedSockets accepts")}"
                    + $"{Environment.NewLine}json: {Show(json)}{Environment.NewLine}System.Text.Json ({typeof(TTwin).Name}): {stj.Describe()}"
                    + $"{Environment.NewLine}TypedSockets: {(ours ? "accepted" : "rejected: " + error)}{Environment.NewLine}mutations: {string.Join(", ", mutations)}");
            }
            if (ours)
            {
                AssertSameBytes(JsonSerializer.SerializeToUtf8Bytes(stj.Value, Web), SocketJson.Serialize(read), $"after reading {Show(json)} (mutations: {string.Join(", ", mutations)})");
            }
            Interlocked.Increment(ref ours ? ref accepted : ref rejected);
        }, iter: iter, print: t => Show(JsonSerializer.SerializeToUtf8Bytes(t.Item1, Web)) + " with " + string.Join(", ", t.Item2));
        Assert.True(accepted >= iter / 20, $"only {accepted} of {iter} inputs were valid");
        Assert.True(rejected >= iter / 20, $"only {rejected} of {iter} inputs were invalid");
    }

    /// <summary>
    /// Null when TypedSockets and System.Text.Json agree about <paramref name="json"/> (or differ only in
    /// the documented way, or, with <paramref name="explainKnown"/>, in a known bug); otherwise what each did.
    /// </summary>
    public static string? CompareReading<T>(byte[] json, bool explainKnown = true) where T : ISocketEvent<T> =>
        CompareReading<T>(json, out _, explainKnown);

    /// <inheritdoc cref="CompareReading{T}(byte[], bool)"/>
    public static string? CompareReading<T>(byte[] json, out bool stjAccepted, bool explainKnown = true) where T : ISocketEvent<T>
    {
        var stj = ReadWithStj<T>(json);
        stjAccepted = stj.Accepted;
        bool accepted;
        T value;
        SocketJsonError? error;
        try
        {
            accepted = SocketJson.TryDeserialize<T>(json, out value!, out error);
        }
        catch (Exception exception)
        {
            // Never excused: bad input must not throw.
            return $"TryDeserialize threw {exception.GetType().Name}: {exception.Message}{Environment.NewLine}json: {Show(json)}"
                + $"{Environment.NewLine}System.Text.Json: {stj.Describe()}{Environment.NewLine}{exception.StackTrace}";
        }
        string? mismatch = null;
        if (accepted != stj.Accepted)
        {
            if (!accepted && KnownDivergences.IsDocumentedStricterCase(typeof(T), error!))
            {
                return null;
            }
            mismatch = $"{(stj.Accepted ? "System.Text.Json accepts, TypedSockets rejects" : "System.Text.Json rejects, TypedSockets accepts")}"
                + $"{Environment.NewLine}json: {Show(json)}"
                + $"{Environment.NewLine}System.Text.Json: {stj.Describe()}"
                + $"{Environment.NewLine}TypedSockets: {(accepted ? "accepted, then " + Describe(Attempt(() => SocketJson.Serialize(value))) : "rejected: " + error)}";
        }
        else if (accepted)
        {
            // Both may have read a number too large for a double as infinity, which neither can write.
            var ours = Attempt(() => SocketJson.Serialize(value));
            var theirs = Attempt(() => JsonSerializer.SerializeToUtf8Bytes(stj.Value, Web));
            var same = ours.Bytes is not null && theirs.Bytes is not null
                ? ours.Bytes.AsSpan().SequenceEqual(theirs.Bytes)
                : ours.Error?.GetType() == theirs.Error?.GetType();
            if (!same)
            {
                mismatch = $"both accept, but the values differ{Environment.NewLine}json: {Show(json)}"
                    + $"{Environment.NewLine}System.Text.Json read, then {Describe(theirs)}"
                    + $"{Environment.NewLine}TypedSockets read, then     {Describe(ours)}";
            }
        }
        if (mismatch is not null && explainKnown && KnownDivergences.Explain<T>(json) is not null)
        {
            return null;
        }
        return mismatch;
    }

    /// <summary>What System.Text.Json does with the JSON under the strict options.</summary>
    public static StjRead<T> ReadWithStj<T>(byte[] json)
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(json, Strict);
            // TypedSockets rejects a top-level null on purpose (an event is never null); System.Text.Json
            // returns null for it. Count that as a rejection.
            return value is null ? new StjRead<T>(false, value, "returned null for a top-level null") : new StjRead<T>(true, value, null);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or NotSupportedException or ArgumentException or FormatException or OverflowException)
        {
            return new StjRead<T>(false, default, $"{exception.GetType().Name}: {exception.Message}");
        }
    }

    public static void AssertSameBytes(byte[] expected, byte[] actual, string what)
    {
        if (expected.AsSpan().SequenceEqual(actual))
        {
            return;
        }
        var at = expected.AsSpan().CommonPrefixLength(actual);
        throw new XunitException(
            $"{what}: bytes differ at offset {at}{Environment.NewLine}"
            + $"expected (System.Text.Json): {Show(expected)}{Environment.NewLine}"
            + $"actual (TypedSockets):       {Show(actual)}");
    }

    /// <summary>JSON bytes as readable text: control characters and invalid UTF-8 shown as escapes.</summary>
    public static string Show(ReadOnlySpan<byte> utf8)
    {
        var builder = new StringBuilder(utf8.Length + 2);
        builder.Append('`');
        var text = new UTF8Encoding(false, throwOnInvalidBytes: false).GetString(utf8);
        foreach (var c in text)
        {
            if (c < 0x20 || c == 0x7F || c == '\uFFFD' || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u0085' or '\uFEFF')
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }
        builder.Append('`');
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            builder.Append(" (invalid UTF-8; hex ").Append(Convert.ToHexString(utf8)).Append(')');
        }
        return builder.ToString();
    }

    private static string Print<T>(T value)
    {
        try
        {
            return Show(JsonSerializer.SerializeToUtf8Bytes(value, Web));
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or JsonException)
        {
            return $"{value} (System.Text.Json cannot write it: {exception.Message})";
        }
    }

    private static (byte[]? Bytes, Exception? Error) Attempt(Func<byte[]> write)
    {
        try
        {
            return (write(), null);
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or JsonException)
        {
            return (null, exception);
        }
    }

    private static string Describe((byte[]? Bytes, Exception? Error) outcome) =>
        outcome.Bytes is { } bytes ? "wrote " + Show(bytes) : $"threw {outcome.Error!.GetType().Name}: {outcome.Error.Message}";
}

/// <summary>The outcome of a System.Text.Json read.</summary>
internal readonly record struct StjRead<T>(bool Accepted, T? Value, string? Error)
{
    public string Describe() => Accepted ? "accepted" : "rejected: " + Error;
}
