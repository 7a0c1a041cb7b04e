namespace BackpropGen.Generator.Parsing.Json;

/// <summary>A JSON string; Start/Length cover the quotes.</summary>
internal sealed class JsonString : JsonValue
{
    internal JsonString(int start, int length, string value)
        : base(start, length)
    {
        Value = value;
    }

    /// <summary>The content with escapes decoded.</summary>
    public string Value { get; }

    public override JsonKind Kind => JsonKind.String;
}
