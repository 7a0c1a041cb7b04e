using System;

namespace BackpropGen.Generator.Parsing.Json;

/// <summary>Skips whitespace and the // and /* */ comments we accept on top of RFC 8259.</summary>
internal static class JsonTrivia
{
    private static readonly char[] LineBreaks = ['\n', '\r'];

    public static void Skip(JsonCursor cursor)
    {
        string text = cursor.Text;
        while (!cursor.AtEnd)
        {
            cursor.CheckCancellation();
            char c = cursor.Current;
            if (JsonCharacters.IsWhitespace(c))
            {
                cursor.Position++;
            }
            else if (c == '/')
            {
                SkipComment(cursor, text);
            }
            else
            {
                return;
            }
        }
    }

    private static void SkipComment(JsonCursor cursor, string text)
    {
        int afterSlash = cursor.Position + 1;
        if (afterSlash < text.Length && text[afterSlash] == '/')
        {
            int lineEnd = text.IndexOfAny(LineBreaks, afterSlash + 1);
            cursor.Position = lineEnd < 0 ? text.Length : lineEnd;
        }
        else if (afterSlash < text.Length && text[afterSlash] == '*')
        {
            int close = text.IndexOf("*/", afterSlash + 1, StringComparison.Ordinal);
            if (close < 0)
            {
                throw JsonErrors.UnexpectedEnd(text, "'*/' to close the block comment");
            }

            cursor.Position = close + 2;
        }
        else
        {
            throw JsonErrors.Expected(text, afterSlash, "'/' or '*' after '/' to start a comment");
        }
    }

}
