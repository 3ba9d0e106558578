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
        ConstantKind.Number => $"({constant.TypeName})({constant.Text})",
        ConstantKind.Enum => $"({constant.TypeName})({constant.Text})",
        ConstantKind.Type => $"typeof({constant.TypeName})",
        ConstantKind.Array => $"new {constant.TypeName}[] {{ {string.Join(", ", constant.Items.Select(Expression))} }}",
        _ => "null",
    };
}
