using System;

namespace BackpropGen.Generator.Parsing.Json;

/// <summary>Reads the literals true, false and null, and explains every other bare word.</summary>
internal static class JsonWordReader
{
    /// <summary>Reads the word starting at the cursor (a word char); anything but a literal is an error.</summary>
    public static JsonLiteral Read(JsonCursor cursor, string expected)
    {
        string text = cursor.Text;
        int start = cursor.Position;
        int end = JsonCharacters.WordEnd(text, start);
        JsonKind? kind = LiteralKind(text, start, end, StringComparison.Ordinal);
        if (kind != null)
        {
            cursor.Position = end;
            return new JsonLiteral(start, end - start, kind.Value);
        }

        if (IsNotFiniteWord(text, start, end))
        {
            throw JsonErrors.NotFinite(start, end - start);
        }

        string word = text.Substring(start, end - start);
        string message = "Expected " + expected + " but found " + JsonMessageText.SingleQuoted(word);
        if (LiteralKind(text, start, end, StringComparison.OrdinalIgnoreCase) != null)
        {
            message += ": JSON literals are lowercase, as in " + word.ToLowerInvariant();
        }

        throw JsonErrors.At(start, end - start, message);
    }

    /// <summary>
    /// Whether text[start..end) is NaN or Infinity in any casing: both are common in hand-written files
    /// and neither is JSON.
    /// </summary>
    public static bool IsNotFiniteWord(string text, int start, int end) =>
        Is(text, start, end, "NaN", StringComparison.OrdinalIgnoreCase)
        || Is(text, start, end, "Infinity", StringComparison.OrdinalIgnoreCase);

    // Compares in place: a Substring per literal would be the parser's most frequent allocation.
    private static JsonKind? LiteralKind(string text, int start, int end, StringComparison comparison)
    {
        if (Is(text, start, end, "true", comparison))
        {
            return JsonKind.True;
        }

        if (Is(text, start, end, "false", comparison))
        {
            return JsonKind.False;
        }

        return Is(text, start, end, "null", comparison) ? JsonKind.Null : null;
    }

    private static bool Is(string text, int start, int end, string word, StringComparison comparison) =>
        end - start == word.Length && string.Compare(text, start, word, 0, word.Length, comparison) == 0;
}
