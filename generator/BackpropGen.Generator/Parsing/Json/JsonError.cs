using System.Globalization;

namespace BackpropGen.Generator.Parsing.Json;

/// <summary>Why a text is not acceptable JSON, and the span to point at.</summary>
internal readonly struct JsonError
{
    internal JsonError(string message, int start, int length)
    {
        Message = message;
        Start = start;
        Length = length;
    }

    /// <summary>Says what was found and what was expected there.</summary>
    public string Message { get; }

    /// <summary>Char offset into the parsed text; the text's length for an unexpected end of file.</summary>
    public int Start { get; }

    /// <summary>At least 1 when there is a character to point at, else 0.</summary>
    public int Length { get; }

    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "({0},{1}): {2}", Start, Length, Message);
}
