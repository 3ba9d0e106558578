using System.Net;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypedSockets.Tests.Infrastructure;

namespace TypedSockets.Tests.Abuse;

/// <summary>
/// Handshakes the server refuses before any WebSocket exists: other sites' origins, unauthorized
/// users, and one connection too many. Each refusal is an HTTP status, checked on a real client.
/// </summary>
public sealed class HandshakeTests
{
    private const string Path = "/ws/abuse";

    [Fact]
    public async Task A_handshake_from_another_sites_origin_gets_403_and_no_connection()
    {
        await using var server = await AbuseServer.StartAsync();

        var status = await HandshakeAsync(server, Path, origin: "https://evil.example");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Empty(server.Services.GetRequiredService<AbuseEndpoint>().Clients);
    }

    [Fact]
    public async Task A_handshake_from_the_servers_own_origin_is_accepted()
    {
        await using var server = await AbuseServer.StartAsync();

        var status = await HandshakeAsync(server, Path, origin: $"http://{server.BaseAddress.Authority}");

        Assert.Equal(HttpStatusCode.SwitchingProtocols, status);
    }

    [Fact]
    public async Task A_handshake_without_an_origin_is_accepted()
    {
        await using var server = await AbuseServer.StartAsync();

        Assert.Equal(HttpStatusCode.SwitchingProtocols, await HandshakeAsync(server, Path));
    }

