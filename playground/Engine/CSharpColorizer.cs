using System.Net;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace BackpropGen.Playground.Engine;

/// <summary>Syntax colouring from Roslyn's own tokens and trivia: the HTML holds exactly the source text, in spans.</summary>
public static class CSharpColorizer
{
    public static string ToHtml(SyntaxTree tree)
    {
        var html = new StringBuilder(tree.Length * 2);
        foreach (SyntaxToken token in tree.GetRoot().DescendantTokens(descendIntoTrivia: false))
        {
            foreach (SyntaxTrivia trivia in token.LeadingTrivia)
            {
                Append(html, TriviaClass(trivia), trivia.ToFullString());
            }

            Append(html, TokenClass(token), token.Text);
            foreach (SyntaxTrivia trivia in token.TrailingTrivia)
            {
                Append(html, TriviaClass(trivia), trivia.ToFullString());
            }
        }

        return html.ToString();
    }

    private static string? TriviaClass(SyntaxTrivia trivia)
    {
        SyntaxKind kind = trivia.Kind();
        if (kind is SyntaxKind.SingleLineCommentTrivia or SyntaxKind.MultiLineCommentTrivia or SyntaxKind.SingleLineDocumentationCommentTrivia
            or SyntaxKind.MultiLineDocumentationCommentTrivia or SyntaxKind.DisabledTextTrivia)
        {
            return "c-comment";
        }

        return trivia.IsDirective ? "c-directive" : null;
    }

    private static string? TokenClass(SyntaxToken token)
    {
        SyntaxKind kind = token.Kind();
        if (SyntaxFacts.IsKeywordKind(kind) || SyntaxFacts.IsContextualKeyword(kind))
        {
            return "c-keyword";
        }

        return kind switch
        {
            SyntaxKind.NumericLiteralToken => "c-number",
            SyntaxKind.StringLiteralToken or SyntaxKind.CharacterLiteralToken or SyntaxKind.InterpolatedStringTextToken
                or SyntaxKind.InterpolatedStringStartToken or SyntaxKind.InterpolatedStringEndToken => "c-string",
            SyntaxKind.IdentifierToken when token.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax
                or Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax => "c-declaration",
            _ => null,
        };
    }

    private static void Append(StringBuilder html, string? cssClass, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (cssClass is null)
        {
            html.Append(WebUtility.HtmlEncode(text));
            return;
        }

        html.Append("<span class=\"").Append(cssClass).Append("\">").Append(WebUtility.HtmlEncode(text)).Append("</span>");
    }
}
