namespace TypedSockets.Generator.Tests;

/// <summary>What the attributes' named arguments turn into: policy, binary frames, volatility, authorization.</summary>
public class EndpointSettingsTests
{
    private const string Source = """
        using Microsoft.AspNetCore.Authorization;
        using TypedSockets;

        namespace Demo;

        [Authorize(Policy = "Traders", Roles = "desk, risk")]
        [SocketEndpoint("ticker", SlowConsumerPolicy = SlowConsumerPolicy.DropOldest, AllowBinaryFrames = true)]
        public sealed partial class TickerEndpoint : SocketEndpoint
        {
            [OnEvent]
            public void Subscribe(Subscribe subscribe) { }
        }

        [AllowAnonymous]
        [SocketEndpoint("lobby")]
        public sealed partial class LobbyEndpoint : SocketEndpoint;

        [SocketEndpoint("plain")]
        public sealed partial class PlainEndpoint : SocketEndpoint;

        [SocketEvent("subscribe")]
        public sealed partial record Subscribe(string Symbol);

        [SocketEvent("tick", Volatile = true)]
        public sealed partial record Tick(string Symbol, decimal Price);
        """;

    [Fact]
    public void Named_arguments_become_the_endpoints_and_events_static_settings_and_the_result_compiles()
    {
        var (output, diagnostics, result) = GeneratorHarness.Run("Demo", Source);

        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        var ticker = Generated(result, "Demo.TickerEndpoint.SocketEndpoint.g.cs");
        Assert.Contains("SlowConsumerPolicy => global::TypedSockets.SlowConsumerPolicy.DropOldest;", ticker, StringComparison.Ordinal);
        Assert.Contains("AllowBinaryFrames => true;", ticker, StringComparison.Ordinal);
        Assert.Contains(
            """[new global::Microsoft.AspNetCore.Authorization.AuthorizeAttribute() { Policy = "Traders", Roles = "desk, risk" }];""",
            ticker,
            StringComparison.Ordinal);
        Assert.Contains("[new global::Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute()];", Generated(result, "Demo.LobbyEndpoint.SocketEndpoint.g.cs"), StringComparison.Ordinal);
        Assert.Contains("IsVolatile => true;", Generated(result, "Demo.Tick.SocketEvent.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_authorization_attribute_with_every_kind_of_argument_is_recreated_and_compiles()
    {
        var (output, diagnostics, result) = GeneratorHarness.Run("Demo", """
            using System;
            using Microsoft.AspNetCore.Authorization;
            using TypedSockets;

            namespace Demo;

            public enum Desk { Equities = 1, Rates = 2 }

            public sealed class Marker;

            [AttributeUsage(AttributeTargets.Class)]
            public sealed class DeskAccessAttribute(long level, Desk desk, Type marker, string[] names, char grade, bool strict) : Attribute, IAuthorizeData
            {
                public double Limit { get; set; }
                public float Ratio { get; set; }
                public string? Policy { get; set; } = $"{level}-{desk}-{marker.Name}-{string.Join("+", names)}-{grade}-{strict}";
                public string? Roles { get; set; }
                public string? AuthenticationSchemes { get; set; }
                public string? Note { get; set; }
            }

            [DeskAccess(3_000_000_000, Desk.Rates, typeof(Marker), new[] { "a", "b\"c" }, 'x', true, Note = null, Roles = "desk", Limit = double.NaN, Ratio = 0.1f)]
            [SocketEndpoint("rates")]
            public sealed partial class RatesEndpoint : SocketEndpoint;
            """);

        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        Assert.Contains(
            """new global::Demo.DeskAccessAttribute((long)(3000000000), (global::Demo.Desk)(2), typeof(global::Demo.Marker), new string[] { "a", "b\"c" }, 'x', true) { Note = null, Roles = "desk", Limit = double.NaN, Ratio = (float)(0.1) }""",
            Generated(result, "Demo.RatesEndpoint.SocketEndpoint.g.cs"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Without_named_arguments_nothing_is_overridden()
    {
        var (_, _, result) = GeneratorHarness.Run("Demo", Source);

        var plain = Generated(result, "Demo.PlainEndpoint.SocketEndpoint.g.cs");
        Assert.DoesNotContain("SlowConsumerPolicy", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("AllowBinaryFrames", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("Metadata", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("IsVolatile", Generated(result, "Demo.Subscribe.SocketEvent.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_settings_reach_the_runtime_through_the_endpoint_contract()
    {
        var (output, _, _) = GeneratorHarness.Run("Demo", Source);
        var assembly = GeneratorHarness.Load(output);

        // The test calls the static interface members through a generic method, as the runtime does.
        object? Read(string type, string method) =>
            typeof(EndpointSettingsTests).GetMethod(method, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(assembly.GetType(type)!).Invoke(null, null);
        Assert.Equal(SlowConsumerPolicy.DropOldest, Read("Demo.TickerEndpoint", nameof(Policy)));
        Assert.Null(Read("Demo.PlainEndpoint", nameof(Policy)));
        Assert.Equal(true, Read("Demo.TickerEndpoint", nameof(Binary)));
        Assert.Equal(false, Read("Demo.PlainEndpoint", nameof(Binary)));
    }

    private static SlowConsumerPolicy? Policy<T>() where T : SocketEndpoint, ISocketEndpoint<T> => T.SlowConsumerPolicy;

    private static bool Binary<T>() where T : SocketEndpoint, ISocketEndpoint<T> => T.AllowBinaryFrames;

    private static string Generated(Microsoft.CodeAnalysis.GeneratorDriverRunResult result, string file) =>
        result.Results.Single().GeneratedSources.Single(s => s.HintName == file).SourceText.ToString();
}
