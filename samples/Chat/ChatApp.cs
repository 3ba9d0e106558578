namespace Chat;

/// <summary>
/// Builds the chat app in two halves, its services and its pipeline, so <c>Program.cs</c>, the
/// end-to-end tests and the in-memory tests (samples/Chat.Tests) all run the same app.
/// </summary>
public static class ChatApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        // The README promises http://localhost:5000; --urls, ASPNETCORE_URLS or *_HTTP_PORTS still win.
        if (builder.Configuration["urls"] is null
            && builder.Configuration["http_ports"] is null
            && builder.Configuration["https_ports"] is null)
        {
            builder.WebHost.UseUrls("http://localhost:5000");
        }

        ConfigureServices(builder);
        var app = builder.Build();
        Configure(app);
        return app;
    }

    public static void ConfigureServices(WebApplicationBuilder builder) => builder.Services.AddTypedSockets();

    public static void Configure(WebApplication app)
    {
        app.UseWebSockets();
        app.MapGet("/", () => Results.Content(ChatPage.Html, "text/html; charset=utf-8"));
        app.MapTypedSockets();
        // The endpoint's contract as an AsyncAPI 3.0 document (off unless mapped); the build also
        // writes it to bin/<configuration>/net10.0/asyncapi.json.
        app.MapAsyncApi();
    }
}
