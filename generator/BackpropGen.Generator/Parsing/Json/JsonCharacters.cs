namespace BackpropGen.Generator.Parsing.Json;

/// <summary>Character classes of the JSON grammar (ASCII only, unlike char.IsDigit).</summary>
internal static class JsonCharacters
{
    public static bool IsDigit(char c) => c >= '0' && c <= '9';

    /// <summary>The value of a hex digit, or -1 when <paramref name="c"/> is not one.</summary>
    public static int HexValue(char c)
    {
        if (IsDigit(c))
        {
            return c - '0';
        }

        if (c >= 'a' && c <= 'f')
        {
            return c - 'a' + 10;
        }

        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /// <summary>The four whitespace characters RFC 8259 allows; nothing else (no NBSP, no mid-file BOM).</summary>
    public static bool IsWhitespace(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\r';

    /// <summary>Characters of a bare word such as true, undefined or an unquoted key.</summary>
    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '$';

    /// <summary>Characters that plausibly belong to one malformed number, so an error can show it whole.</summary>
    public static bool IsNumberChar(char c) => IsWordChar(c) || c == '.' || c == '+' || c == '-';

    public static int WordEnd(string text, int position)
    {
        while (position < text.Length && IsWordChar(text[position]))
        {
            position++;
        }

        return position;
    }

    public static int NumberEnd(string text, int position)
    {
        while (position < text.Length && IsNumberChar(text[position]))
        {
            position++;
        }

        return position;
    }
}
