using System;

namespace BackpropGen.Generator.Parsing.Json;

/// <summary>
/// Unwinds the parser at the first error, which is all we report.
/// Never escapes <see cref="JsonReader.Parse"/>.
/// </summary>
internal sealed class JsonSyntaxException : Exception
{
    internal JsonSyntaxException(JsonError error)
        : base(error.Message)
    {
        Error = error;
    }

    public JsonError Error { get; }
}
