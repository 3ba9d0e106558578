using TypedSockets.Generator.Model;

namespace TypedSockets.Generator.Emitting;

/// <summary>
/// Emits what a <c>[SocketContract]</c> type gets: its ref, its path and its contract hash, the
/// same hash an endpoint that adopts it has, so a client built from the contract can present it.
/// </summary>
internal static class ContractTypeEmitter
{
    public static string Emit(ContractTypeModel model)
    {
        var w = new SourceWriter().Header();
        DeclarationWriter.Open(w, model.Type);
        w.Line($"/// <summary>The endpoint's reference: <c>{model.Ref}</c>.</summary>");
        w.Line(SourceWriter.GeneratedCodeAttribute);
        w.Line($"public const string SocketRef = {Literal(model.Ref)};");
        w.Line();
        w.Line($"/// <summary>The request path the endpoint is served at: <c>{model.Path}</c>.</summary>");
        w.Line(SourceWriter.GeneratedCodeAttribute);
        w.Line($"public const string SocketPath = {Literal(model.Path)};");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// The hash of the wire contract (its events, their directions and JSON shapes): the");
        w.Line("/// <c>ContractHash</c> of every endpoint that adopts it, which generated clients send when they connect.");
        w.Line("/// </summary>");
        w.Line(SourceWriter.GeneratedCodeAttribute);
        w.Line($"public const string ContractHash = {Literal(ContractHash.Of(model.Ref, model.Path, model.Contract))};");
        DeclarationWriter.Close(w, model.Type);
        return w.ToString();
    }

    private static string Literal(string value) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);
}
