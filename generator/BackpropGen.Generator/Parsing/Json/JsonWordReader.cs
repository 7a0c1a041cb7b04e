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
        string word = text.Substring(start, end - start);
        JsonKind? kind = LiteralKind(word);
        if (kind != null)
        {
            cursor.Position = end;
            return new JsonLiteral(start, end - start, kind.Value);
        }

        if (IsNotFiniteWord(word))
        {
            throw JsonErrors.NotFinite(start, end - start);
        }

        string message = "Expected " + expected + " but found " + JsonMessageText.SingleQuoted(word);
        JsonKind? caseInsensitiveKind = LiteralKind(word.ToLowerInvariant());
        if (caseInsensitiveKind != null)
        {
            message += ": JSON literals are lowercase, as in " + word.ToLowerInvariant();
        }

        throw JsonErrors.At(start, end - start, message);
    }

    /// <summary>NaN or Infinity in any casing; both are common in hand-written files and neither is JSON.</summary>
    public static bool IsNotFiniteWord(string word) =>
        string.Equals(word, "NaN", StringComparison.OrdinalIgnoreCase)
        || string.Equals(word, "Infinity", StringComparison.OrdinalIgnoreCase);

    private static JsonKind? LiteralKind(string word) => word switch
    {
        "true" => JsonKind.True,
        "false" => JsonKind.False,
        "null" => JsonKind.Null,
        _ => null,
    };
}
