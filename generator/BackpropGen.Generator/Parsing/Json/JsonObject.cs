using System.Collections.Generic;

namespace BackpropGen.Generator.Parsing.Json;

/// <summary>A JSON object; its keys are unique (the reader rejects duplicates).</summary>
internal sealed class JsonObject : JsonValue
{
    internal JsonObject(int start, int length, IReadOnlyList<JsonMember> members)
        : base(start, length)
    {
        Members = members;
    }

    /// <summary>The members in source order.</summary>
    public IReadOnlyList<JsonMember> Members { get; }

    public override JsonKind Kind => JsonKind.Object;
}
