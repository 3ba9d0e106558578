using System.Linq;
using TypedSockets.Generator.Model;

namespace TypedSockets.Generator.Emitting;

/// <summary>
/// Emits the assembly's <c>AddTypedSockets()</c>, <c>MapTypedSockets()</c>, <c>MapAsyncApi()</c> and
/// <c>MapTypeScriptClient()</c>. All are internal,
/// so two assemblies with endpoints never collide; an endpoint of another assembly is added with
/// <c>AddSocketEndpoint&lt;T&gt;()</c> / <c>MapSocketEndpoint&lt;T&gt;()</c>.
/// </summary>
internal static class RegistrationEmitter
{
    public static string Emit(string assemblyName, EquatableArray<EndpointModel> endpoints)
    {
        var suffix = Naming.Identifier(assemblyName);
        var ordered = endpoints.OrderBy(e => e.Ref, System.StringComparer.Ordinal).ToList();
        var w = new SourceWriter().Header();

        using (w.Block("namespace Microsoft.Extensions.DependencyInjection"))
        {
            w.Line("/// <summary>Registers the TypedSockets endpoints of this assembly.</summary>");
            w.Line(SourceWriter.GeneratedCodeAttribute);
            using (w.Block($"internal static class TypedSocketsServiceCollectionExtensions_{suffix}"))
            {
                w.Line("/// <summary>");
                w.Line("/// Registers every TypedSockets endpoint of this assembly (" + Names(ordered) + ")");
                w.Line("""/// and the runtime they need; <paramref name="configure"/> sets limits and timings.""");
                w.Line("/// </summary>");
                using (w.Block("public static global::Microsoft.Extensions.DependencyInjection.IServiceCollection AddTypedSockets(this global::Microsoft.Extensions.DependencyInjection.IServiceCollection services, global::System.Action<global::TypedSockets.TypedSocketsOptions>? configure = null)"))
                {
                    w.Line("global::Microsoft.Extensions.DependencyInjection.TypedSocketsServiceCollectionExtensions.AddTypedSocketsCore(services, configure);");
                    foreach (var endpoint in ordered)
                    {
                        w.Line($"global::Microsoft.Extensions.DependencyInjection.TypedSocketsServiceCollectionExtensions.AddSocketEndpoint<{endpoint.Type.FullyQualifiedName}>(services);");
                    }
                    w.Line("return services;");
                }
            }
        }
        w.Line();
        using (w.Block("namespace Microsoft.AspNetCore.Builder"))
        {
            w.Line("/// <summary>Maps the TypedSockets endpoints of this assembly.</summary>");
            w.Line(SourceWriter.GeneratedCodeAttribute);
            using (w.Block($"internal static class TypedSocketsEndpointRouteBuilderExtensions_{suffix}"))
            {
                w.Line("/// <summary>");
                w.Line("/// Maps every TypedSockets endpoint of this assembly at its path (" + Paths(ordered) + ").");
                w.Line("/// Call <c>app.UseWebSockets()</c> first. The result applies conventions such as");
                w.Line("/// <c>RequireAuthorization()</c> to all of them.");
                w.Line("/// </summary>");
                using (w.Block("public static global::Microsoft.AspNetCore.Builder.IEndpointConventionBuilder MapTypedSockets(this global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints)"))
                {
                    w.Line("return global::Microsoft.AspNetCore.Builder.TypedSocketsEndpointRouteBuilderExtensions.Combine(");
                    for (var i = 0; i < ordered.Count; i++)
                    {
                        w.Line($"    global::Microsoft.AspNetCore.Builder.TypedSocketsEndpointRouteBuilderExtensions.MapSocketEndpoint<{ordered[i].Type.FullyQualifiedName}>(endpoints){(i < ordered.Count - 1 ? "," : ");")}");
                    }
                    if (ordered.Count == 0)
                    {
                        w.Line(");");
                    }
                }
                w.Line();
                w.Line("/// <summary>");
                w.Line("/// Serves the AsyncAPI 3.0 document of this assembly's endpoints (their contracts) at");
                w.Line("/// <paramref name=\"pattern\"/> as <c>application/json</c>. Nothing is served until this is called;");
                w.Line("/// the result takes conventions such as <c>RequireAuthorization()</c>.");
                w.Line("/// </summary>");
                using (w.Block("public static global::Microsoft.AspNetCore.Builder.IEndpointConventionBuilder MapAsyncApi(this global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints, string pattern = \"/asyncapi.json\")"))
                {
                    w.Line($"return global::Microsoft.AspNetCore.Builder.TypedSocketsEndpointRouteBuilderExtensions.MapAsyncApiDocument(endpoints, pattern, global::TypedSockets.Generated.{AsyncApiEmitter.ClassPrefix}{suffix}.Document);");
                }
                w.Line();
                w.Line("/// <summary>");
                w.Line("/// Serves the TypeScript client package of this assembly's endpoints (the one the build writes to");
                w.Line("/// <c>obj/typescript/</c>) under <paramref name=\"prefix\"/>, so a page imports it without a bundler:");
                w.Line("/// <c>import { connect } from '/client/" + (ordered.Count > 0 ? ordered[0].Ref.Replace(':', '-') : "chat") + ".js'</c>. JavaScript, declarations and");
                w.Line("/// <c>package.json</c>, each revalidated by an ETag of its content. Nothing is served until this");
                w.Line("/// is called; the result takes conventions such as <c>RequireAuthorization()</c>.");
                w.Line("/// </summary>");
                using (w.Block("public static global::Microsoft.AspNetCore.Builder.IEndpointConventionBuilder MapTypeScriptClient(this global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints, string prefix = \"/client\")"))
                {
                    w.Line($"return global::Microsoft.AspNetCore.Builder.TypedSocketsEndpointRouteBuilderExtensions.MapClientFiles(endpoints, prefix, global::TypedSockets.Generated.{TypeScriptEmitter.ClassPrefix}{suffix}.Files);");
                }
            }
        }
        return w.ToString();
    }

    private static string Names(System.Collections.Generic.IEnumerable<EndpointModel> endpoints) =>
        string.Join(", ", endpoints.Select(e => $"<c>{e.Ref}</c>"));

    private static string Paths(System.Collections.Generic.IEnumerable<EndpointModel> endpoints) =>
        string.Join(", ", endpoints.Select(e => $"<c>{e.Path}</c>"));
}
