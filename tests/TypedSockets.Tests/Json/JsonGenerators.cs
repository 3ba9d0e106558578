using CsCheck;

namespace TypedSockets.Tests.Json;

/// <summary>
/// CsCheck generators for the catalogue's types. Values lean towards the edges JSON code gets wrong:
/// strings that need escaping, numbers at their limits, decimals with odd scales, every DateTime kind.
/// </summary>
internal static class JsonGenerators
{
    // ---- strings ----

    private static readonly Gen<string> AsciiPrintable = Gen.Char[' ', '~'].Select(c => c.ToString());

    private static readonly Gen<string> HtmlSensitive = Gen.OneOf("\"", "\\", "/", "<", ">", "&", "'", "+", "`", "\u007F");

    private static readonly Gen<string> Control = Gen.Char['\0', '\u001F'].Select(c => c.ToString());

    private static readonly Gen<string> TwoByteUtf8 = Gen.Char['\u0080', '\u07FF'].Select(c => c.ToString());

    private static readonly Gen<string> ThreeByteUtf8 = Gen.OneOf(Gen.Char['\u0800', '\uD7FF'], Gen.Char['\uE000', '\uFFFF']).Select(c => c.ToString());

    private static readonly Gen<string> SurrogatePair = Gen.Int[0x10000, 0x10FFFF].Select(char.ConvertFromUtf32);

    private static readonly Gen<string> UnicodeSpecial = Gen.OneOf("\u2028", "\u2029", "\uFEFF", "\u0085", "\u200B", "\u00A0", "é", "e\u0301", "ß", "İ", "ı", "\u212A", "ſ", "😀", "👩‍👩‍👧");

    private static readonly Gen<string> Segment = Gen.Frequency(
        (10, AsciiPrintable),
        (3, HtmlSensitive),
        (2, Control),
        (2, TwoByteUtf8),
        (2, ThreeByteUtf8),
        (2, SurrogatePair),
        (1, UnicodeSpecial));

    private static readonly Gen<string> Interesting = Gen.OneOf(
        string.Empty, " ", "null", "true", "0", "-1", "1e40", "\"", "\\u0000", "\\", "\u0000", "{}", "[]", "a\"b\\c/d",
        new string('x', 200), new string('é', 150), string.Concat(Enumerable.Repeat("😀", 70)));

    /// <summary>Strings with escapes, control characters, HTML-sensitive and non-ASCII characters, surrogate pairs.</summary>
    public static readonly Gen<string> String = Gen.Frequency(
        (8, Segment.Array[0, 12].Select(parts => string.Concat(parts))),
        (1, Interesting),
        (1, Segment.Array[40, 80].Select(parts => string.Concat(parts))));

    /// <summary>Like <see cref="String"/>, and sometimes a lone surrogate (invalid UTF-16).</summary>
    public static readonly Gen<string> StringWithLoneSurrogates = Gen.Frequency(
        (9, String),
        (1, Gen.Select(String, Gen.Char['\uD800', '\uDFFF'], String, (a, s, b) => a + s + b)));

    /// <summary>Strings for dictionary keys and names: mostly short.</summary>
    public static readonly Gen<string> Key = Gen.Frequency(
        (6, Gen.Char['a', 'z'].Array[1, 6].Select(c => new string(c))),
        (3, Segment.Array[0, 4].Select(parts => string.Concat(parts))),
        (1, Interesting));

    public static readonly Gen<string?> NullableString = String.Null(0.2);

    // ---- integers ----

    public static readonly Gen<byte> Byte = Gen.Frequency((4, Gen.Byte), (1, Gen.OneOf(byte.MinValue, byte.MaxValue, (byte)1)));

    public static readonly Gen<sbyte> SByte = Gen.Frequency((4, Gen.SByte), (1, Gen.OneOf(sbyte.MinValue, sbyte.MaxValue, (sbyte)-1, (sbyte)0)));

    public static readonly Gen<short> Short = Gen.Frequency((4, Gen.Short), (1, Gen.OneOf(short.MinValue, short.MaxValue, (short)-1, (short)0)));

    public static readonly Gen<ushort> UShort = Gen.Frequency((4, Gen.UShort), (1, Gen.OneOf(ushort.MinValue, ushort.MaxValue)));

