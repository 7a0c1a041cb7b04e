using System;

namespace BackpropGen.Generator.Parsing.Json;

/// <summary>Skips whitespace and the // and /* */ comments we accept on top of RFC 8259.</summary>
internal static class JsonTrivia
{
    private static readonly char[] LineBreaks = ['\n', '\r'];

    public static void Skip(JsonCursor cursor)
    {
        string text = cursor.Text;
        int p = cursor.Position;
        while (p < text.Length)
        {
            cursor.CheckCancellation(p);
            char c = text[p];
            if (JsonCharacters.IsWhitespace(c))
            {
                p++;
            }
            else if (c == '/')
            {
                p = SkipComment(text, p);
            }
            else
            {
                break;
            }
        }

        cursor.Position = p;
    }

    /// <summary>Skips the comment whose '/' is at <paramref name="slash"/> and returns the offset after it.</summary>
    private static int SkipComment(string text, int slash)
    {
        int afterSlash = slash + 1;
        if (afterSlash < text.Length && text[afterSlash] == '/')
        {
            int lineEnd = text.IndexOfAny(LineBreaks, afterSlash + 1);
            return lineEnd < 0 ? text.Length : lineEnd;
        }

        if (afterSlash < text.Length && text[afterSlash] == '*')
        {
            int close = text.IndexOf("*/", afterSlash + 1, StringComparison.Ordinal);
            if (close < 0)
            {
                throw JsonErrors.UnexpectedEnd(text, "'*/' to close the block comment");
            }

            return close + 2;
        }

        throw JsonErrors.Expected(text, afterSlash, "'/' or '*' after '/' to start a comment");
    }
}
