namespace BackpropGen.Generator.Parsing.Json;

/// <summary>One "name": value pair of a JSON object.</summary>
internal sealed class JsonMember
{
    internal JsonMember(string name, int nameStart, int nameLength, JsonValue value)
    {
        Name = name;
        NameStart = nameStart;
        NameLength = nameLength;
        Value = value;
    }

    /// <summary>The name with escapes decoded.</summary>
    public string Name { get; }

    /// <summary>Char offset of the name's opening quote.</summary>
    public int NameStart { get; }

    /// <summary>Length of the name as written, both quotes included.</summary>
    public int NameLength { get; }

    public JsonValue Value { get; }
}
