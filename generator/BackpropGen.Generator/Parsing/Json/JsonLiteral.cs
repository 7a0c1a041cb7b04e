namespace BackpropGen.Generator.Parsing.Json;

/// <summary>One of the literals true, false and null; <see cref="Kind"/> tells which.</summary>
internal sealed class JsonLiteral : JsonValue
{
    internal JsonLiteral(int start, int length, JsonKind kind)
        : base(start, length)
    {
        Kind = kind;
    }

    public override JsonKind Kind { get; }
}