    [Theory]
    [InlineData("https://app.example", HttpStatusCode.SwitchingProtocols)]
    [InlineData("https://APP.example", HttpStatusCode.SwitchingProtocols)]
    [InlineData("http://app.example", HttpStatusCode.Forbidden)]
    [InlineData("https://app.example:8443", HttpStatusCode.Forbidden)]
    [InlineData("https://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("null", HttpStatusCode.Forbidden)]
    public async Task AllowedOrigins_admits_the_listed_origins_only(string origin, HttpStatusCode expected)
    {
        await using var server = await AbuseServer.StartAsync(o => o.AllowedOrigins.Add("https://app.example"));

        Assert.Equal(expected, await HandshakeAsync(server, Path, origin));
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("null")]
    public async Task A_star_in_AllowedOrigins_admits_every_origin(string origin)
    {
        await using var server = await AbuseServer.StartAsync(o => o.AllowedOrigins.Add("*"));

        Assert.Equal(HttpStatusCode.SwitchingProtocols, await HandshakeAsync(server, Path, origin));
    }

    [Fact]
    public async Task The_null_origin_of_a_sandboxed_page_gets_403()
    {
        await using var server = await AbuseServer.StartAsync();

        Assert.Equal(HttpStatusCode.Forbidden, await HandshakeAsync(server, Path, origin: "null"));
    }

    [Fact]
    public async Task An_Authorize_endpoint_answers_an_anonymous_handshake_with_401()
    {
        await using var server = await StartWithAuthenticationAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, await HandshakeAsync(server, "/ws/abuse-guarded"));
        Assert.Empty(server.Services.GetRequiredService<GuardedEndpoint>().Clients);
    }

    [Fact]
    public async Task An_Authorize_endpoint_connects_an_authenticated_user_whose_handlers_see_that_user()
    {
        await using var server = await StartWithAuthenticationAsync();
        using var socket = await ConnectAsync(server, "/ws/abuse-guarded", user: "alice");

        var identity = await WhoAmIAsync(socket);

        Assert.Equal("""{"name":"alice","admin":false}""", identity);
    }

    [Theory]
    [InlineData("/ws/abuse-admin")]
    [InlineData("/ws/abuse-policy")]
    public async Task An_endpoint_for_admins_answers_a_user_who_is_not_one_with_403(string path)
    {
        await using var server = await StartWithAuthenticationAsync();

        Assert.Equal(HttpStatusCode.Forbidden, await HandshakeAsync(server, path, user: "bob", role: "guest"));
        Assert.Equal(HttpStatusCode.Unauthorized, await HandshakeAsync(server, path));
    }

    [Theory]
    [InlineData("/ws/abuse-admin")]
    [InlineData("/ws/abuse-policy")]
    public async Task An_endpoint_for_admins_connects_an_admin(string path)
    {
        await using var server = await StartWithAuthenticationAsync();
        using var socket = await ConnectAsync(server, path, user: "carol", role: "admin");

        Assert.Equal("""{"name":"carol","admin":true}""", await WhoAmIAsync(socket));
    }

    [Fact]
    public async Task RequireAuthorization_on_one_mapped_endpoint_answers_an_anonymous_handshake_with_401()
    {
        await using var server = await StartWithAuthenticationAsync(app =>
        {
            app.MapSocketEndpoint<AbuseEndpoint>().RequireAuthorization();
            return app.MapSocketEndpoint<BinaryEndpoint>();
        });

        Assert.Equal(HttpStatusCode.Unauthorized, await HandshakeAsync(server, Path));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await HandshakeAsync(server, Path, user: "alice"));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await HandshakeAsync(server, "/ws/abuse-binary"));
    }

    [Fact]
    public async Task RequireAuthorization_on_MapTypedSockets_protects_every_endpoint_but_an_AllowAnonymous_one()
    {
        await using var server = await StartWithAuthenticationAsync(app => app.MapTypedSockets().RequireAuthorization());

        Assert.Equal(HttpStatusCode.Unauthorized, await HandshakeAsync(server, Path));
        Assert.Equal(HttpStatusCode.Unauthorized, await HandshakeAsync(server, "/ws/test"));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await HandshakeAsync(server, "/ws/test", user: "alice"));
        using var open = await ConnectAsync(server, "/ws/abuse-open");
        Assert.Equal("""{"name":null,"admin":false}""", await WhoAmIAsync(open));
    }

    [Fact]
    public async Task The_handshake_over_MaxConnections_gets_503_and_a_place_frees_up_when_a_client_leaves()
    {
        await using var server = await AbuseServer.StartAsync(o => o.MaxConnections = 3);
        var endpoint = server.Services.GetRequiredService<AbuseEndpoint>();
        await using var first = await server.ConnectAsync(Path);
        await using var second = await server.ConnectAsync(Path);
        await using var third = await server.ConnectAsync(Path);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await HandshakeAsync(server, Path));

        foreach (var client in new[] { first, second, third })
        {
            await client.SendAsync("""{"event":"echo","data":{"text":"in"},"ref":1}""");
            Assert.Equal("reply", (await client.ReceiveAsync()).Event());
        }
        Assert.Equal(3, endpoint.Clients.Count);

        await first.CloseAsync();
        // The place is free once the server has finished with the connection, a moment after the close.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpStatusCode status;
        while ((status = await HandshakeAsync(server, Path)) == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.Equal(HttpStatusCode.SwitchingProtocols, status);
    }

    private static Task<SocketServer> StartWithAuthenticationAsync(Func<WebApplication, IEndpointConventionBuilder>? map = null) =>
        AbuseServer.StartAsync(
            configureServices: builder =>
            {
                builder.Services.AddAuthentication(HeaderAuthenticationHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>(HeaderAuthenticationHandler.SchemeName, null);
                builder.Services.AddAuthorizationBuilder().AddPolicy("Admins", policy => policy.RequireRole("admin"));
            },
            map: map);

    /// <summary>
    /// Opens a WebSocket and closes it again; the handshake's HTTP status (101 when it succeeded).
    /// </summary>
    private static async Task<HttpStatusCode> HandshakeAsync(
        SocketServer server, string path, string? origin = null, string? user = null, string? role = null)
    {
        using var socket = NewSocket(origin, user, role);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await socket.ConnectAsync(server.WebSocketUri(path), timeout.Token);
        }
        catch (WebSocketException)
        {
            Assert.NotEqual(default, socket.HttpStatusCode);
            return socket.HttpStatusCode;
        }
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        return socket.HttpStatusCode;
    }

    private static async Task<ClientWebSocket> ConnectAsync(SocketServer server, string path, string? user = null, string? role = null)
    {
        var socket = NewSocket(origin: null, user, role);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(server.WebSocketUri(path), timeout.Token);
        return socket;
    }

    private static ClientWebSocket NewSocket(string? origin, string? user, string? role)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }
        if (user is not null)
        {
            socket.Options.SetRequestHeader(HeaderAuthenticationHandler.UserHeader, user);
        }
        if (role is not null)
        {
            socket.Options.SetRequestHeader(HeaderAuthenticationHandler.RoleHeader, role);
        }
        return socket;
    }

    /// <summary>Asks the endpoint who the connection's user is; the answer's data.</summary>
    private static async Task<string> WhoAmIAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.SendAsync("""{"event":"abuse_whoami","ref":"w"}"""u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
        var buffer = new byte[4096];
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.True(result.EndOfMessage);
        using var reply = System.Text.Json.JsonDocument.Parse(buffer.AsMemory(0, result.Count));
        Assert.Equal("reply", reply.RootElement.Event());
        return reply.RootElement.Data().Data().Raw();
    }
}

/// <summary>Authenticates whoever names themselves in <c>X-Test-User</c>, in the roles of <c>X-Test-Role</c>.</summary>
public sealed class HeaderAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestHeader";
    public const string UserHeader = "X-Test-User";
    public const string RoleHeader = "X-Test-Role";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var user = Request.Headers[UserHeader].ToString();
        if (user.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var claims = new List<Claim> { new(ClaimTypes.Name, user) };
        claims.AddRange(Request.Headers[RoleHeader].Where(r => !string.IsNullOrEmpty(r)).Select(r => new Claim(ClaimTypes.Role, r!)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
