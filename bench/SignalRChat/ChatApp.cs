namespace SignalRChat;

/// <summary>Builds the SignalR chat app the way samples/Chat builds its own.</summary>
public static class ChatApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        // Same default address as samples/Chat; --urls, ASPNETCORE_URLS or *_HTTP_PORTS still win.
        if (builder.Configuration["urls"] is null
            && builder.Configuration["http_ports"] is null
            && builder.Configuration["https_ports"] is null)
        {
            builder.WebHost.UseUrls("http://localhost:5000");
        }

        // Under Native AOT SignalR needs System.Text.Json source generation for every payload type.
        // A missing or null member is refused, as the readers TypedSockets generates refuse it.
        builder.Services.AddSignalR()
            .AddJsonProtocol(options =>
            {
                options.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, ChatJsonContext.Default);
                options.PayloadSerializerOptions.RespectNullableAnnotations = true;
                options.PayloadSerializerOptions.RespectRequiredConstructorParameters = true;
            });
        builder.Services.AddSingleton<ChatPresence>();

        var app = builder.Build();
        // MapHub adds the WebSocket middleware on its own branch, so there is no UseWebSockets here.
        app.MapHub<ChatHub>("/ws/chat");
        return app;
    }
}
