using System.Globalization;
using System.Text;

namespace BackpropGen.Generator.Parsing.Json
{
    /// <summary>
    /// The wording of every JSON error in one place, and the rendering of hostile input inside messages: short, and
    /// without raw control characters or lone surrogates, which would garble a diagnostic.
    /// </summary>
    internal static class JsonMessageText
    {
        public const string AnyValue = "a value (object, array, string, number, true, false or null)";
        public const string PropertyName = "a property name in double quotes";
        public const string EmptyFile = "The file is empty: expected a JSON object";
        public const string SecondByteOrderMark = "Found a second byte order mark (U+FEFF) at the start of the file: only one is allowed; remove it";
        public const string NotFinite = "NaN and Infinity are not JSON numbers; write a finite number";
        public const string PlusSign = "a JSON number cannot start with '+'; remove it";
        public const string NoDigitBeforePoint = "a JSON number needs a digit before the decimal point, as in 0.5";
        public const string NoDigitAfterPoint = "a JSON number needs a digit after the decimal point, as in 1.0";
        public const string NoExponentDigits = "a JSON number needs digits after the exponent, as in 1e5";
        public const string Hexadecimal = "hexadecimal numbers are not allowed in JSON; write the number in decimal";
        public const string LeadingZeros = "a JSON number cannot have leading zeros";

        private const string ValidEscapes = "\\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX";
        private const int MaxShownChars = 40;

        public static string UnexpectedEnd(string expected) => "Unexpected end of file: expected " + expected;

        public static string Expected(string expected, string found) => "Expected " + expected + " but found " + found;

        public static string AfterTheEnd(string found) => "Unexpected " + found + " after the end of the JSON value";

        public static string TooDeep(int maxDepth) => "Nesting deeper than " + maxDepth.ToString(CultureInfo.InvariantCulture) + " levels is not supported";

        public static string TrailingComma(char closer) => "Trailing comma before '" + closer.ToString() + "': remove it";

        public static string DuplicateKey(string name) => "Duplicate key " + DoubleQuoted(name) + ": each key may appear once";

        /// <summary>"Found '01': reason", for a number that breaks one rule of the grammar.</summary>
        public static string MalformedNumber(string found, string reason) => "Found " + SingleQuoted(found) + ": " + reason;

        public static string NumberEndsAfter(string valid) => "expected the number to end after " + SingleQuoted(valid);

        public static string OutOfRange(string number) => "The number " + Plain(number) + " is out of the range of a double";

        public static string LowercaseLiterals(string word) => ": JSON literals are lowercase, as in " + word.ToLowerInvariant();

        public static string InvalidEscape(string escape) => "Invalid escape " + SingleQuoted(escape) + " in a string: expected one of " + ValidEscapes;

        public static string InvalidUnicodeEscape(string escape) => "Invalid escape " + SingleQuoted(escape) + ": expected four hex digits after '\\u'";

        /// <summary>A raw control char in a string: line breaks are the usual cause (an unclosed string), so they get their own hint.</summary>
        public static string ControlCharacter(char c)
        {
            string escape = c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
            };
            return c == '\n' || c == '\r'
                ? "Found a line break inside a string: close the string with '\"' before it, or write it as " + escape
                : "Found control character " + CodePoint(c) + " inside a string: write it as " + escape;
        }

        /// <summary>
        /// What a message says was found at <paramref name="position"/> (inside the text), and how many chars to underline:
        /// a whole word ('undefined' reads better than 'u'), a surrogate pair, or an invisible char by its code point.
        /// </summary>
        public static (string Description, int Length) Found(string text, int position)
        {
            char c = text[position];
            if (JsonReader.IsWordChar(c))
            {
                int end = JsonReader.WordEnd(text, position);
                return (SingleQuoted(text.Substring(position, end - position)), end - position);
            }

            if (char.IsHighSurrogate(c) && position + 1 < text.Length && char.IsLowSurrogate(text[position + 1]))
            {
                return ("'" + text.Substring(position, 2) + "'", 2);
            }

            if (c == '\uFFFD')
            {
                // What undecodable bytes become; usually the file is not UTF-8 (e.g. UTF-16 without a BOM).
                return ("character U+FFFD (an undecodable byte: is the file saved as UTF-8?)", 1);
            }

            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) || category == UnicodeCategory.Format || category == UnicodeCategory.OtherNotAssigned)
            {
                return ("character " + CodePoint(c), 1);
            }

            // A lone ' would read as ''' in single quotes.
            return (c == '\'' ? "\"'\"" : "'" + c.ToString() + "'", 1);
        }

        /// <summary>Source text in single quotes, as messages show found tokens: 'undefined', '\x'.</summary>
        public static string SingleQuoted(string text) => "'" + Escape(text, escapeQuotes: false) + "'";

        /// <summary>A decoded key or value in double quotes, escaped as JSON would write it: "inputs".</summary>
        public static string DoubleQuoted(string text) => "\"" + Escape(text, escapeQuotes: true) + "\"";

        /// <summary>Source text shown bare, such as a number.</summary>
        public static string Plain(string text) => Escape(text, escapeQuotes: false);

        /// <summary>U+0041 style name of a character that should not be shown raw.</summary>
        public static string CodePoint(char c) => "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);

        private static string Escape(string text, bool escapeQuotes)
        {
            int shown = text.Length > MaxShownChars ? MaxShownChars : text.Length;
            var builder = new StringBuilder(shown + 8);
            for (int i = 0; i < shown; i++)
            {
                char c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < shown && char.IsLowSurrogate(text[i + 1]))
                {
                    // A well-formed pair (an emoji, say) displays fine; only lone halves get escaped.
                    builder.Append(c).Append(text[++i]);
                }
                else if (c == '\n' || c == '\r' || c == '\t')
                {
                    builder.Append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : "\\t");
                }
                else if (escapeQuotes && (c == '"' || c == '\\'))
                {
                    builder.Append('\\').Append(c);
                }
                else if (c < ' ' || c == '\u007F' || char.IsSurrogate(c))
                {
                    builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                }
                else
                {
                    builder.Append(c);
                }
            }

            return shown < text.Length ? builder.Append("...").ToString() : builder.ToString();
        }
    }
}
