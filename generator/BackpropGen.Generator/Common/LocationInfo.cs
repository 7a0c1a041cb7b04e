using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace BackpropGen.Generator.Common
{
    /// <summary>A source location as plain values (a <see cref="Location"/> would pin a syntax tree in the cache).</summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

        public static LocationInfo? From(Location? location)
        {
            if (location is null || location.SourceTree is null)
            {
                return null;
            }

            return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
        }

        public static LocationInfo From(SyntaxNode node) => From(node.GetLocation())!;

        public static LocationInfo InText(string filePath, SourceText text, int start, int length)
        {
            // Clamp: error positions may point just past the end of the text.
            start = System.Math.Max(0, System.Math.Min(start, text.Length));
            length = System.Math.Max(0, System.Math.Min(length, text.Length - start));
            TextSpan span = new TextSpan(start, length);
            return new LocationInfo(filePath, span, text.Lines.GetLinePositionSpan(span));
        }
    }
}
