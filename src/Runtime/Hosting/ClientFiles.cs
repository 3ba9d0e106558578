using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace TypedSockets.Hosting;

/// <summary>
/// The files of a generated TypeScript client package, served to pages: each at a route of its
/// own (so nothing else under the prefix is shadowed), with its content type and a strong ETag of
/// its bytes, revalidated on every use (<c>no-cache</c>), so a page never runs a client older than
/// the server's contract.
/// </summary>
internal sealed class ClientFiles
{
    private readonly FrozenDictionary<string, ClientFile> _files;

    /// <param name="files">Each file as its path, a line feed, and its text.</param>
    public ClientFiles(IReadOnlyList<string> files)
    {
        var byPath = new Dictionary<string, ClientFile>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var newline = file.IndexOf('\n', StringComparison.Ordinal);
            if (newline <= 0)
            {
                throw new ArgumentException("Each file is its path, a line feed, and its text.", nameof(files));
            }
            var path = file[..newline];
            var body = Encoding.UTF8.GetBytes(file[(newline + 1)..]);
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16)) + "\"";
            byPath[path] = new ClientFile(body, ContentType(path), etag);
        }
        _files = byPath.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The files' paths, each mapped as a route of its own.</summary>
    public IEnumerable<string> Paths => _files.Keys;

    /// <summary>Answers GET and HEAD for the file at <paramref name="path"/>.</summary>
    public Task ServeAsync(HttpContext context, string path)
    {
        var file = _files[path];
        var response = context.Response;
        response.Headers.ETag = file.ETag;
        response.Headers.CacheControl = "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        if (Matches(context.Request.Headers.IfNoneMatch, file.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.ContentType = file.ContentType;
        response.ContentLength = file.Body.Length;
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(file.Body, context.RequestAborted).AsTask();
    }

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Count == 0)
        {
            return false;
        }
        foreach (var value in EntityTagHeaderValue.ParseList(ifNoneMatch))
        {
            if (value.Equals(EntityTagHeaderValue.Any) || value.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false))
            {
                return true;
            }
        }
        return false;
    }

    private static string ContentType(string path) =>
        path.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8"
        : path.EndsWith(".json", StringComparison.Ordinal) ? "application/json; charset=utf-8"
        : "text/plain; charset=utf-8"; // declarations (.d.ts)

    private sealed record ClientFile(byte[] Body, string ContentType, string ETag);
}
