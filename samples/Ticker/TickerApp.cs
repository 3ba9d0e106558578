namespace Ticker;

/// <summary>Builds the ticker app; tests start it the same way <c>Program.cs</c> does.</summary>
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

        builder.Services.AddTypedSockets();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Market>();
        builder.Services.AddHostedService<PriceFeed>();

        var app = builder.Build();
        app.UseWebSockets();
        app.MapTypedSockets();
        return app;
    }
}
