using System.Globalization;

namespace FanOut.Servers;

/// <summary>
/// Builds and runs one server: the same Kestrel app on 127.0.0.1 for every kind (defaults of an
/// ASP.NET Core app, log level Warning, <c>GET /stats</c>), with the kind's own WebSocket part.
/// </summary>
internal static class ServerApp
{
    /// <summary>What a child process writes to stdout, followed by its base address, once it listens.</summary>
    public const string ReadyLine = "READY ";

    /// <param name="kind">Which server.</param>
    /// <param name="port">Where it listens (0: any free port).</param>
    /// <param name="redis">The Redis the servers of a scale-out run share, or null for one server alone.</param>
    public static WebApplication Build(ServerKind kind, int port, string? redis = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        switch (kind)
        {
            case ServerKind.TypedSockets:
                TypedSocketsServer.AddServices(builder.Services, redis);
                break;
            case ServerKind.SignalR:
                SignalRServer.AddServices(builder.Services, redis);
                break;
            case ServerKind.Raw:
                RawServer.AddServices(builder.Services);
                break;
        }

        var app = builder.Build();
        app.UseWebSockets();
        app.MapGet(ServerStats.Path, (bool? gc) => Results.Json(ServerStats.Capture(gc ?? false), StatsJsonContext.Default.ServerStats));
        if (redis is not null && kind == ServerKind.TypedSockets)
        {
            // Healthy once Redis answers and the endpoint's channel is subscribed: the driver waits
            // for it after connecting clients, so no event is sent before every node listens.
            app.MapHealthChecks("/health");
        }
        switch (kind)
        {
            case ServerKind.TypedSockets:
                TypedSocketsServer.Map(app);
                break;
            case ServerKind.SignalR:
                SignalRServer.Map(app);
                break;
            case ServerKind.Raw:
                RawServer.Map(app);
                break;
        }
        return app;
    }

    /// <summary>
    /// The child process's main: <c>serve --kind K [--redis HOST:PORT]</c>. Announces its address on stdout
    /// and runs until its stdin closes, which is how the driver stops it.
    /// </summary>
    public static async Task<int> ServeAsync(IReadOnlyList<string> args)
    {
        if (args is not ["--kind", var kindName, ..])
        {
            await Console.Error.WriteLineAsync("usage: serve --kind typedsockets|signalr|raw [--redis HOST:PORT]").ConfigureAwait(false);
            return 2;
        }
        var redis = args is [_, _, "--redis", var configuration] ? configuration : null;
        await using var app = Build(ServerKinds.Parse(kindName), port: 0, redis);
        await app.StartAsync().ConfigureAwait(false);
        await Console.Out.WriteLineAsync(ReadyLine + app.Urls.First()).ConfigureAwait(false);
        await Console.Out.FlushAsync().ConfigureAwait(false);
        while (await Console.In.ReadLineAsync().ConfigureAwait(false) is not null)
        {
            // anything but end of input is ignored
        }
        await app.StopAsync().ConfigureAwait(false);
        return 0;
    }
}
