using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace TypedSockets.Generator.Emitting;

/// <summary>
/// Writes indented JSON text for the documents the generator produces (the AsyncAPI document):
/// commas, indentation and string escaping in one place, so the emitters say only what they write.
/// The generator runs on netstandard2.0 inside the compiler, where System.Text.Json is not ours
/// to load.
/// </summary>
internal sealed class JsonTextWriter
{
    private readonly StringBuilder _text = new();
    private readonly Stack<bool> _hasItems = new();
    private bool _afterName;

    public JsonTextWriter StartObject() => Open('{');

    public JsonTextWriter EndObject() => Close('}');

    public JsonTextWriter StartArray() => Open('[');

    public JsonTextWriter EndArray() => Close(']');

    public JsonTextWriter Name(string name)
    {
        Separate();
        WriteString(name);
        _text.Append(": ");
        _afterName = true;
        return this;
    }

    public JsonTextWriter String(string value)
    {
        Separate();
        WriteString(value);
        return this;
    }

    public JsonTextWriter Bool(bool value)
    {
        Separate();
        _text.Append(value ? "true" : "false");
        return this;
    }

    /// <summary>A number, already in invariant JSON form (e.g. an enum value or a discriminator).</summary>
    public JsonTextWriter Number(string value)
    {
        Separate();
        _text.Append(value);
        return this;
    }

    public JsonTextWriter Number(long value) => Number(value.ToString(CultureInfo.InvariantCulture));

    /// <summary><c>"name": "value"</c>.</summary>
    public JsonTextWriter Property(string name, string value) => Name(name).String(value);

    public override string ToString() => _text.ToString();

    private JsonTextWriter Open(char bracket)
    {
        Separate();
        _text.Append(bracket);
        _hasItems.Push(false);
        return this;
    }

    private JsonTextWriter Close(char bracket)
    {
        if (_hasItems.Pop())
        {
            NewLine();
        }
        _text.Append(bracket);
        return this;
    }

    /// <summary>Before a value or a name: a comma after a sibling, a new line, and the indentation.</summary>
    private void Separate()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }
        if (_hasItems.Count == 0)
        {
            return;
        }
        if (_hasItems.Peek())
        {
            _text.Append(',');
        }
        _hasItems.Pop();
        _hasItems.Push(true);
        NewLine();
    }

    private void NewLine()
    {
        _text.Append('\n');
        _text.Append(' ', _hasItems.Count * 2);
    }

    private void WriteString(string value) => Quote(_text, value);

    /// <summary><paramref name="value"/> as a JSON string literal (also a JavaScript one).</summary>
    public static string Quote(string value) => Quote(new StringBuilder(value.Length + 2), value).ToString();

    private static StringBuilder Quote(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < ' ' || c is '\u2028' or '\u2029')
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }
                    break;
            }
        }
        return text.Append('"');
    }
}
