using Microsoft.CodeAnalysis.CSharp;

namespace BackpropGen.Generator.Common
{
    /// <summary>Identifiers taken from user code, written back as C# needs them.</summary>
    internal static class Identifiers
    {
        /// <summary>
        /// <paramref name="name"/> (an identifier's value, without '@') as it must be written in C#: with '@' when it is
        /// a keyword (<c>@class</c>), and also when it is a contextual keyword (<c>@record</c>, <c>@var</c>), where '@' is
        /// always legal and sidesteps every place a contextual keyword would be read as one.
        /// </summary>
        public static string Escape(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
                ? "@" + name
                : name;

        /// <summary>A dotted namespace ("My.event") with each part escaped ("My.@event").</summary>
        public static string EscapeDotted(string dotted) => string.Join(".", System.Array.ConvertAll(dotted.Split('.'), Escape));
    }
}
