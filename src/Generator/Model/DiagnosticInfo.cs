using Microsoft.CodeAnalysis;

namespace TypedSockets.Generator.Model;

/// <summary>A diagnostic to report, as plain values: descriptor id, where, and the message arguments.</summary>
/// <param name="Properties">Name and value pairs for a code fix, one after the other.</param>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments, EquatableArray<string> Properties = default)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
        new(descriptor.Id, LocationInfo.From(location), new EquatableArray<string>(arguments));
}
