using System;
using System.Globalization;

namespace BackpropGen.Generator.Parsing.Json;

/// <summary>
/// Reads a number exactly per RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?,
/// with a specific message for each common mistake.
/// </summary>
internal static class JsonNumberReader
{
    /// <summary>Reads the number starting at the cursor, which is at '-', '+', '.' or a digit.</summary>
    public static JsonNumber Read(JsonCursor cursor)
    {
        string text = cursor.Text;
        int start = cursor.Position;
        int p = start;
        if (text[p] == '+' || text[p] == '-')
        {
            p++;
            RejectNotFinite(text, start, p);
            if (text[start] == '+')
            {
                throw Malformed(text, start, "a JSON number cannot start with '+'; remove it");
            }
        }

        if (p < text.Length && text[p] == '.')
        {
            throw Malformed(text, start, "a JSON number needs a digit before the decimal point, as in 0.5");
        }

        if (p >= text.Length || !JsonCharacters.IsDigit(text[p]))
        {
            throw JsonErrors.Expected(text, p, "a digit after '-'");
        }

        p = ReadIntegerPart(text, start, p);
        bool isInteger = true;
        if (p < text.Length && text[p] == '.')
        {
            p = SkipDigits(text, p + 1);
            isInteger = false;
            if (!JsonCharacters.IsDigit(text[p - 1]))
            {
                throw Malformed(text, start, "a JSON number needs a digit after the decimal point, as in 1.0");
            }
        }

        if (p < text.Length && (text[p] == 'e' || text[p] == 'E'))
        {
            int exponentSign = p + 1;
            int digitsStart = exponentSign < text.Length && (text[exponentSign] == '+' || text[exponentSign] == '-')
                ? exponentSign + 1
                : exponentSign;
            p = SkipDigits(text, digitsStart);
            isInteger = false;
            if (p == digitsStart)
            {
                throw Malformed(text, start, "a JSON number needs digits after the exponent, as in 1e5");
            }
        }

        if (p < text.Length && JsonCharacters.IsNumberChar(text[p]))
        {
            string valid = text.Substring(start, p - start);
            throw Malformed(text, start, "expected the number to end after " + JsonMessageText.SingleQuoted(valid));
        }

        cursor.Position = p;
        string numberText = text.Substring(start, p - start);
        return new JsonNumber(start, numberText, ToDouble(numberText, start), isInteger);
    }

    // -Infinity, +NaN and friends: the sign would otherwise hide the real problem.
    private static void RejectNotFinite(string text, int start, int afterSign)
    {
        int wordEnd = JsonCharacters.WordEnd(text, afterSign);
        if (JsonWordReader.IsNotFiniteWord(text, afterSign, wordEnd))
        {
            throw JsonErrors.NotFinite(start, wordEnd - start);
        }
    }

    /// <summary>Reads 0 or [1-9][0-9]*, rejecting leading zeros and hex.</summary>
    private static int ReadIntegerPart(string text, int start, int p)
    {
        if (text[p] != '0')
        {
            return SkipDigits(text, p);
        }

        int afterZero = p + 1;
        if (afterZero < text.Length && (text[afterZero] == 'x' || text[afterZero] == 'X'))
        {
            throw Malformed(text, start, "hexadecimal numbers are not allowed in JSON; write the number in decimal");
        }

        if (afterZero < text.Length && JsonCharacters.IsDigit(text[afterZero]))
        {
            throw Malformed(text, start, "a JSON number cannot have leading zeros");
        }

        return afterZero;
    }

    private static int SkipDigits(string text, int p)
    {
        while (p < text.Length && JsonCharacters.IsDigit(text[p]))
        {
            p++;
        }

        return p;
    }

    /// <summary>"Found '01': reason", underlining everything that looks like part of the bad number.</summary>
    private static JsonSyntaxException Malformed(string text, int start, string reason)
    {
        int end = JsonCharacters.NumberEnd(text, start + 1);
        string found = text.Substring(start, end - start);
        return JsonErrors.At(start, end - start, "Found " + JsonMessageText.SingleQuoted(found) + ": " + reason);
    }

    private static double ToDouble(string numberText, int start)
    {
        // .NET Framework reports overflow by returning false, .NET Core by returning infinity.
        bool parsed = double.TryParse(numberText, NumberStyles.Float, CultureInfo.InvariantCulture, out double value);
        if (!parsed || double.IsInfinity(value) || double.IsNaN(value))
        {
            throw JsonErrors.At(
                start,
                numberText.Length,
                "The number " + JsonMessageText.Plain(numberText) + " is out of the range of a double");
        }

        return value;
    }
}
