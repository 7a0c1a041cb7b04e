namespace BackpropGen.Generator.Parsing.Json;

/// <summary>A parsed JSON value and the span of text it was read from.</summary>
internal abstract class JsonValue
{
    // private protected: the set of value kinds is closed.
    private protected JsonValue(int start, int length)
    {
        Start = start;
        Length = length;
    }

    /// <summary>Char offset of the value's first character in the parsed text.</summary>
    public int Start { get; }

    /// <summary>Number of chars the whole value spans, brackets and quotes included.</summary>
    public int Length { get; }

    public abstract JsonKind Kind { get; }
}
