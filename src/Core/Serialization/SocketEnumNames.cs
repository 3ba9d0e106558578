using System.ComponentModel;

namespace TypedSockets.Serialization;

/// <summary>
/// The names of one enum's values, for writing and reading it as a string the way
/// <c>JsonStringEnumConverter</c> does: a defined value by its name, a <c>[Flags]</c> combination as
/// <c>"A, B"</c>, and anything else not at all (the caller writes the number). Generated code keeps
/// one instance per enum; values are the enum's bits widened to <see cref="ulong"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SocketEnumNames
{
    private readonly ulong[] _values;
    private readonly string[] _names;
    private readonly bool _isFlags;

    /// <summary>Creates the table; <paramref name="values"/> and <paramref name="names"/> are in declaration order.</summary>
    public SocketEnumNames(ulong[] values, string[] names, bool isFlags)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(names);
        if (values.Length != names.Length)
        {
            throw new ArgumentException("Every value needs a name.", nameof(names));
        }
        _values = values;
        _names = names;
        _isFlags = isFlags;
    }

    /// <summary>The name of <paramref name="value"/>, or <see langword="null"/> when it has none.</summary>
    public string? Format(ulong value)
    {
        var exact = Array.IndexOf(_values, value);
        if (exact >= 0)
        {
            return _names[exact];
        }
        if (!_isFlags || value == 0)
        {
            return null;
        }
        // Like Enum.ToString: take the largest defined flags first, then list them smallest first.
        var taken = new List<int>();
        var left = value;
        foreach (var index in Enumerable.Range(0, _values.Length).OrderByDescending(i => _values[i]))
        {
            var flag = _values[index];
            if (flag != 0 && (left & flag) == flag)
            {
                taken.Add(index);
                left &= ~flag;
            }
        }
        if (left != 0)
        {
            return null;
        }
        taken.Reverse();
        return string.Join(", ", taken.Select(i => _names[i]));
    }

    /// <summary>Parses a name (or, for <c>[Flags]</c>, names separated by commas), ignoring case.</summary>
    public bool TryParse(string text, out ulong value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = 0;
        if (!_isFlags)
        {
            return TryParseOne(text.AsSpan(), out value);
        }
        foreach (var range in text.AsSpan().Split(','))
        {
            if (!TryParseOne(text.AsSpan()[range].Trim(), out var one))
            {
                value = 0;
                return false;
            }
            value |= one;
        }
        return true;
    }

    /// <summary>Parses names separated by commas for any enum, as <see cref="Enum.TryParse{TEnum}(string, out TEnum)"/> does for keys.</summary>
    public bool TryParseList(string text, out ulong value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = 0;
        foreach (var range in text.AsSpan().Split(','))
        {
            if (!TryParseOne(text.AsSpan()[range].Trim(), out var one))
            {
                value = 0;
                return false;
            }
            value |= one;
        }
        return true;
    }

    private bool TryParseOne(ReadOnlySpan<char> name, out ulong value)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (name.SequenceEqual(_names[i]))
            {
                value = _values[i];
                return true;
            }
        }
        for (var i = 0; i < _names.Length; i++)
        {
            if (name.Equals(_names[i], StringComparison.OrdinalIgnoreCase))
            {
                value = _values[i];
                return true;
            }
        }
        value = 0;
        return false;
    }
}