    public static readonly Gen<int> Int = Gen.Frequency((4, Gen.Int), (2, Gen.Int[-1000, 1000]), (1, Gen.OneOf(int.MinValue, int.MaxValue, -1, 0)));

    public static readonly Gen<uint> UInt = Gen.Frequency((4, Gen.UInt), (1, Gen.OneOf(uint.MinValue, uint.MaxValue)));

    public static readonly Gen<long> Long = Gen.Frequency((4, Gen.Long), (1, Gen.OneOf(long.MinValue, long.MaxValue, -1L, 0L, 9007199254740993L)));

    public static readonly Gen<ulong> ULong = Gen.Frequency((4, Gen.ULong), (1, Gen.OneOf(ulong.MinValue, ulong.MaxValue, 9007199254740993UL)));

    // ---- floating point (finite only: System.Text.Json refuses to write NaN and infinities) ----

    public static readonly Gen<double> Double = Gen.Frequency(
        (4, Gen.Long.Select(BitConverter.Int64BitsToDouble)),
        (3, Gen.Double),
        (2, Gen.Double[-1e6, 1e6]),
        (2, Gen.OneOf(
            0.0, -0.0, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, 1e-300, 2.2250738585072014E-308,
            0.1, 1.0 / 3, 1e15, 1e16, 1e17, 1e21, 1e22, 1e-7, 123456789012345678, 9007199254740992, 9007199254740993,
            3.4028234663852886E+38, 1.401298464324817E-45, -1.5, 100, 5e-324)))
        .Where(double.IsFinite);

    public static readonly Gen<float> Float = Gen.Frequency(
        (4, Gen.Int.Select(BitConverter.Int32BitsToSingle)),
        (3, Gen.Float),
        (2, Gen.Float[-1e6f, 1e6f]),
        (2, Gen.OneOf(0f, -0f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue, 1e-38f, 0.1f, 1f / 3, 16777217f, 1e7f, 1e-7f, 3.4e38f)))
        .Where(float.IsFinite);

    public static readonly Gen<decimal> Decimal = Gen.Frequency(
        (4, Gen.Select(Gen.Int, Gen.Int, Gen.Int, Gen.Bool, Gen.Byte[0, 28], (lo, mid, hi, negative, scale) => new decimal(lo, mid, hi, negative, scale))),
        (3, Gen.Select(Gen.Int, Gen.Bool, Gen.Byte[0, 28], (lo, negative, scale) => new decimal(lo, 0, 0, negative, scale))),
        (2, Gen.OneOf(
            0m, 0.0m, 0.00000m, new decimal(0, 0, 0, true, 0), new decimal(0, 0, 0, true, 3), 1m, 1.0m, 1.10m, -1.5m,
            decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m, 7.9228162514264337593543950335m, 1e-28m)));

    // ---- other primitives ----

    public static readonly Gen<Guid> Guid = Gen.Frequency((9, Gen.Guid), (1, Gen.Const(System.Guid.Empty)));

    private static readonly Gen<long> Ticks = Gen.Frequency(
        (4, Gen.Long[System.DateTime.MinValue.Ticks, System.DateTime.MaxValue.Ticks]),
        (2, Gen.Long[0, System.DateTime.MaxValue.Ticks / TimeSpan.TicksPerSecond].Select(s => s * TimeSpan.TicksPerSecond)),
        (2, Gen.Long[0, System.DateTime.MaxValue.Ticks / TimeSpan.TicksPerMillisecond].Select(ms => ms * TimeSpan.TicksPerMillisecond)),
        (1, Gen.OneOf(System.DateTime.MinValue.Ticks, System.DateTime.MaxValue.Ticks, System.DateTime.UnixEpoch.Ticks, System.DateTime.UnixEpoch.Ticks + 1)));

    /// <summary>All three kinds. Local times stay a day away from the ends of the range, so the local offset cannot push them out.</summary>
    public static readonly Gen<DateTime> DateTime = Gen.Select(Ticks, Gen.Enum<DateTimeKind>())
        .Select((ticks, kind) => kind == DateTimeKind.Local
            ? new System.DateTime(Math.Clamp(ticks, TimeSpan.TicksPerDay, System.DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay), kind)
            : new System.DateTime(ticks, kind));

