using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using TypedSockets.Generator.Model;

namespace TypedSockets.Generator.Emitting;

/// <summary>Writes the model's constants and attributes as C# expressions.</summary>
internal static class ConstantWriter
{
    /// <summary><c>new global::Attr(arguments) { Name = value }</c>.</summary>
    public static string NewAttribute(AttributeModel attribute)
    {
        var arguments = string.Join(", ", attribute.Arguments.Select(Expression));
        var properties = string.Join(", ", attribute.Properties.Select(p => $"{p.Name} = {Expression(p.Value)}"));
        return properties.Length == 0
            ? $"new {attribute.TypeName}({arguments})"
            : $"new {attribute.TypeName}({arguments}) {{ {properties} }}";
    }

    public static string Expression(ConstantModel constant) => constant.Kind switch
    {
        ConstantKind.String => SymbolDisplay.FormatLiteral(constant.Text, quote: true),
        ConstantKind.Char => SymbolDisplay.FormatLiteral(constant.Text[0], quote: true),
        ConstantKind.Boolean => constant.Text,
        ConstantKind.Number => Number(constant.TypeName!, constant.Text),
        ConstantKind.Enum => $"({constant.TypeName})({constant.Text})",
        ConstantKind.Type => $"typeof({constant.TypeName})",
        ConstantKind.Array => $"new {constant.TypeName}[] {{ {string.Join(", ", constant.Items.Select(Expression))} }}",
        _ => "null",
    };

    /// <summary>A number of a primitive type, cast so the literal's own type does not matter.</summary>
    public static string Number(string typeName, string text) =>
        NonFinite(typeName, text) ?? $"({typeName})({text})";

    /// <summary>A float or double literal with its suffix, or the type's constant for NaN and the infinities.</summary>
    public static string FloatingPoint(string typeName, string text, string suffix) =>
        NonFinite(typeName, text) ?? text + suffix;

    private static string? NonFinite(string typeName, string text) => text switch
    {
        "NaN" => $"{typeName}.NaN",
        "Infinity" or "∞" => $"{typeName}.PositiveInfinity",
        "-Infinity" or "-∞" => $"{typeName}.NegativeInfinity",
        _ => null,
    };
}
