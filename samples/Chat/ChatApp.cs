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

    // Generated clients present the contract's hash: one built from another contract is refused
    // with 409 before the upgrade, not left to fail on its first event. With a Redis connection
    // string (--ConnectionStrings:Redis=127.0.0.1:6379), several Chat servers act as one chat.
    public static void ConfigureServices(WebApplicationBuilder builder)
    {
        var services = builder.Services.AddTypedSockets(options => options.RefuseContractMismatch = true);
        services.AddHealthChecks();
        if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
        {
            services.AddTypedSocketsRedis(redis, options => options.ChannelPrefix = "chat");
        }
    }

    public static void Configure(WebApplication app)
    {
        app.UseWebSockets();
        app.MapGet("/", () => Results.Content(ChatPage.Html, "text/html; charset=utf-8"));
        app.MapTypedSockets();
        // The TypeScript client the build generated from the contract, for the page's module script
        // (/client/chat.js, /client/runtime.js); the build also writes it to obj/typescript/.
        app.MapTypeScriptClient();
        // The endpoint's contract as an AsyncAPI 3.0 document (off unless mapped); the build also
        // writes it to bin/<configuration>/net10.0/asyncapi.json.
        app.MapAsyncApi();
        // Healthy, or Degraded while Redis (when used) is unreachable.
        app.MapHealthChecks("/health");
    }
}
