using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using TypedSockets;

// The source generators users combine with TypedSockets, each in the place it is usually put:
// [LoggerMessage] and [GeneratedRegex] inside an endpoint (one partial class, three generators),
// a JsonSerializerContext and options validation beside it, and minimal APIs (the request-delegate
// generator) whose lambdas use an endpoint's operations. Program.cs is the README's code; run.sh
// adds the two calls below to it.

public static class Neighbours
{
    public static IServiceCollection AddNeighbours(this IServiceCollection services)
    {
        services.AddOptions<ModerationOptions>().BindConfiguration("Moderation").ValidateOnStart();
        services.AddSingleton<IValidateOptions<ModerationOptions>, ModerationOptionsValidator>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, NeighboursJson.Default));
        return services;
    }

    public static WebApplication MapNeighbours(this WebApplication app)
    {
        app.MapGet("/status", (ModerationEndpoint moderation, IOptions<ModerationOptions> options) =>
            new Status(moderation.Clients.Count, options.Value.MaxLength));
        app.MapPost("/moderation/stop", async (ModerationEndpoint moderation) => await moderation.Stop());
        return app;
    }
}

public sealed class ModerationOptions
{
    [Range(1, 10_000)]
    public int MaxLength { get; set; } = 200;
}

[OptionsValidator]
public sealed partial class ModerationOptionsValidator : IValidateOptions<ModerationOptions>;

public sealed record Status(int Moderators, int MaxLength);

[JsonSerializable(typeof(Status))]
internal sealed partial class NeighboursJson : JsonSerializerContext;

[SocketEndpoint("moderation")]
public sealed partial class ModerationEndpoint(ILogger<ModerationEndpoint> logger, IOptions<ModerationOptions> options) : SocketEndpoint
{
    [OnEvent]
    public Verdict Check(Submit submit)
    {
        var flagged = Link().IsMatch(submit.Text) || submit.Text.Length > options.Value.MaxLength;
        LogChecked(logger, submit.Text.Length, flagged);
        return new Verdict(flagged);
    }

    [GeneratedRegex(@"https?://", RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    [LoggerMessage(Level = LogLevel.Information, Message = "Checked a message of {Length} characters: flagged {Flagged}")]
    private static partial void LogChecked(ILogger logger, int length, bool flagged);
}

[SocketEvent("submit")] public sealed partial record Submit(string Text);
[SocketEvent("verdict")] public sealed partial record Verdict(bool Flagged);
