using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TypedSockets;
using TypedSockets.Connections;
using TypedSockets.Endpoints;
using TypedSockets.Hosting;
using TypedSockets.Telemetry;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Maps TypedSockets endpoints. Apps call the generated <c>MapTypedSockets()</c>, which maps every
/// endpoint of their assembly; <see cref="MapSocketEndpoint{TEndpoint}"/> maps one, e.g. from
/// another assembly. Call <c>app.UseWebSockets()</c> first.
/// </summary>
public static class TypedSocketsEndpointRouteBuilderExtensions
{
    /// <summary>Maps <typeparamref name="TEndpoint"/> at its path.</summary>
    /// <returns>A builder for conventions such as <c>RequireAuthorization()</c>.</returns>
    public static IEndpointConventionBuilder MapSocketEndpoint<TEndpoint>(this IEndpointRouteBuilder endpoints)
        where TEndpoint : SocketEndpoint, ISocketEndpoint<TEndpoint>
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var host = endpoints.ServiceProvider.GetService<SocketEndpointHost<TEndpoint>>()
            ?? throw new InvalidOperationException(
                $"Endpoint '{TEndpoint.Ref}' is not registered: call services.AddTypedSockets() (or AddSocketEndpoint<{typeof(TEndpoint).Name}>()) first.");
        var builder = endpoints
            .Map(TEndpoint.Path, context => AcceptAsync(context, host))
            .WithDisplayName("TypedSockets " + TEndpoint.Ref);
        // [Authorize] and [AllowAnonymous] on the endpoint class: authorization runs before the handshake.
        var metadata = TEndpoint.Metadata;
        if (metadata.Count > 0)
        {
            builder.WithMetadata([.. metadata]);
        }
        return builder;
    }

    /// <summary>
    /// Serves an AsyncAPI document at <paramref name="pattern"/>. Apps call the generated
    /// <c>MapAsyncApi()</c>, which passes their assembly's document.
    /// </summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static IEndpointConventionBuilder MapAsyncApiDocument(this IEndpointRouteBuilder endpoints, string pattern, string document)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        ArgumentNullException.ThrowIfNull(document);
        var bytes = System.Text.Encoding.UTF8.GetBytes(document);
        return endpoints
            .MapGet(pattern, context =>
            {
                context.Response.ContentType = "application/json; charset=utf-8";
                context.Response.ContentLength = bytes.Length;
                return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
            })
            .WithDisplayName("TypedSockets AsyncAPI document");
    }

    /// <summary>
    /// Serves a TypeScript client package under <paramref name="prefix"/>: each of
    /// <paramref name="files"/> is a path, a line feed, and the file's text. Apps call the generated
    /// <c>MapTypeScriptClient()</c>, which passes their assembly's package.
    /// </summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static IEndpointConventionBuilder MapClientFiles(this IEndpointRouteBuilder endpoints, string prefix, IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentNullException.ThrowIfNull(files);
        var package = new ClientFiles(files);
        var root = prefix.TrimEnd('/');
        return new CompositeConventionBuilder([.. package.Paths.Select(path => endpoints
            .MapMethods(root + "/" + path, ClientFileMethods, context => package.ServeAsync(context, path))
            .WithDisplayName("TypedSockets TypeScript client " + path))]);
    }

    private static readonly string[] ClientFileMethods = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>Combines the builders of several endpoints so one convention applies to all of them.</summary>
    public static IEndpointConventionBuilder Combine(params IEndpointConventionBuilder[] builders) =>
        new CompositeConventionBuilder(builders);

    /// <summary>
    /// Compares the contract hash a client presents (<c>?ts-contract=…</c>) with the endpoint's: a
    /// mismatch is logged and counted, and refused with 409 when the app asks for that. A client
    /// that presents none is not checked.
    /// </summary>
    private static async ValueTask<bool> CheckContractAsync<TEndpoint>(HttpContext context, SocketEndpointHost<TEndpoint> host)
        where TEndpoint : SocketEndpoint, ISocketEndpoint<TEndpoint>
    {
        if (!context.Request.Query.TryGetValue(SocketProtocol.ContractHashParameter, out var presented))
        {
            return true;
        }
        var expected = TEndpoint.ContractHash;
        if (presented.Count == 1 && string.Equals(presented[0], expected, StringComparison.Ordinal))
        {
            return true;
        }
        var refuse = host.Options.RefuseContractMismatch;
        Log.ContractMismatch(host.Logger, host.Ref, presented.ToString(), expected, refuse);
        SocketMetrics.ContractMismatch(host.Ref, refuse);
        if (!refuse)
        {
            return true;
        }
        SocketMetrics.ConnectionRefused(host.Ref, "contract");
        context.Response.StatusCode = StatusCodes.Status409Conflict;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(
            $"This client was built for contract {presented} of endpoint '{host.Ref}'; the server has {expected}. Update the client.").ConfigureAwait(false);
        return false;
    }

    private static async Task AcceptAsync<TEndpoint>(HttpContext context, SocketEndpointHost<TEndpoint> host)
        where TEndpoint : SocketEndpoint, ISocketEndpoint<TEndpoint>
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            context.Response.Headers.Upgrade = "websocket";
            await context.Response.WriteAsync("This endpoint accepts WebSocket connections only.").ConfigureAwait(false);
            return;
        }
        if (!Handshake.IsOriginAllowed(context.Request, host.Options.AllowedOrigins))
        {
            Log.OriginRefused(host.Logger, context.Request.Headers.Origin.ToString(), host.Ref);
            SocketMetrics.ConnectionRefused(host.Ref, "origin");
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        if (!await CheckContractAsync(context, host).ConfigureAwait(false))
        {
            return;
        }
        if (!host.TryOpenConnection())
        {
            Log.ConnectionLimitReached(host.Logger, host.Ref, host.Options.MaxConnections);
            SocketMetrics.ConnectionRefused(host.Ref, "capacity");
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        try
        {
            var (socket, transport) = await Handshake.AcceptAsync(context, host.Options).ConfigureAwait(false);
            var connection = new WebSocketConnection(socket, transport, context.User, host, host.Logger);
            await connection.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            host.ConnectionClosed();
        }
    }

    private sealed class CompositeConventionBuilder(IEndpointConventionBuilder[] builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in builders)
            {
                builder.Add(convention);
            }
        }

        public void Finally(Action<EndpointBuilder> finallyConvention)
        {
            foreach (var builder in builders)
            {
                builder.Finally(finallyConvention);
            }
        }
    }
}
