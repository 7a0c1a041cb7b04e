using System;
using System.Collections.Generic;

namespace BackpropGen.Generator.Parsing.Json;

/// <summary>
/// Recursive-descent parser for one JSON document. Recursion is bounded by <see cref="MaxDepth"/>,
/// so hostile nesting ends in an error rather than a stack overflow.
/// </summary>
internal sealed class JsonParser
{
    private const int MaxDepth = 64;

    // Below this many members a linear scan finds duplicates faster than allocating a HashSet.
    private const int LinearKeySearchLimit = 8;
    private const string AnyValue = "a value (object, array, string, number, true, false or null)";
    private const string PropertyName = "a property name in double quotes";

    private readonly JsonCursor cursor;
    private readonly string text;
    private readonly JsonScratchBuffers<JsonMember> memberBuffers = new(MaxDepth);
    private readonly JsonScratchBuffers<JsonValue> itemBuffers = new(MaxDepth);
    private readonly JsonStringCache strings = new();
    private int depth;

    public JsonParser(JsonCursor cursor)
    {
        this.cursor = cursor;
        text = cursor.Text;
    }

    public JsonValue ParseDocument()
    {
        if (cursor.IsAt('\uFEFF'))
        {
            cursor.Position++;
        }

        JsonTrivia.Skip(cursor);
        if (cursor.AtEnd)
        {
            throw JsonErrors.At(0, 0, "The file is empty: expected a JSON object");
        }

        JsonValue root = ParseValue(AnyValue);
        JsonTrivia.Skip(cursor);
        if (!cursor.AtEnd)
        {
            JsonFoundToken found = JsonFoundToken.At(text, cursor.Position);
            throw JsonErrors.At(
                cursor.Position,
                found.Length,
                "Unexpected " + found.Description + " after the end of the JSON value");
        }

        return root;
    }

    /// <summary>Parses the value at the cursor, which is past any trivia; <paramref name="expected"/> words the error otherwise.</summary>
    private JsonValue ParseValue(string expected)
    {
        cursor.CheckCancellation(cursor.Position);
        if (cursor.AtEnd)
        {
            throw JsonErrors.UnexpectedEnd(text, expected);
        }

        char c = cursor.Current;
        switch (c)
        {
            case '{':
                return ParseObject();
            case '[':
                return ParseArray();
            case '"':
                int start = cursor.Position;
                string value = JsonStringReader.Read(cursor, strings);
                return new JsonString(start, cursor.Position - start, value);
        }

        if (c == '-' || JsonCharacters.IsDigit(c) || StartsMalformedNumber(c))
        {
            return JsonNumberReader.Read(cursor);
        }

        if (JsonCharacters.IsWordChar(c))
        {
            return JsonWordReader.Read(cursor, expected);
        }

        throw JsonErrors.Expected(text, cursor.Position, expected);
    }

    // "+1", "+Infinity" and ".5" get a number-specific message; a lone '+' or '.' does not.
    private bool StartsMalformedNumber(char c)
    {
        int next = cursor.Position + 1;
        if (next >= text.Length)
        {
            return false;
        }

        return (c == '+' && JsonCharacters.IsWordChar(text[next]))
            || (c == '.' && JsonCharacters.IsDigit(text[next]));
    }

    private JsonObject ParseObject()
    {
        int start = EnterNesting();
        List<JsonMember> members = memberBuffers.Rent(depth);
        HashSet<string>? names = null;
        JsonTrivia.Skip(cursor);
        if (!cursor.IsAt('}'))
        {
            while (true)
            {
                members.Add(ParseMember(members, ref names));
                JsonTrivia.Skip(cursor);
                if (cursor.IsAt('}'))
                {
                    break;
                }

                SkipComma("',' or '}'", '}');
            }
        }

        cursor.Position++;
        depth--;
        return new JsonObject(start, cursor.Position - start, members.ToArray());
    }

    private JsonMember ParseMember(List<JsonMember> previous, ref HashSet<string>? names)
    {
        if (!cursor.IsAt('"'))
        {
            // A bare word is a name missing its quotes; offering '}' as well would only distract.
            bool foundWord = !cursor.AtEnd && JsonCharacters.IsWordChar(cursor.Current);
            bool isFirst = previous.Count == 0;
            throw JsonErrors.Expected(text, cursor.Position, isFirst && !foundWord ? PropertyName + " or '}'" : PropertyName);
        }

        int nameStart = cursor.Position;
        string name = JsonStringReader.Read(cursor, strings);
        int nameLength = cursor.Position - nameStart;
        if (IsDuplicate(previous, name, ref names))
        {
            throw JsonErrors.At(
                nameStart,
                nameLength,
                "Duplicate key " + JsonMessageText.DoubleQuoted(name) + ": each key may appear once");
        }

        JsonTrivia.Skip(cursor);
        if (!cursor.IsAt(':'))
        {
            throw JsonErrors.Expected(text, cursor.Position, "':' after the property name");
        }

        cursor.Position++;
        JsonTrivia.Skip(cursor);
        JsonValue value = ParseValue(AnyValue);
        return new JsonMember(name, nameStart, nameLength, value);
    }

    /// <summary>Scans small objects; switches to a set once an object is big enough that scanning would go quadratic.</summary>
    private static bool IsDuplicate(List<JsonMember> previous, string name, ref HashSet<string>? names)
    {
        if (names == null)
        {
            if (previous.Count < LinearKeySearchLimit)
            {
                foreach (JsonMember member in previous)
                {
                    if (string.Equals(member.Name, name, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }

                return false;
            }

            names = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonMember member in previous)
            {
                names.Add(member.Name);
            }
        }

        return !names.Add(name);
    }

    private JsonArray ParseArray()
    {
        int start = EnterNesting();
        List<JsonValue> items = itemBuffers.Rent(depth);
        JsonTrivia.Skip(cursor);
        if (!cursor.IsAt(']'))
        {
            while (true)
            {
                items.Add(ParseValue(items.Count == 0 ? AnyValue + " or ']'" : AnyValue));
                JsonTrivia.Skip(cursor);
                if (cursor.IsAt(']'))
                {
                    break;
                }

                SkipComma("',' or ']'", ']');
            }
        }

        cursor.Position++;
        depth--;
        return new JsonArray(start, cursor.Position - start, items.ToArray());
    }

    /// <summary>Consumes the opening bracket at the cursor and returns its offset.</summary>
    private int EnterNesting()
    {
        int start = cursor.Position;
        if (++depth > MaxDepth)
        {
            throw JsonErrors.At(start, 1, "Nesting deeper than 64 levels is not supported");
        }

        cursor.Position++;
        return start;
    }

    /// <summary>Consumes the ',' between two items and the trivia after it; a ',' right before the closer is an error.</summary>
    private void SkipComma(string expected, char closer)
    {
        if (!cursor.IsAt(','))
        {
            throw JsonErrors.Expected(text, cursor.Position, expected);
        }

        int comma = cursor.Position;
        cursor.Position++;
        JsonTrivia.Skip(cursor);
        if (cursor.IsAt(closer))
        {
            throw JsonErrors.At(comma, 1, "Trailing comma before '" + closer.ToString() + "': remove it");
        }
    }
}
