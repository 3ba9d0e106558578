using Microsoft.CodeAnalysis.Text;

namespace TypedSockets.Generator.Tests;

/// <summary>
/// Test source with the expected squiggle marked as <c>[|…|]</c>, so a test shows where a
/// diagnostic belongs instead of spelling out line and column numbers.
/// </summary>
internal readonly record struct Markup(string Source, TextSpan Span)
{
    private const string Start = "[|";
    private const string End = "|]";

    /// <summary>The span as lines and columns (zero-based), as <c>Location.GetLineSpan()</c> gives it.</summary>
    public LinePositionSpan LineSpan => SourceText.From(Source).Lines.GetLinePositionSpan(Span);

    /// <summary>The marked text, e.g. the identifier the diagnostic squiggles.</summary>
    public string Marked => Source.Substring(Span.Start, Span.Length);

    public static Markup Parse(string markup)
    {
        var start = markup.IndexOf(Start, StringComparison.Ordinal);
        var end = markup.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start || markup.IndexOf(Start, start + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException("Mark exactly one span with [| and |].", nameof(markup));
        }
        var source = markup.Remove(end, End.Length).Remove(start, Start.Length);
        return new Markup(source, TextSpan.FromBounds(start, end - Start.Length));
    }
}
