namespace BackpropGen.Generator.Parsing.Json;

/// <summary>Builds the exceptions that carry a <see cref="JsonError"/>, in the reader's message style.</summary>
internal static class JsonErrors
{
    public static JsonSyntaxException At(int start, int length, string message) =>
        new(new JsonError(message, start, length));

    /// <summary>Points at the end of the text, where there is no character to underline.</summary>
    public static JsonSyntaxException UnexpectedEnd(string text, string expected) =>
        At(text.Length, 0, "Unexpected end of file: expected " + expected);

    /// <summary>"Expected X but found Y", or the end-of-file form when nothing is left.</summary>
    public static JsonSyntaxException Expected(string text, int position, string expected)
    {
        if (position >= text.Length)
        {
            return UnexpectedEnd(text, expected);
        }

        JsonFoundToken found = JsonFoundToken.At(text, position);
        return At(position, found.Length, "Expected " + expected + " but found " + found.Description);
    }

    /// <summary>Shared by bare words (NaN) and signed numbers (-Infinity), which are read in different places.</summary>
    public static JsonSyntaxException NotFinite(int start, int length) =>
        At(start, length, "NaN and Infinity are not JSON numbers; write a finite number");
}
