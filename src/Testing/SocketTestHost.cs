using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TypedSockets.Client;

namespace TypedSockets.Testing;

/// <summary>
/// An app's socket endpoints, hosted in memory for tests: the app's own service registrations and
/// pipeline run on ASP.NET Core's test server, and typed clients connect to them without a socket.
/// Everything between the two is the real thing: routing, authorization, the origin and contract
/// checks, the connection loop, the envelope, the generated JSON both ways, limits, slow-consumer
/// policies, errors and close codes. Only the network is replaced, by an in-memory WebSocket whose
/// keep-alive runs on <see cref="Time"/>, a fake clock tests advance by hand.
/// </summary>
/// <example>
/// <code>
/// await using var host = await SocketTestHost.StartAsync(ChatApp.ConfigureServices, ChatApp.Configure);
/// await using var alice = await host.ConnectAsync&lt;ChatClient&gt;();
/// await using var bob = await host.ConnectAsync&lt;ChatClient&gt;();
/// await alice.Client.SayAsync(new Say("hi"));
/// var said = await bob.ExpectAsync&lt;Said&gt;();
/// </code>
/// </example>
public sealed class SocketTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestServer _server;
    private readonly SocketTestHostOptions _options;

    private SocketTestHost(WebApplication app, FakeTimeProvider time, SocketTestHostOptions options)
    {
        _app = app;
        _server = app.GetTestServer();
        Time = time;
        _options = options;
    }

    /// <summary>
    /// The clock of the server's and the clients' timers (keep-alive, request timeouts, reconnect
    /// delays, and whatever of the app takes <see cref="TimeProvider"/> from its services). It stands
    /// still until a test calls <see cref="FakeTimeProvider.Advance(TimeSpan)"/>.
    /// </summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The app's services, for its endpoints and whatever a test wants to look at or drive.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Builds the app with its own registrations (<paramref name="configureServices"/>, where tests
    /// also put their overrides) and pipeline (<paramref name="configure"/>, which maps its
    /// endpoints), on the test server, and starts it.
    /// </summary>
    public static async Task<SocketTestHost> StartAsync(
        Action<WebApplicationBuilder> configureServices, Action<WebApplication> configure, SocketTestHostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configureServices);
        ArgumentNullException.ThrowIfNull(configure);
        options ??= new SocketTestHostOptions();
        var time = new FakeTimeProvider(options.StartTime);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        configureServices(builder);
        // Registered last, so it replaces the app's own clock.
        builder.Services.AddSingleton<TimeProvider>(time);
        var app = builder.Build();
        configure(app);
        await app.StartAsync().ConfigureAwait(false);
        return new SocketTestHost(app, time, options);
    }

    /// <summary>
    /// An <see cref="HttpClient"/> that sends its requests through the app's pipeline in memory: for
    /// the app's pages, its AsyncAPI document, its TypeScript client, or a handshake's HTTP refusal.
    /// </summary>
    public HttpClient CreateHttpClient() => _server.CreateClient();

    /// <summary>Resolves a service of the app, such as an endpoint, to act as the server in a test.</summary>
    public T GetRequiredService<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>
    /// Connects a typed client in memory and waits until the endpoint has accepted it (its connect
    /// hook may still be running). Its requests time out on <see cref="Time"/>, and it does not
    /// reconnect unless <paramref name="options"/> says so.
    /// </summary>
    /// <param name="options">The client's options; <see cref="SocketClientOptions.TimeProvider"/> and <see cref="SocketClientOptions.WebSocketFactory"/> are the host's.</param>
    /// <param name="beforeConnect">Adds handlers before the client connects, to see its first events as they arrive.</param>
    /// <param name="request">Adds request headers (a bearer token, an <c>Origin</c>) to the handshake.</param>
    /// <exception cref="SocketConnectException">The app refused the connection (its HTTP status is in the exception).</exception>
    public async Task<SocketTestClient<TClient>> ConnectAsync<TClient>(
        SocketClientOptions? options = null, Action<TClient>? beforeConnect = null, Action<HttpRequest>? request = null)
        where TClient : SocketEndpointClient, ISocketEndpointClient<TClient>
    {
        // A copy: one options object may serve several clients, each with its own transport.
        options = options?.Clone() ?? new SocketClientOptions { Reconnect = { Enabled = false } };
        var connection = new SocketTestClient<TClient>(_options);
        options.TimeProvider = Time;
        options.WebSocketFactory = (uri, cancellationToken) => OpenAsync(uri, connection, options, request, cancellationToken);
        var client = TClient.Create(options);
        connection.Attach(client);
        beforeConnect?.Invoke(client);
        try
        {
            await client.ConnectAsync(new Uri("ws://localhost/"), CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return connection;
    }

    /// <summary>Stops the app (its endpoints close their clients with 1001) and disposes it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Sends the handshake through the app's pipeline with an in-memory WebSocket behind it.</summary>
    private async ValueTask<WebSocket> OpenAsync<TClient>(
        Uri uri, SocketTestClient<TClient> connection, SocketClientOptions options, Action<HttpRequest>? request, CancellationToken cancellationToken)
        where TClient : SocketEndpointClient, ISocketEndpointClient<TClient>
    {
        var feature = new InMemoryWebSocketFeature(
            _options.TransportCapacity, Time, new KeepAlive(options.KeepAliveInterval, options.KeepAliveInterval > TimeSpan.Zero ? options.KeepAliveTimeout : TimeSpan.Zero));
        var handshake = _server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = uri.AbsolutePath;
            context.Request.QueryString = new QueryString(uri.Query);
            context.Features.Set<IHttpWebSocketFeature>(feature);
            request?.Invoke(context.Request);
        }, cancellationToken);
        var accepted = await Task.WhenAny(feature.Accepted, handshake).ConfigureAwait(false);
        if (accepted != feature.Accepted)
        {
            var response = (await handshake.ConfigureAwait(false)).Response;
            throw SocketTestClient<TClient>.Refused(uri, (HttpStatusCode)response.StatusCode);
        }
        var socket = await feature.Accepted.ConfigureAwait(false);
        connection.Connected(socket);
        return socket;
    }

    /// <summary>Stands in for the WebSocket upgrade: the endpoint's accept gets the server's end of an in-memory pair.</summary>
    private sealed class InMemoryWebSocketFeature(int capacity, TimeProvider time, KeepAlive client) : IHttpWebSocketFeature
    {
        private readonly TaskCompletionSource<InMemoryWebSocket> _accepted = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<InMemoryWebSocket> Accepted => _accepted.Task;

        public bool IsWebSocketRequest => true;

        public Task<WebSocket> AcceptAsync(WebSocketAcceptContext context)
        {
            var server = new KeepAlive(context.KeepAliveInterval ?? TimeSpan.Zero, context.KeepAliveTimeout ?? TimeSpan.Zero);
            var (serverEnd, clientEnd) = InMemoryWebSocket.CreatePair(capacity, time, server, client);
            _accepted.TrySetResult(clientEnd);
            return Task.FromResult<WebSocket>(serverEnd);
        }
    }
}

/// <summary>How a <see cref="SocketTestHost"/> behaves.</summary>
public sealed class SocketTestHostOptions
{
    /// <summary>Where <see cref="SocketTestHost.Time"/> starts. Default 2030-01-01 UTC.</summary>
    public DateTimeOffset StartTime { get; set; } = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How long an expectation waits for a frame (in real time: in memory, frames take microseconds). Default 2 s.</summary>
    public TimeSpan ExpectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long <c>ExpectNothingAsync</c> watches for frames that should not come. Default 100 ms.</summary>
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How many messages may wait in each direction of a connection before the sender waits, as a
    /// network's buffers would hold them. Default 64.
    /// </summary>
    public int TransportCapacity { get; set; } = 64;

    /// <summary>How many received frames a failed expectation shows. Default 20.</summary>
    public int FramesShown { get; set; } = 20;
}
