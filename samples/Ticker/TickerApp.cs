namespace Ticker;

/// <summary>
/// Builds the ticker app in two halves, its services and its pipeline, so <c>Program.cs</c>, the
/// end-to-end tests and the in-memory tests (samples/Ticker.Tests) all run the same app.
/// </summary>
public static class TickerApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        if (builder.Configuration["urls"] is null
            && builder.Configuration["http_ports"] is null
            && builder.Configuration["https_ports"] is null)
        {
            builder.WebHost.UseUrls("http://localhost:5001");
        }

        ConfigureServices(builder);
        var app = builder.Build();
        Configure(app);
        return app;
    }

    public static void ConfigureServices(WebApplicationBuilder builder)
    {
        builder.Services.AddTypedSockets();
        // The feed's clock: tests replace it with a fake one and move it by hand.
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Market>();
        builder.Services.AddHostedService<PriceFeed>();
    }

    public static void Configure(WebApplication app)
    {
        app.UseWebSockets();
        app.MapTypedSockets();
    }
}
