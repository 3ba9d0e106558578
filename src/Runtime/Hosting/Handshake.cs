using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using TypedSockets.Connections;

namespace TypedSockets.Hosting;

/// <summary>Checks made on a WebSocket handshake before it is accepted, and the accept itself.</summary>
internal static class Handshake
{
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>
    /// Accepts the WebSocket. An HTTP/1.1 upgrade is completed here, over a <see cref="BatchingStream"/>,
    /// so the send loop can hand a burst of frames to Kestrel in one write; anything else (WebSockets
    /// over HTTP/2) goes through ASP.NET Core's own accept, without batching.
    /// </summary>
    public static async Task<(WebSocket Socket, BatchingStream? Transport)> AcceptAsync(HttpContext context, TypedSocketsOptions options)
    {
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is { IsUpgradableRequest: true } && AcceptKey(context.Request) is { } accept)
        {
            // As ASP.NET Core's own accept does: a socket outlives any request timeout.
            context.Features.Get<IHttpRequestTimeoutFeature>()?.DisableTimeout();
            context.Response.Headers.Connection = "Upgrade";
            context.Response.Headers.Upgrade = "websocket";
            context.Response.Headers.SecWebSocketAccept = accept;
            var transport = new BatchingStream(await upgrade.UpgradeAsync().ConfigureAwait(false), context.Abort);
            var socket = WebSocket.CreateFromStream(transport, new WebSocketCreationOptions
            {
                IsServer = true,
                KeepAliveInterval = options.KeepAliveInterval,
                KeepAliveTimeout = options.ClientTimeout,
            });
            transport.Socket = socket;
            return (socket, transport);
        }
        var fallback = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = options.KeepAliveInterval,
            KeepAliveTimeout = options.ClientTimeout,
        }).ConfigureAwait(false);
        return (fallback, null);
    }

    /// <summary><c>Sec-WebSocket-Accept</c> for a valid version 13 key (RFC 6455 §4.2.2), or null.</summary>
    private static string? AcceptKey(HttpRequest request)
    {
        var key = request.Headers.SecWebSocketKey;
        if (key.Count != 1 || request.Headers.SecWebSocketVersion != "13")
        {
            return null;
        }
        Span<byte> nonce = stackalloc byte[16];
        if (!Convert.TryFromBase64String(key[0]!, nonce, out var length) || length != 16)
        {
            return null;
        }
        // SHA-1 is what the protocol prescribes for this checksum; it protects nothing secret.
#pragma warning disable CA5350
        return Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key[0] + AcceptGuid)));
#pragma warning restore CA5350
    }

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
