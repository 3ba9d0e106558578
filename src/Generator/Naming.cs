using System.Text;

namespace TypedSockets.Generator;

/// <summary>Names on the wire and names in generated code.</summary>
internal static class Naming
{
    /// <summary>
    /// The camel-case name System.Text.Json's web defaults give a property: the leading run of
    /// capitals is lowered, except the last one when a lower-case letter follows it
    /// (<c>URLValue</c> → <c>urlValue</c>, <c>ID</c> → <c>id</c>).
    /// </summary>
    public static string CamelCase(string name)
    {
        if (string.IsNullOrEmpty(name) || !char.IsUpper(name[0]))
        {
            return name;
        }
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (i == 1 && !char.IsUpper(chars[i]))
            {
                break;
            }
            var hasNext = i + 1 < chars.Length;
            if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
            {
                // A space after an upper-case letter ends the run with that letter lowered too.
                if (chars[i + 1] == ' ')
                {
                    chars[i] = char.ToLowerInvariant(chars[i]);
                }
                break;
            }
            chars[i] = char.ToLowerInvariant(chars[i]);
        }
        return new string(chars);
    }

    /// <summary>Whether a ref or event name uses only the allowed characters and length.</summary>
    public static bool IsValidName(string? name)
    {
        if (name is null || name.Length is 0 or > 64)
        {
            return false;
        }
        foreach (var c in name)
        {
            var ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == '.' || c == ':';
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Whether an event name is taken by the protocol itself.</summary>
    public static bool IsReservedEventName(string name) =>
        name == "reply" || name == "error" || name.StartsWith("ts:", System.StringComparison.Ordinal);

    /// <summary>A C# identifier made of a name's letters and digits.</summary>
    public static string Identifier(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsLetterOrDigit(c) ? c : '_');
        }
        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }
        return builder.ToString();
    }
}
