namespace BackpropGen.Generator.Parsing.Json;

/// <summary>The outcome of <see cref="JsonReader.Parse"/>: exactly one of Root and Error is non-null.</summary>
internal sealed class JsonParseResult
{
    internal JsonParseResult(JsonValue root)
    {
        Root = root;
    }

    internal JsonParseResult(JsonError error)
    {
        Error = error;
    }

    public JsonValue? Root { get; }

    public JsonError? Error { get; }
}
