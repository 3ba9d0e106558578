using System.ComponentModel;
using System.Text.Json;

namespace TypedSockets.Serialization;

/// <summary>Writers for values whose JSON form needs more than one writer call; called by generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SocketJsonWriter
{
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
