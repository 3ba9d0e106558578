using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using TypedSockets.Generator.Model;

namespace TypedSockets.Generator.Diagnostics;

/// <summary>
/// Every diagnostic TypedSockets reports. IDs are part of the public contract: never reuse or
/// renumber one. Each message says how to fix the problem.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "TypedSockets";

    /// <summary>Where each ID is explained, with a wrong and a right example.</summary>
    public const string HelpBase = "https://github.com/typedsockets/TypedSockets/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor EndpointNotPartial = new(
        "TSK001",
        "Endpoint class must be partial",
        "Endpoint class '{0}' must be declared 'partial' so TypedSockets can add its operations and dispatch",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk001");

    public static readonly DiagnosticDescriptor InvalidEndpointRef = new(
        "TSK002",
        "Endpoint ref is invalid",
        "Endpoint ref '{0}' is invalid: use 1 to 64 letters, digits, '_', '-', '.' or ':'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk002");

    public static readonly DiagnosticDescriptor DuplicateEndpointRef = new(
        "TSK003",
        "Two endpoints share a ref",
        "Endpoint ref '{0}' is already used by '{1}': give each endpoint its own ref",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk003");

    public static readonly DiagnosticDescriptor EventNotPartial = new(
        "TSK005",
        "Event type must be partial",
        "Event type '{0}' must be declared 'partial' so TypedSockets can add its JSON code",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk005");

    public static readonly DiagnosticDescriptor InvalidEventName = new(
        "TSK006",
        "Event name is invalid or reserved",
        "Event name '{0}' is {1}: use 1 to 64 letters, digits, '_', '-', '.' or ':', and not 'reply', 'error' or a name starting with 'ts:'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk006");

    public static readonly DiagnosticDescriptor DuplicateEventName = new(
        "TSK007",
        "Two event types share an event name",
        "Event name '{0}' is already used by '{1}': give each event type its own name",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk007");

    public static readonly DiagnosticDescriptor UnsupportedMemberType = new(
        "TSK008",
        "Event member type cannot be serialized",
        "Member '{0}' of '{1}' has type '{2}', which TypedSockets cannot serialize: {3}. Use a string, bool, char, number (Half and Int128 included), decimal, Guid, DateTime, DateTimeOffset, DateOnly, TimeOnly, TimeSpan, Uri, Version, byte[], JsonElement, JsonNode, an enum, a nullable of those, an array, a list or set (List, HashSet, ImmutableArray, ImmutableList or their interfaces), a dictionary with string, integer, Guid or enum keys, or a record, class or struct of such members.",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk008");

    public static readonly DiagnosticDescriptor EventNotConstructible = new(
        "TSK009",
        "Inbound event type cannot be constructed",
        "'{0}' is handled as an inbound event but cannot be constructed when reading: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk009");

    public static readonly DiagnosticDescriptor InvalidHandlerSignature = new(
        "TSK010",
        "Handler signature is not supported",
        "Handler '{0}' has an unsupported signature: {1}. Use (TEvent) or (TEvent, SocketClient), optionally followed by a CancellationToken, returning void, Task, ValueTask, or an event type (plain, Task<T> or ValueTask<T>) as the reply.",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk010");

    public static readonly DiagnosticDescriptor DuplicateHandler = new(
        "TSK011",
        "Two handlers take the same event",
        "Handlers '{0}' and '{1}' both take event '{2}': keep one handler per event",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk011");

    public static readonly DiagnosticDescriptor InvalidHookSignature = new(
        "TSK018",
        "Connect or disconnect hook signature is not supported",
        "'{0}' has an unsupported signature: {1}. Use (SocketClient), optionally followed by a CancellationToken, returning void, Task or ValueTask; one hook of each kind per endpoint.",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk018");

    public static readonly DiagnosticDescriptor InvalidPath = new(
        "TSK015",
        "Endpoint path is invalid or taken",
        "Endpoint path '{0}' {1}: give each endpoint its own path starting with '/'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk015");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = new(
        "TSK019",
        "Type containing an endpoint or event must be partial",
        "'{0}' contains the {1} '{2}' and must be declared 'partial' too, so the generated code can be nested in it",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk019");

    public static readonly DiagnosticDescriptor InvalidEndpointType = new(
        "TSK004",
        "Endpoint class cannot be generic, static or abstract",
        "Endpoint class '{0}' is {1}: an endpoint is one concrete, non-generic class that dependency injection creates",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk004");

    public static readonly DiagnosticDescriptor ReplyIsNotAnEvent = new(
        "TSK012",
        "Handler returns a value that is not an event",
        "Handler '{0}' returns '{1}', which is not a [SocketEvent] type, so it cannot be the reply: return void, Task or ValueTask, or an event type (plain, Task<T> or ValueTask<T>)",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk012");

    public static readonly DiagnosticDescriptor AsyncVoidHandler = new(
        "TSK013",
        "Handler is async void",
        "'{0}' is 'async void': its exceptions cannot be reported to the client and its completion cannot be awaited; return ValueTask instead",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk013");

    public static readonly DiagnosticDescriptor InvalidEndpointConstructor = new(
        "TSK014",
        "Endpoint constructor cannot be used by dependency injection",
        "Endpoint class '{0}' {1}: give it one public constructor whose parameters are services",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk014");

    public static readonly DiagnosticDescriptor HandlerOutsideEndpoint = new(
        "TSK016",
        "Handler outside an endpoint is never called",
        "'{0}' has [{1}] but '{2}' has no [SocketEndpoint], so it is never called: move it into an endpoint class or mark the class with [SocketEndpoint]",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk016");

    public static readonly DiagnosticDescriptor InaccessibleType = new(
        "TSK017",
        "Type is not accessible to the generated code",
        "{0} '{1}' is {2}, so the generated code cannot use it: make it (and the types it is nested in) public or internal, and not file-local",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk017");

    public static readonly DiagnosticDescriptor EndpointNotDerived = new(
        "TSK020",
        "Endpoint class must derive from SocketEndpoint",
        "Endpoint class '{0}' {1}: declare it as 'partial class {0} : SocketEndpoint', so its operations (Broadcast, SendTo, Clients, ...) are visible to every compiler pass, other source generators included",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk020");

    public static readonly DiagnosticDescriptor NotAnEventType = new(
        "TSK021",
        "Type is not a socket event",
        "'{0}' is not a socket event, so '{1}' cannot send or read it: mark it [SocketEvent(\"name\")] and declare it partial",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk021");

    public static readonly DiagnosticDescriptor UndeclaredOutboundEvent = new(
        "TSK022",
        "Endpoint sends an event it does not declare",
        "'{0}' does not declare that it sends '{1}' (event '{2}'): add [Sends<{1}>] to {3}, so clients, the AsyncAPI document and the contract hash know of it",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk022");

    public static readonly DiagnosticDescriptor SendOutsideContract = new(
        "TSK023",
        "Send cannot be checked against an endpoint's contract",
        "'{0}' cannot be checked against an endpoint's contract: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk023");

    public static readonly DiagnosticDescriptor UndeclaredInboundEvent = new(
        "TSK024",
        "Endpoint reads an event it does not receive",
        "'{0}' does not receive '{1}' (event '{2}'): add an [OnEvent] handler for it, or [Receives<{1}>] to {3}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk024");

    public static readonly DiagnosticDescriptor ContractMismatch = new(
        "TSK025",
        "Endpoint does not match its contract",
        "Endpoint '{0}' does not match its contract: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk025");

    public static readonly DiagnosticDescriptor ContractNotPartial = new(
        "TSK026",
        "Contract type must be partial",
        "Contract type '{0}' must be declared 'partial' so TypedSockets can add its ref, path and contract hash",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk026");

    public static readonly DiagnosticDescriptor ContractBreakingChange = new(
        "TSK027",
        "Contract change breaks deployed clients",
        "The contract change breaks clients built on SocketContracts.Shipped.txt: {0}. Undo it, or record it in the snapshot (code fix) if the break is intended.",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk027");

    public static readonly DiagnosticDescriptor ContractCompatibleChange = new(
        "TSK028",
        "Contract changed compatibly",
        "The contract changed compatibly: {0}; record it in SocketContracts.Shipped.txt (code fix)",
        Category,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "tsk028");

    // Declared after the descriptors it reads (static fields are initialized in the order they are
    // written), and read off the fields themselves, so each descriptor is written once. The release
    // tracking analyzers need each descriptor as a plain 'new' with literal arguments.
    private static readonly Dictionary<string, DiagnosticDescriptor> All = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
        .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
        .ToDictionary(descriptor => descriptor.Id);

    public static DiagnosticDescriptor ById(string id) => All[id];

    /// <summary>The reportable form of a diagnostic that travelled through the pipeline as plain values.</summary>
    public static Diagnostic ToDiagnostic(DiagnosticInfo info, Compilation compilation)
    {
        var properties = System.Collections.Immutable.ImmutableDictionary<string, string?>.Empty;
        var pairs = info.Properties.ToArray();
        for (var i = 0; i + 1 < pairs.Length; i += 2)
        {
            properties = properties.SetItem(pairs[i], pairs[i + 1]);
        }
        return Diagnostic.Create(
            ById(info.Id),
            info.Location?.ToLocation(compilation),
            properties,
            info.Arguments.Select(static argument => (object)argument).ToArray());
    }
}
