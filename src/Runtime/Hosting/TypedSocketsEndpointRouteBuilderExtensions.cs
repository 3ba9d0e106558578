using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TypedSockets;
using TypedSockets.Connections;
using TypedSockets.Endpoints;

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
        where TEndpoint : class, ISocketEndpoint<TEndpoint>
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var host = endpoints.ServiceProvider.GetService<SocketEndpointHost<TEndpoint>>()
            ?? throw new InvalidOperationException(
                $"Endpoint '{TEndpoint.Ref}' is not registered: call services.AddTypedSockets() (or AddSocketEndpoint<{typeof(TEndpoint).Name}>()) first.");
        return endpoints
            .Map(TEndpoint.Path, context => AcceptAsync(context, host))
            .WithDisplayName("TypedSockets " + TEndpoint.Ref);
    }

    /// <summary>Combines the builders of several endpoints so one convention applies to all of them.</summary>
    public static IEndpointConventionBuilder Combine(params IEndpointConventionBuilder[] builders) =>
        new CompositeConventionBuilder(builders);

    private static async Task AcceptAsync<TEndpoint>(HttpContext context, SocketEndpointHost<TEndpoint> host)
        where TEndpoint : class, ISocketEndpoint<TEndpoint>
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            context.Response.Headers.Upgrade = "websocket";
            await context.Response.WriteAsync("This endpoint accepts WebSocket connections only.").ConfigureAwait(false);
            return;
        }
        var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = host.Options.KeepAliveInterval,
            KeepAliveTimeout = host.Options.ClientTimeout,
        }).ConfigureAwait(false);
        var connection = new WebSocketConnection(socket, context.User, host, host.Logger);
        await connection.RunAsync().ConfigureAwait(false);
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
