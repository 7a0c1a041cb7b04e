namespace BackpropGen.Generator.Parsing.Json;

/// <summary>A finite JSON number.</summary>
internal sealed class JsonNumber : JsonValue
{
    internal JsonNumber(int start, string text, double value, bool isInteger)
        : base(start, text.Length)
    {
        Text = text;
        Value = value;
        IsInteger = isInteger;
    }

    /// <summary>The number exactly as written, so callers can re-parse it as another type.</summary>
    public string Text { get; }

    public double Value { get; }

    /// <summary>True when the text has neither a fraction nor an exponent (so "1e2" is not an integer).</summary>
    public bool IsInteger { get; }

    public override JsonKind Kind => JsonKind.Number;
}
