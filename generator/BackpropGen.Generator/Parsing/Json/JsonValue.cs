using System.Collections.Generic;
using System.Globalization;

namespace BackpropGen.Generator.Parsing.Json
{
    /// <summary>The kind of a parsed JSON value; true and false are separate so callers need no extra cast.</summary>
    internal enum JsonKind
    {
        Object,
        Array,
        String,
        Number,
        True,
        False,
        Null,
    }

    /// <summary>A parsed JSON value and the span of text it was read from, so that any later diagnostic can point at it.</summary>
    /// <param name="Start">Char offset of the value's first character in the parsed text.</param>
    /// <param name="Length">Number of chars the whole value spans, brackets and quotes included.</param>
    internal abstract record JsonValue(int Start, int Length)
    {
        public abstract JsonKind Kind { get; }
    }

    /// <summary>A JSON object; its keys are unique (the reader rejects duplicates), its members in source order.</summary>
    internal sealed record JsonObject(int Start, int Length, IReadOnlyList<JsonMember> Members) : JsonValue(Start, Length)
    {
        public override JsonKind Kind => JsonKind.Object;
    }

    /// <summary>One "name": value pair of a JSON object, with the name's own span for messages about the key.</summary>
    /// <param name="Name">The name with escapes decoded.</param>
    /// <param name="NameStart">Char offset of the name's opening quote.</param>
    /// <param name="NameLength">Length of the name as written, both quotes included.</param>
    internal sealed record JsonMember(string Name, int NameStart, int NameLength, JsonValue Value);

    internal sealed record JsonArray(int Start, int Length, IReadOnlyList<JsonValue> Items) : JsonValue(Start, Length)
    {
        public override JsonKind Kind => JsonKind.Array;
    }

    /// <summary>A JSON string; Start and Length cover the quotes.</summary>
    /// <param name="Value">The content with escapes decoded, surrogates exactly as written (paired or not).</param>
    internal sealed record JsonString(int Start, int Length, string Value) : JsonValue(Start, Length)
    {
        public override JsonKind Kind => JsonKind.String;
    }

    /// <summary>A finite JSON number.</summary>
    /// <param name="Text">The number exactly as written, so callers can show it or re-parse it as another type.</param>
    /// <param name="Value">The nearest double (what double.Parse gives), never infinite or NaN.</param>
    /// <param name="IsInteger">True when the text has neither a fraction nor an exponent (so "1e2" is not an integer).</param>
    internal sealed record JsonNumber(int Start, string Text, double Value, bool IsInteger) : JsonValue(Start, Text.Length)
    {
        public override JsonKind Kind => JsonKind.Number;
    }

    /// <summary>One of the literals true, false and null; <see cref="Kind"/> tells which.</summary>
    internal sealed record JsonLiteral(int Start, int Length, JsonKind Kind) : JsonValue(Start, Length)
    {
        public override JsonKind Kind { get; } = Kind;
    }

    /// <summary>Why a text is not acceptable JSON, and the span to point at.</summary>
    /// <param name="Message">What was found and what was expected there; safe to show (short, no raw control characters).</param>
    /// <param name="Start">Char offset into the parsed text; the text's length for an unexpected end of file.</param>
    /// <param name="Length">At least 1 when there is a character to point at, else 0.</param>
    internal readonly record struct JsonError(string Message, int Start, int Length)
    {
        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "({0},{1}): {2}", Start, Length, Message);
    }

    /// <summary>The outcome of <see cref="JsonReader"/>'s Parse: exactly one of Root and Error is set.</summary>
    internal sealed class JsonParseResult
    {
        internal JsonParseResult(JsonValue root) => Root = root;

        internal JsonParseResult(JsonError error) => Error = error;

        public JsonValue? Root { get; }

        public JsonError? Error { get; }
    }
}
