using System.Collections.Generic;

namespace BackpropGen.Generator.Parsing.Json;

/// <summary>A JSON array.</summary>
internal sealed class JsonArray : JsonValue
{
    internal JsonArray(int start, int length, IReadOnlyList<JsonValue> items)
        : base(start, length)
    {
        Items = items;
    }

    public IReadOnlyList<JsonValue> Items { get; }

    public override JsonKind Kind => JsonKind.Array;
}