    private static readonly Gen<TimeSpan> Offset = Gen.Frequency(
        (3, Gen.Int[-14 * 60, 14 * 60].Select(minutes => TimeSpan.FromMinutes(minutes))),
        (1, Gen.OneOf(TimeSpan.Zero, TimeSpan.FromHours(14), TimeSpan.FromHours(-14), TimeSpan.FromMinutes(330), TimeSpan.FromMinutes(-570))));

    public static readonly Gen<DateTimeOffset> DateTimeOffset = Gen.Select(Ticks, Offset)
        .Where((ticks, offset) => ticks - offset.Ticks >= 0 && ticks - offset.Ticks <= System.DateTime.MaxValue.Ticks)
        .Select((ticks, offset) => new DateTimeOffset(ticks, offset));

    public static readonly Gen<byte[]> Bytes = Gen.Frequency(
        (6, Gen.Byte.Array[0, 40]),
        (1, Gen.Const(() => Array.Empty<byte>())),
        (1, Gen.Byte.Array[200, 400]));

    // ---- enums: every underlying value, named or not ----

    public static readonly Gen<JsonByteEnum> ByteEnum = Byte.Select(v => (JsonByteEnum)v);

    public static readonly Gen<JsonSByteEnum> SByteEnum = SByte.Select(v => (JsonSByteEnum)v);

    public static readonly Gen<JsonShortEnum> ShortEnum = Short.Select(v => (JsonShortEnum)v);

    public static readonly Gen<JsonUShortEnum> UShortEnum = UShort.Select(v => (JsonUShortEnum)v);

    public static readonly Gen<JsonIntEnum> IntEnum = Gen.Frequency((1, Gen.Enum<JsonIntEnum>()), (1, Int.Select(v => (JsonIntEnum)v)));

    public static readonly Gen<JsonUIntEnum> UIntEnum = UInt.Select(v => (JsonUIntEnum)v);

    public static readonly Gen<JsonLongEnum> LongEnum = Gen.Frequency((1, Gen.Enum<JsonLongEnum>()), (1, Long.Select(v => (JsonLongEnum)v)));

    public static readonly Gen<JsonULongEnum> ULongEnum = Gen.Frequency((1, Gen.Enum<JsonULongEnum>()), (1, ULong.Select(v => (JsonULongEnum)v)));

    public static readonly Gen<JsonFlags> Flags = Gen.Int[-1, 8].Select(v => (JsonFlags)v);

    // ---- collections ----

    public static Gen<List<T>> ListOf<T>(Gen<T> element, int max = 5) => element.List[0, max];

    public static Gen<Dictionary<string, T>> DictionaryOf<T>(Gen<T> value, int max = 4) =>
        Gen.Select(Key, value).Array[0, max].Select(pairs =>
        {
            var dictionary = new Dictionary<string, T>(StringComparer.Ordinal);
            foreach (var (key, item) in pairs)
            {
                dictionary.TryAdd(key, item);
            }
            return dictionary;
        });

    // ---- catalogue types ----

    public static readonly Gen<JsonPoint> Point = Gen.Select(Double, Double, (x, y) => new JsonPoint(x, y));

    public static readonly Gen<JsonSize> Size = Gen.Select(Int, Int, (w, h) => new JsonSize { Width = w, Height = h });

    public static readonly Gen<JsonPrimitives> Primitives = Gen.Select(
        Gen.Select(String, Gen.Bool, Byte, SByte, Short, UShort, Int, UInt),
        Gen.Select(Long, ULong, Float, Double, Decimal, Guid, DateTime, DateTimeOffset),
        Bytes,
        (a, b, blob) => new JsonPrimitives(a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, a.Item6, a.Item7, a.Item8, b.Item1, b.Item2, b.Item3, b.Item4, b.Item5, b.Item6, b.Item7, b.Item8, blob));

    public static readonly Gen<JsonEnums> Enums = Gen.Select(
        Gen.Select(ByteEnum, SByteEnum, ShortEnum, UShortEnum, IntEnum, UIntEnum, LongEnum, ULongEnum),
        Gen.Select(Flags, IntEnum.Nullable(0.3), ULongEnum.Nullable(0.3)),
        (a, b) => new JsonEnums(a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, a.Item6, a.Item7, a.Item8, b.Item1, b.Item2, b.Item3));

