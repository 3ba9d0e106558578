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

    public static WebApplication Build(ServerKind kind, int port)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        switch (kind)
        {
            case ServerKind.TypedSockets:
                TypedSocketsServer.AddServices(builder.Services);
                break;
            case ServerKind.SignalR:
                SignalRServer.AddServices(builder.Services);
                break;
            case ServerKind.Raw:
                RawServer.AddServices(builder.Services);
                break;
        }

        var app = builder.Build();
        app.UseWebSockets();
        app.MapGet(ServerStats.Path, (bool? gc) => Results.Json(ServerStats.Capture(gc ?? false), StatsJsonContext.Default.ServerStats));
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
    /// The child process's main: <c>serve --kind K [--port N]</c>. Announces its address on stdout
    /// and runs until its stdin closes, which is how the driver stops it.
    /// </summary>
    public static async Task<int> ServeAsync(IReadOnlyList<string> args)
    {
        if (args is not ["--kind", var kindName, ..])
        {
            await Console.Error.WriteLineAsync("usage: serve --kind typedsockets|signalr|raw [--port N]").ConfigureAwait(false);
            return 2;
        }
        var port = args is [_, _, "--port", var portText] ? int.Parse(portText, CultureInfo.InvariantCulture) : 0;
        await using var app = Build(ServerKinds.Parse(kindName), port);
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
