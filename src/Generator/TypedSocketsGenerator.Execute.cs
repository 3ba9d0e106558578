using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using TypedSockets.Generator.Diagnostics;
using TypedSockets.Generator.Model;
using TypedSockets.Generator.Parsing;

namespace TypedSockets.Generator;

/// <summary>What the pipeline's steps call: merging the per-declaration results and the checks that need every declaration at once.</summary>
public sealed partial class TypedSocketsGenerator
{
    private static EquatableArray<DiagnosticInfo> Distinct(IEnumerable<EquatableArray<DiagnosticInfo>> all)
    {
        var seen = new HashSet<DiagnosticInfo>();
        var result = new List<DiagnosticInfo>();
        foreach (var diagnostics in all)
        {
            foreach (var diagnostic in diagnostics)
            {
                if (seen.Add(diagnostic))
                {
                    result.Add(diagnostic);
                }
            }
        }
        return result.ToEquatableArray();
    }

    private static EquatableArray<TypeShape> Distinct(ImmutableArray<EquatableArray<TypeShape>> all)
    {
        var seen = new HashSet<string>();
        var result = new List<TypeShape>();
        foreach (var shapes in all)
        {
            foreach (var shape in shapes)
            {
                if (seen.Add(shape.TypeName))
                {
                    result.Add(shape);
                }
            }
        }
        return result.OrderBy(s => s.TypeName, System.StringComparer.Ordinal).ToEquatableArray();
    }

    private static EquatableArray<DiagnosticInfo> Conflicts(ImmutableArray<EndpointParseResult> endpoints, ImmutableArray<EventParseResult> events)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var refs = new Dictionary<string, string>();
        var duplicateRefs = new HashSet<EndpointModel>();
        foreach (var endpoint in endpoints.Where(e => e.Model is not null).OrderBy(e => e.RefLocation?.FilePath).ThenBy(e => e.RefLocation?.Span.Start))
        {
            var model = endpoint.Model!;
            if (refs.TryGetValue(model.Ref, out var first))
            {
                diagnostics.Add(new DiagnosticInfo(DiagnosticDescriptors.DuplicateEndpointRef.Id, endpoint.RefLocation, new EquatableArray<string>(new[] { model.Ref, first })));
                duplicateRefs.Add(model);
            }
            else
            {
                refs.Add(model.Ref, model.Type.Name);
            }
        }
        var paths = new Dictionary<string, string>();
        foreach (var endpoint in endpoints.Where(e => e.Model is not null).OrderBy(e => e.RefLocation?.FilePath).ThenBy(e => e.RefLocation?.Span.Start))
        {
            var model = endpoint.Model!;
            if (!model.Path.StartsWith("/", System.StringComparison.Ordinal))
            {
                diagnostics.Add(new DiagnosticInfo(DiagnosticDescriptors.InvalidPath.Id, endpoint.PathLocation ?? endpoint.RefLocation, new EquatableArray<string>(new[] { model.Path, "does not start with '/'" })));
            }
            else if (paths.TryGetValue(model.Path, out var first) && !duplicateRefs.Contains(model))
            {
                diagnostics.Add(new DiagnosticInfo(DiagnosticDescriptors.InvalidPath.Id, endpoint.PathLocation ?? endpoint.RefLocation, new EquatableArray<string>(new[] { model.Path, $"is already the path of '{first}'" })));
            }
            else if (!paths.ContainsKey(model.Path))
            {
                paths.Add(model.Path, model.Type.Name);
            }
        }
        var names = new Dictionary<string, string>();
        foreach (var @event in events.Where(e => e.Model is not null).OrderBy(e => e.NameLocation?.FilePath).ThenBy(e => e.NameLocation?.Span.Start))
        {
            var model = @event.Model!;
            if (names.TryGetValue(model.EventName, out var first))
            {
                diagnostics.Add(new DiagnosticInfo(DiagnosticDescriptors.DuplicateEventName.Id, @event.NameLocation, new EquatableArray<string>(new[] { model.EventName, first })));
            }
            else
            {
                names.Add(model.EventName, model.Type.Name);
            }
        }
        return diagnostics.ToEquatableArray();
    }
}