    public static readonly Gen<JsonNullables> Nullables = Gen.Select(
        Gen.Select(NullableString, Gen.Bool.Nullable(0.3), Byte.Nullable(0.3), SByte.Nullable(0.3), Short.Nullable(0.3), UShort.Nullable(0.3), Int.Nullable(0.3), UInt.Nullable(0.3)),
        Gen.Select(Long.Nullable(0.3), ULong.Nullable(0.3), Float.Nullable(0.3), Double.Nullable(0.3), Decimal.Nullable(0.3), Guid.Nullable(0.3), DateTime.Nullable(0.3), DateTimeOffset.Nullable(0.3)),
        Gen.Select(Bytes.Null(0.3), Point.Nullable(0.3)),
        (a, b, c) => new JsonNullables(a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, a.Item6, a.Item7, a.Item8, b.Item1, b.Item2, b.Item3, b.Item4, b.Item5, b.Item6, b.Item7, b.Item8, c.Item1, c.Item2));

    public static readonly Gen<JsonCollections> Collections = Gen.Select(
        Gen.Select(Int.Array[0, 6], ListOf(String), ListOf(Double), ListOf(Long.Nullable(0.3)), ListOf(Guid), Gen.Bool.Array[0, 6], Decimal.Array[0, 4], DictionaryOf(Int)),
        Gen.Select(DictionaryOf(String), DictionaryOf(DateTime), ListOf(Int.Array[0, 3], 3), DictionaryOf(ListOf(Int.Nullable(0.3), 3), 3), Bytes.Array[0, 3], ListOf(String).Null(0.3), DictionaryOf(Bytes, 3).Null(0.3)),
        (a, b) => new JsonCollections(a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, a.Item6, a.Item7, a.Item8, b.Item1, b.Item2, b.Item3, b.Item4, b.Item5, b.Item6, b.Item7));

    public static readonly Gen<JsonTag> Tag = Gen.Select(String, IntEnum, DictionaryOf(Int.Nullable(0.3), 3).Null(0.4), (label, kind, extra) => new JsonTag(label, kind, extra));

    public static readonly Gen<JsonItem> Item = Gen.Select(String, DictionaryOf(Int.Nullable(0.3)), Point, Size, Point.Nullable(0.5), ListOf(Tag, 3))
        .Select((name, counts, point, size, maybe, tags) => new JsonItem(name, counts, point, size, maybe, tags));

    public static readonly Gen<JsonNested> Nested = Gen.Select(
        ListOf(Item, 3),
        DictionaryOf(Item, 2),
        Item.Null(0.4),
        Item.Array[0, 2].Null(0.4),
        DictionaryOf(ListOf(Tag, 2), 2),
        ListOf(DictionaryOf(Int.Nullable(0.3), 3), 3),
        (items, byName, featured, archive, tagGroups, tables) => new JsonNested(items, byName, featured, archive, tagGroups, tables));

    /// <summary>Trees at most five levels deep, so writing never nears the 64-level limit.</summary>
    public static readonly Gen<JsonTreeNode> Tree = Gen.Recursive<JsonTreeNode>((depth, self) =>
        depth >= 4
            ? Gen.Select(String, Int, Gen.Bool, (name, value, hasChildren) => new JsonTreeNode(name, value, hasChildren ? [] : null))
            : Gen.Select(String, Int, self.List[0, 3].Null(0.3), (name, value, children) => new JsonTreeNode(name, value, children)));

    public static readonly Gen<JsonMembers> Members = Gen.Select(
        Gen.Select(String, Int, ListOf(Tag, 3), Size),
        Gen.Select(NullableString, Int, Double, ListOf(Int).Null(0.4), DictionaryOf(String).Null(0.4)),
        (a, b) => new JsonMembers
        {
            Title = a.Item1,
            Count = a.Item2,
            Tags = a.Item3,
            Size = a.Item4,
            Note = b.Item1,
            Level = b.Item2,
            Ratio = b.Item3,
            Items = b.Item4,
            Map = b.Item5,
        });

    public static readonly Gen<JsonInitDefaults> InitDefaults = Gen.Select(String, Int, NullableString, IntEnum, ListOf(Int).Null(0.3), Int)
        .Select((id, retries, label, kind, values, settable) => new JsonInitDefaults
        {
            Id = id,
            Retries = retries,
            Label = label,
            Kind = kind,
            Values = values,
            Settable = settable,
        });

    public static readonly Gen<JsonLoose> Loose = Gen.Select(String, ListOf(Int), Int, (name, values, count) => new JsonLoose { Name = name, Values = values, Count = count });

