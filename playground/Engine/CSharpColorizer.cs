using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace BackpropGen.Playground.Engine;

/// <summary>
/// Syntax colouring of the generated source: a small one-pass lexer (comments, directives, strings, numbers, keywords from
/// Roslyn's own keyword list). The HTML holds exactly the source text, in spans. (Walking Roslyn's tokens and trivia is
/// exact too, but in the browser's interpreter it cost about 200 ms for the worked example's 76 KB against a few ms here.)
/// </summary>
public static class CSharpColorizer
{
    private static readonly HashSet<string> Keywords = new(
        SyntaxFacts.GetKeywordKinds().Concat(SyntaxFacts.GetContextualKeywordKinds()).Select(SyntaxFacts.GetText).Where(t => t.Length > 0));

    public static string ToHtml(string source)
    {
        var html = new StringBuilder(source.Length * 2);
        int i = 0, n = source.Length;
        bool lineStart = true;
        while (i < n)
        {
            char c = source[i];
            int start = i;
            if (c == '\n')
            {
                html.Append('\n');
                i++;
                lineStart = true;
                continue;
            }

            if (c == ' ' || c == '\t' || c == '\r')
            {
                html.Append(c);
                i++;
                continue;
            }

            if (lineStart && c == '#')
            {
                i = LineEnd(source, i);
                Span(html, "c-directive", source, start, i);
            }
            else if (c == '/' && i + 1 < n && source[i + 1] == '/')
            {
                i = LineEnd(source, i);
                Span(html, "c-comment", source, start, i);
            }
            else if (c == '/' && i + 1 < n && source[i + 1] == '*')
            {
                int end = source.IndexOf("*/", i + 2, System.StringComparison.Ordinal);
                i = end < 0 ? n : end + 2;
                Span(html, "c-comment", source, start, i);
            }
            else if (c == '"' || ((c == '@' || c == '$') && i + 1 < n && source[i + 1] == '"'))
            {
                bool verbatim = c == '@';
                i = c == '"' ? i + 1 : i + 2;
                while (i < n && source[i] != '"' && source[i] != '\n')
                {
                    i += !verbatim && source[i] == '\\' ? 2 : 1;
                }

                i = System.Math.Min(n, i + 1);
                Span(html, "c-string", source, start, i);
            }
            else if (c == '\'')
            {
                i++;
                while (i < n && source[i] != '\'' && source[i] != '\n')
                {
                    i += source[i] == '\\' ? 2 : 1;
                }

                i = System.Math.Min(n, i + 1);
                Span(html, "c-string", source, start, i);
            }
            else if (char.IsDigit(c) || (c == '.' && i + 1 < n && char.IsDigit(source[i + 1])))
            {
                while (i < n && (char.IsLetterOrDigit(source[i]) || source[i] == '.' || source[i] == '_'
                    || ((source[i] == '+' || source[i] == '-') && (source[i - 1] == 'e' || source[i - 1] == 'E'))))
                {
                    i++;
                }

                Span(html, "c-number", source, start, i);
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < n && (char.IsLetterOrDigit(source[i]) || source[i] == '_'))
                {
                    i++;
                }

                string word = source.Substring(start, i - start);
                if (Keywords.Contains(word))
                {
                    Span(html, "c-keyword", source, start, i);
                }
                else
                {
                    html.Append(word);
                }
            }
            else
            {
                i++;
                html.Append(WebUtility.HtmlEncode(c.ToString()));
            }

            lineStart = false;
        }

        return html.ToString();
    }

    private static int LineEnd(string source, int from)
    {
        int end = source.IndexOf('\n', from);
        return end < 0 ? source.Length : end;
    }

    private static void Span(StringBuilder html, string cssClass, string source, int start, int end) =>
        html.Append("<span class=\"").Append(cssClass).Append("\">").Append(WebUtility.HtmlEncode(source.Substring(start, end - start))).Append("</span>");
}
