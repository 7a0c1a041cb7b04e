using System.Globalization;

namespace BackpropGen.Generator.Parsing.Json;

/// <summary>What an error message says was found at a position, and how many chars to underline.</summary>
internal readonly struct JsonFoundToken
{
    private JsonFoundToken(string description, int length)
    {
        Description = description;
        Length = length;
    }

    /// <summary>For example 'undefined', '}' or character U+0000.</summary>
    public string Description { get; }

    public int Length { get; }

    /// <summary>Describes the token at <paramref name="position"/>, which must be inside the text.</summary>
    public static JsonFoundToken At(string text, int position)
    {
        char c = text[position];
        if (JsonCharacters.IsWordChar(c))
        {
            // Show whole words: "found 'undefined'" reads better than "found 'u'".
            int end = JsonCharacters.WordEnd(text, position);
            return new JsonFoundToken(JsonMessageText.SingleQuoted(text.Substring(position, end - position)), end - position);
        }

        if (char.IsHighSurrogate(c) && position + 1 < text.Length && char.IsLowSurrogate(text[position + 1]))
        {
            return new JsonFoundToken("'" + text.Substring(position, 2) + "'", 2);
        }

        if (c == '\uFFFD')
        {
            // What undecodable bytes become; usually the file is not UTF-8 (e.g. UTF-16 without a BOM).
            return new JsonFoundToken("character U+FFFD (an undecodable byte: is the file saved as UTF-8?)", 1);
        }

        if (IsInvisible(c))
        {
            return new JsonFoundToken("character " + JsonMessageText.CodePoint(c), 1);
        }

        // A lone ' would read as ''' in single quotes.
        string shown = c == '\'' ? "\"'\"" : "'" + c.ToString() + "'";
        return new JsonFoundToken(shown, 1);
    }

    private static bool IsInvisible(char c)
    {
        if (char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c))
        {
            return true;
        }

        UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category == UnicodeCategory.Format || category == UnicodeCategory.OtherNotAssigned;
    }
}