    public static readonly Gen<JsonNames> Names = Gen.Select(
        Gen.Select(Int, String, Gen.Bool, Int, Int, Int, Int, Int),
        Gen.Select(Int, Int, Int, Int, Int, Int, Int, Int),
        Gen.Select(Int, Int, Int, String, Int, Int),
        (a, b, c) => new JsonNames(a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, a.Item6, a.Item7, a.Item8, c.Item5, c.Item6, b.Item1, b.Item2, b.Item3, b.Item4, b.Item5, b.Item6, b.Item7, b.Item8, c.Item1, c.Item2, c.Item3, c.Item4));

    public static readonly Gen<JsonIgnores> Ignores = Gen.Select(
        Gen.Select(Int, NullableString, Int, NullableString, NullableString, Int.Nullable(0.5), ListOf(Int).Null(0.5)),
        Gen.Select(
            Gen.Frequency((1, Gen.Const(0)), (1, Int)),
            NullableString,
            Gen.Frequency((1, Gen.OneOf(0.0, -0.0)), (1, Double)),
            Gen.Frequency((1, Gen.OneOf(0m, 0.000m, new decimal(0, 0, 0, true, 2))), (1, Decimal)),
            Gen.Frequency((1, Gen.Const(default(JsonPoint))), (1, Gen.Const(new JsonPoint(-0.0, 0.0))), (1, Point)),
            Gen.Frequency((1, Gen.OneOf<int?>(null, 0)), (1, Int.Nullable(0.3))),
            IntEnum,
            Gen.Select(NullableString, NullableString)),
        (a, b) => new JsonIgnores(a.Item1)
        {
            Always = a.Item2,
            AlwaysNumber = a.Item3,
            Never = a.Item4,
            WhenNull = a.Item5,
            WhenNullNumber = a.Item6,
            WhenNullList = a.Item7,
            WhenDefault = b.Item1,
            WhenDefaultText = b.Item2,
            WhenDefaultDouble = b.Item3,
            WhenDefaultMoney = b.Item4,
            WhenDefaultPoint = b.Item5,
            WhenDefaultNullable = b.Item6,
            WhenDefaultEnum = b.Item7,
            NotWritten = b.Item8.Item1,
            NotRead = b.Item8.Item2,
        });

    public static readonly Gen<JsonDefaults> Defaults = Gen.Select(
        Gen.Select(Int, String, Int.Nullable(0.3), IntEnum, Double, Decimal),
        Gen.Select(NullableString, Gen.Bool, Long, ULongEnum),
        (a, b) => new JsonDefaults(a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, a.Item6, b.Item1, b.Item2, b.Item3, b.Item4));

    public static readonly Gen<JsonGetOnly> GetOnly = Gen.Select(Gen.Int[-1_000_000, 1_000_000], String, (value, name) => new JsonGetOnly(value, name));

    public static readonly Gen<JsonDerived> Derived = Gen.Select(Int, String, String, Double, (a, b, c, d) => new JsonDerived(a, b, c, d));

    public static readonly Gen<JsonDerivedClass> DerivedClass = Gen.Select(Int, NullableString, Int, (alpha, beta, gamma) => new JsonDerivedClass { Alpha = alpha, Beta = beta, Gamma = gamma });

    public static readonly Gen<JsonHolder> Holder = Gen.Select(
        DerivedClass,
        ListOf(DerivedClass, 3),
        Gen.Select(Int, ListOf(Int), (value, more) => new JsonBox<int>(value, more)),
        Gen.Select(Point, ListOf(Point, 3), (value, more) => new JsonBox<JsonPoint>(value, more)).Null(0.3),
        Gen.Select(String, ListOf(String), (value, more) => new JsonBox<string>(value, more)),
        (thing, things, numbers, points, texts) => new JsonHolder(thing, things, numbers, points, texts));

    public static readonly Gen<JsonContainer.Inner> Inner = Gen.Select(Int, String, (x, y) => new JsonContainer.Inner(x, y));

    public static readonly Gen<JsonStructEvent> StructEvent = Gen.Select(Int, String, Point, (seq, text, where) => new JsonStructEvent(seq, text, where));

    public static readonly Gen<JsonNothing> Nothing = Gen.Const(() => new JsonNothing());
}
