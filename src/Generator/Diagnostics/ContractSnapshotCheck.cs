using System.Collections.Generic;
using System.Linq;
using TypedSockets.Generator.Emitting;
using TypedSockets.Generator.Model;

namespace TypedSockets.Generator.Diagnostics;

/// <summary>
/// Compares the compiled contracts with the project's snapshot (<c>SocketContracts.Shipped.txt</c>)
/// and reports each change: TSK027 for one that breaks clients built on the snapshot (an event,
/// property or endpoint removed or renamed, a JSON type changed, an inbound property made required
/// or non-nullable, an outbound one made nullable, a reply or path changed), TSK028 for a
/// compatible one. Each diagnostic carries the snapshot the code fix writes. No snapshot file, no
/// checks.
/// </summary>
internal static class ContractSnapshotCheck
{
    /// <summary>The diagnostic property holding the snapshot file's new text.</summary>
    public const string SnapshotProperty = "Snapshot";

    public static EquatableArray<DiagnosticInfo> Compare(string? snapshot, IReadOnlyList<ContractFacts> contracts, IReadOnlyList<EventLocations> events)
    {
        if (snapshot is null)
        {
            return default;
        }
        var current = contracts
            .GroupBy(c => c.Ref)
            .Select(g => g.First())
            .OrderBy(c => c.Ref, System.StringComparer.Ordinal)
            .ToList();
        var newLines = current.Select(c => ContractSnapshot.Lines(c.Ref, c.Path, c.Contract)).ToList();
        var file = ContractSnapshot.File(newLines);
        var before = Index(ContractSnapshot.Parse(snapshot));
        var after = Index(newLines.SelectMany(l => l));
        var holders = current.ToDictionary(c => c.Ref);
        var findings = new List<DiagnosticInfo>();

        var declared = new Dictionary<string, EventLocations>();
        foreach (var @event in events)
        {
            declared[@event.TypeName] = @event;
        }

        void Report(bool breaking, string @ref, string? key, string what)
        {
            // The most precise declaration known: the property, else its event, else the endpoint.
            LocationInfo? location = null;
            if (holders.TryGetValue(@ref, out var facts))
            {
                location = facts.Holder;
                var parts = key?.Split(new[] { ' ' }, 2);
                if (parts is not null && TypeOf(facts.Contract, parts[0]) is { } typeName && declared.TryGetValue(typeName, out var eventLocations))
                {
                    location = (parts.Length == 2 ? eventLocations.Members.FirstOrDefault(m => m.Key == parts[1])?.Location : null)
                        ?? eventLocations.Declaration
                        ?? location;
                }
            }
            findings.Add(new DiagnosticInfo(
                breaking ? DiagnosticDescriptors.ContractBreakingChange.Id : DiagnosticDescriptors.ContractCompatibleChange.Id,
                location,
                new EquatableArray<string>(new[] { what }),
                new EquatableArray<string>(new[] { SnapshotProperty, file })));
        }

        foreach (var endpoint in before.Endpoints)
        {
            if (!after.Endpoints.TryGetValue(endpoint.Key, out var path))
            {
                Report(true, endpoint.Key, null, $"endpoint '{endpoint.Key}' no longer exists");
            }
            else if (path != endpoint.Value)
            {
                Report(true, endpoint.Key, null, $"endpoint '{endpoint.Key}' moved from '{endpoint.Value}' to '{path}'");
            }
        }
        foreach (var endpoint in after.Endpoints.Keys.Where(r => !before.Endpoints.ContainsKey(r)))
        {
            Report(false, endpoint, null, $"endpoint '{endpoint}' is new");
        }

        foreach (var @event in before.Events)
        {
            var (@ref, direction, name) = @event.Key;
            if (!after.Endpoints.ContainsKey(@ref))
            {
                continue; // Reported with its endpoint.
            }
            if (!after.Events.TryGetValue(@event.Key, out var reply))
            {
                Report(true, @ref, null, $"'{@ref}' no longer {Verb(direction)} '{name}'");
            }
            else if (reply != @event.Value)
            {
                Report(true, @ref, name, $"'{@ref}' answers '{name}' with {Describe(reply)} instead of {Describe(@event.Value)}");
            }
        }
        foreach (var @event in after.Events.Keys.Where(e => before.Endpoints.ContainsKey(e.Ref) && !before.Events.ContainsKey(e)))
        {
            Report(false, @event.Ref, @event.Name, $"'{@event.Ref}' now {Verb(@event.Direction)} '{@event.Name}'");
        }

        foreach (var member in before.Members)
        {
            var (@ref, direction, name, path) = member.Key;
            if (!after.Events.ContainsKey((@ref, direction, name)))
            {
                continue; // Reported with its event.
            }
            var key = name + " " + path;
            if (!after.Members.TryGetValue(member.Key, out var now))
            {
                Report(true, @ref, name, $"'{name}' no longer has the property {Path(path)}");
                continue;
            }
            var was = member.Value;
            if (now.Type != was.Type)
            {
                Report(true, @ref, key, $"'{name}' {Path(path)} changed from {was.Type} to {now.Type}");
            }
            if (direction == "in" && now.Required && !was.Required)
            {
                Report(true, @ref, key, $"'{name}' {Path(path)} is now required, and clients built on the snapshot may leave it out");
            }
            if (direction == "in" && was.Nullable && !now.Nullable)
            {
                Report(true, @ref, key, $"'{name}' {Path(path)} no longer takes null, and clients built on the snapshot may send it");
            }
            if (direction == "out" && now.Nullable && !was.Nullable)
            {
                Report(true, @ref, key, $"'{name}' {Path(path)} may now be null, which clients built on the snapshot do not expect");
            }
            var compatible = now.Type == was.Type && now != was
                && !(direction == "in" && now.Required && !was.Required)
                && !(direction == "in" && was.Nullable && !now.Nullable)
                && !(direction == "out" && now.Nullable && !was.Nullable);
            if (compatible)
            {
                Report(false, @ref, key, $"'{name}' {Path(path)} changed from {was} to {now}");
            }
        }
        foreach (var member in after.Members.Where(m => before.Events.ContainsKey((m.Key.Ref, m.Key.Direction, m.Key.Event)) && !before.Members.ContainsKey(m.Key)))
        {
            var (@ref, direction, name, path) = member.Key;
            var key = name + " " + path;
            if (direction == "in" && member.Value.Required && !ParentIsNew(before, member.Key))
            {
                Report(true, @ref, key, $"'{name}' has a new required property {Path(path)}, which clients built on the snapshot do not send");
            }
            else
            {
                Report(false, @ref, key, $"'{name}' has a new property {Path(path)}");
            }
        }
        return findings.ToEquatableArray();
    }

