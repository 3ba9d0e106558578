using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace TypedSockets.Generator.Model;

/// <summary>A source location as plain values, so diagnostics can travel through the cached pipeline.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    /// <summary>
    /// The location in <paramref name="compilation"/>'s own syntax tree when it has this file, so
    /// <c>#pragma warning disable</c> and per-file <c>.editorconfig</c> severities apply.
    /// </summary>
    public Location ToLocation(Compilation compilation)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.FilePath == FilePath)
            {
                return Location.Create(tree, Span);
            }
        }
        return ToLocation();
    }

    public static LocationInfo? From(Location? location)
    {
        if (location is null || location.SourceTree is null)
        {
            return null;
        }
        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    public static LocationInfo? From(SyntaxNode node) => From(node.GetLocation());
}
