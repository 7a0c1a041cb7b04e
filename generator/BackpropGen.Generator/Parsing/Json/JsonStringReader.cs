using System.Globalization;
using System.Text;

namespace BackpropGen.Generator.Parsing.Json;

/// <summary>Reads a double-quoted string and decodes its escapes.</summary>
internal static class JsonStringReader
{
    private const string ValidEscapes = "\\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX";

    /// <summary>Reads the string whose opening quote is at the cursor, leaving the cursor after the closing quote.</summary>
    public static string Read(JsonCursor cursor, JsonStringCache cache)
    {
        string text = cursor.Text;

        // Most strings have no escapes: then a single Substring is all we need.
        StringBuilder? decoded = null;
        int runStart = cursor.Position + 1;
        while (true)
        {
            cursor.CheckCancellation(runStart); // a string of nothing but escapes never enters SkipPlainChars' loop
            int p = SkipPlainChars(cursor, runStart);
            if (p >= text.Length)
            {
                throw JsonErrors.UnexpectedEnd(text, "'\"' to close the string");
            }

            char c = text[p];
            if (c == '"')
            {
                cursor.Position = p + 1;
                return decoded == null
                    ? cache.Substring(text, runStart, p - runStart)
                    : decoded.Append(text, runStart, p - runStart).ToString();
            }

            if (c != '\\')
            {
                throw JsonErrors.At(p, 1, ControlCharacterMessage(c));
            }

            decoded ??= new StringBuilder();
            decoded.Append(text, runStart, p - runStart);
            cursor.Position = p;
            decoded.Append(ReadEscape(cursor));
            runStart = cursor.Position;
        }
    }

    /// <summary>Returns the offset of the first quote, backslash or control char from <paramref name="p"/> on, or the text's length.</summary>
    private static int SkipPlainChars(JsonCursor cursor, int p)
    {
        string text = cursor.Text;
        while (p < text.Length)
        {
            char c = text[p];
            if (c == '"' || c == '\\' || c < ' ')
            {
                break;
            }

            cursor.CheckCancellation(p);
            p++;
        }

        return p;
    }

    /// <summary>Reads the escape whose backslash is at the cursor and returns the char it stands for.</summary>
    private static char ReadEscape(JsonCursor cursor)
    {
        string text = cursor.Text;
        int start = cursor.Position;
        if (start + 1 >= text.Length)
        {
            throw JsonErrors.UnexpectedEnd(text, "an escape character after '\\'");
        }

        char decoded;
        switch (text[start + 1])
        {
            case '"': decoded = '"'; break;
            case '\\': decoded = '\\'; break;
            case '/': decoded = '/'; break;
            case 'b': decoded = '\b'; break;
            case 'f': decoded = '\f'; break;
            case 'n': decoded = '\n'; break;
            case 'r': decoded = '\r'; break;
            case 't': decoded = '\t'; break;
            case 'u': return ReadUnicodeEscape(cursor);
            default:
                throw JsonErrors.At(
                    start,
                    2,
                    "Invalid escape " + JsonMessageText.SingleQuoted(text.Substring(start, 2))
                        + " in a string: expected one of " + ValidEscapes);
        }

        cursor.Position = start + 2;
        return decoded;
    }

    // Surrogates are not paired up: each \uXXXX becomes one char, so a pair passes through as two.
    private static char ReadUnicodeEscape(JsonCursor cursor)
    {
        string text = cursor.Text;
        int start = cursor.Position;
        int code = 0;
        for (int i = start + 2; i < start + 6; i++)
        {
            if (i >= text.Length)
            {
                throw JsonErrors.UnexpectedEnd(text, "four hex digits after '\\u'");
            }

            int digit = JsonCharacters.HexValue(text[i]);
            if (digit < 0)
            {
                throw JsonErrors.At(
                    start,
                    i - start + 1,
                    "Invalid escape " + JsonMessageText.SingleQuoted(text.Substring(start, i - start + 1))
                        + ": expected four hex digits after '\\u'");
            }

            code = (code * 16) + digit;
        }

        cursor.Position = start + 6;
        return (char)code;
    }

    private static string ControlCharacterMessage(char c)
    {
        string escape = c switch
        {
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
        };
        if (c == '\n' || c == '\r')
        {
            return "Found a line break inside a string: close the string with '\"' before it, or write it as " + escape;
        }

        return "Found control character " + JsonMessageText.CodePoint(c) + " inside a string: write it as " + escape;
    }
}