    /// <summary>The event type of <paramref name="eventName"/> in the contract, whichever way it travels.</summary>
    private static string? TypeOf(ContractModel contract, string eventName) =>
        contract.Inbound.Concat(contract.Sent()).FirstOrDefault(e => e.EventName == eventName)?.TypeName;

    /// <summary>Whether the member sits inside an object property that is new itself (its own line reports the change).</summary>
    private static bool ParentIsNew(SnapshotIndex before, (string Ref, string Direction, string Event, string Path) member)
    {
        var cut = member.Path.LastIndexOf('.');
        if (cut <= 0)
        {
            return false;
        }
        var parent = member.Path.Substring(0, cut).TrimEnd('[', ']', '{', '}');
        return !before.Members.ContainsKey((member.Ref, member.Direction, member.Event, parent));
    }

    private static string Verb(string direction) => direction == "in" ? "receives" : "sends";

    private static string Describe(string? reply) => reply is null ? "nothing" : $"'{reply}'";

    private static string Path(string path) => "$" + path;

    private static SnapshotIndex Index(IEnumerable<string> lines)
    {
        var index = new SnapshotIndex();
        foreach (var line in lines)
        {
            var parts = line.Split(' ');
            if (parts.Length == 2)
            {
                index.Endpoints[parts[0]] = parts[1];
            }
            else if (parts.Length >= 3 && parts[1] is "in" or "out")
            {
                if (parts.Length >= 5 && parts[3].StartsWith(".", System.StringComparison.Ordinal))
                {
                    // The type is the rest of the line before the flags (an enum's names may hold spaces).
                    var rest = parts.Skip(4).ToList();
                    var nullable = rest.Count > 1 && rest[rest.Count - 1] == "nullable";
                    if (nullable)
                    {
                        rest.RemoveAt(rest.Count - 1);
                    }
                    var required = rest.Count > 1 && rest[rest.Count - 1] == "required";
                    if (required)
                    {
                        rest.RemoveAt(rest.Count - 1);
                    }
                    index.Members[(parts[0], parts[1], parts[2], parts[3])] = new MemberFacts(string.Join(" ", rest), required, nullable);
                }
                else
                {
                    index.Events[(parts[0], parts[1], parts[2])] = parts.Length == 5 && parts[3] == "->" ? parts[4] : null;
                }
            }
        }
        return index;
    }

    private sealed class SnapshotIndex
    {
        public Dictionary<string, string> Endpoints { get; } = new();

        public Dictionary<(string Ref, string Direction, string Name), string?> Events { get; } = new();

        public Dictionary<(string Ref, string Direction, string Event, string Path), MemberFacts> Members { get; } = new();
    }

    private sealed record MemberFacts(string Type, bool Required, bool Nullable)
    {
        public override string ToString() => Type + (Required ? " required" : string.Empty) + (Nullable ? " nullable" : string.Empty);
    }
}
