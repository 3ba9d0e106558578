using System.ComponentModel;
using System.Globalization;

namespace TypedSockets;

/// <summary>
/// Why a JSON value did not match an event's type: where (<see cref="Path"/>, e.g.
/// <c>$.items[2].name</c>) and what (<see cref="Reason"/>).
/// </summary>
public sealed class SocketJsonError
{
    // The path is built from the inside out while an error travels up the reader's call stack,
    // so it is kept as the part after "$" and only turned into a string when asked for.
    private readonly string _pathSuffix;

    private SocketJsonError(string pathSuffix, string reason)
    {
        _pathSuffix = pathSuffix;
        Reason = reason;
    }

    /// <summary>The JSON path of the offending value, starting at <c>$</c>.</summary>
    public string Path => "$" + _pathSuffix;

    /// <summary>What is wrong with the value.</summary>
    public string Reason { get; }

    /// <summary>The path and the reason, e.g. <c>$.seq: expected a number, got a string</c>.</summary>
    public override string ToString() => $"{Path}: {Reason}";

    /// <summary>An error at the current value.</summary>
    public static SocketJsonError Create(string reason) => new(string.Empty, reason);

    /// <summary>The same error, seen from the object that holds it in property <paramref name="jsonName"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public SocketJsonError AtProperty(string jsonName) => new(PropertySegment(jsonName) + _pathSuffix, Reason);

    /// <summary>The same error, seen from the array that holds it at <paramref name="index"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public SocketJsonError AtIndex(int index) =>
        new("[" + index.ToString(CultureInfo.InvariantCulture) + "]" + _pathSuffix, Reason);

    /// <summary>An error for a required member that is absent.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static SocketJsonError Missing(string jsonName) =>
        new(PropertySegment(jsonName), "required property is missing");

    /// <summary>An error for a non-nullable member that is <c>null</c>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static SocketJsonError NullNotAllowed(string jsonName) =>
        new(PropertySegment(jsonName), "null is not allowed here");

    /// <summary>An error for a property that appears twice in one object.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static SocketJsonError Duplicate(string jsonName) =>
        new(PropertySegment(jsonName), "duplicate property");

    private static string PropertySegment(string name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return "['" + name.Replace("'", "\\'", StringComparison.Ordinal) + "']";
            }
        }
        return name.Length == 0 ? "['']" : "." + name;
    }

    internal static string Describe(System.Text.Json.JsonTokenType token) => token switch
    {
        System.Text.Json.JsonTokenType.StartObject => "an object",
        System.Text.Json.JsonTokenType.StartArray => "an array",
        System.Text.Json.JsonTokenType.String => "a string",
        System.Text.Json.JsonTokenType.Number => "a number",
        System.Text.Json.JsonTokenType.True or System.Text.Json.JsonTokenType.False => "a boolean",
        System.Text.Json.JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
