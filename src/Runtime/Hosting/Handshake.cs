using Microsoft.AspNetCore.Http;

namespace TypedSockets.Hosting;

/// <summary>Checks made on a WebSocket handshake before it is accepted.</summary>
internal static class Handshake
{
    /// <summary>
    /// Whether the request's <c>Origin</c> may open a connection: no <c>Origin</c> (not a browser),
    /// the server's own host, or one of <paramref name="allowed"/> (<c>*</c> allows all). Browsers
    /// send <c>Origin</c> on every WebSocket handshake and a page cannot forge it, so this is what
    /// stops another site's page from opening a socket with the user's cookies.
    /// </summary>
    public static bool IsOriginAllowed(HttpRequest request, IList<string> allowed)
    {
        var origin = request.Headers.Origin;
        if (origin.Count == 0)
        {
            return true;
        }
        if (origin.Count > 1 || !Uri.TryCreate(origin[0], UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            // "null" (sandboxed or file pages) and anything malformed are allowed only by "*".
            return allowed.Contains("*");
        }
        if (string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        foreach (var entry in allowed)
        {
            if (entry == "*"
                || (Uri.TryCreate(entry, UriKind.Absolute, out var allowedUri)
                    && string.Equals(allowedUri.Scheme, uri.Scheme, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(allowedUri.Authority, uri.Authority, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }
        return false;
    }
}
