using System;
using System.Threading;

namespace BackpropGen.Generator.Parsing.Json;

/// <summary>
/// Reads JSON (RFC 8259 plus // and /* */ comments) into a tree with exact source spans.
/// Built for untrusted files: linear time, bounded depth, and it reports the first error instead of throwing.
/// </summary>
internal static class JsonReader
{
    /// <summary>Parses <paramref name="text"/>; throws only <see cref="OperationCanceledException"/>.</summary>
    public static JsonParseResult Parse(string text, CancellationToken cancellationToken = default)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        try
        {
            var parser = new JsonParser(new JsonCursor(text, cancellationToken));
            return new JsonParseResult(parser.ParseDocument());
        }
        catch (JsonSyntaxException exception)
        {
            return new JsonParseResult(exception.Error);
        }
    }
}
