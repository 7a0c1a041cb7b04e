using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis.Text;
using M = BackpropGen.Generator.Parsing.Json.JsonMessageText;

namespace BackpropGen.Generator.Parsing.Json
{
    /// <summary>
    /// Reads JSON (RFC 8259 plus // and /* */ comments) into a tree with exact source spans. Our own reader, because the
    /// compiler loads no dependency of a generator that is not packed beside it. Built for untrusted files: linear time,
    /// nesting bounded by <see cref="MaxDepth"/> (an error, not a stack overflow), and the first error is returned, never thrown.
    /// </summary>
    internal sealed class JsonReader
    {
        private const int MaxDepth = 64;

        // Checking the token on every char would cost more than the parsing itself.
        private const int CancellationCheckInterval = 4096;

        // Below this many members a linear scan finds duplicates faster than allocating a HashSet.
        private const int LinearKeySearchLimit = 8;

        // Shared instances of short strings (the keys of every object in an array would otherwise be most of a large
        // document's allocations). Direct-mapped: a clash just evicts.
        private const int CachedStringSlots = 256;
        private const int MaxCachedStringLength = 32;

        private const char ByteOrderMark = '\uFEFF';

        private static readonly char[] LineBreaks = { '\n', '\r' };

        private readonly string _text;
        private readonly CancellationToken _cancellationToken;

        // One list per depth: only one container per depth is open at a time, so each collects its children in a reused
        // list and then costs one exact-size array.
        private readonly List<JsonMember>?[] _members = new List<JsonMember>?[MaxDepth + 1];
        private readonly List<JsonValue>?[] _items = new List<JsonValue>?[MaxDepth + 1];
        private readonly string?[] _strings = new string?[CachedStringSlots];
        private int _position;
        private int _depth;
        private int _nextCancellationCheck;

        private JsonReader(string text, CancellationToken cancellationToken)
        {
            _text = text;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Parses <paramref name="text"/>, which may still start with its byte order mark; throws only <see cref="OperationCanceledException"/>.</summary>
        public static JsonParseResult Parse(string text, CancellationToken cancellationToken = default) =>
            Parse(text ?? throw new ArgumentNullException(nameof(text)), byteOrderMarkRemoved: false, cancellationToken);

        /// <summary>
        /// Parses an AdditionalFiles text. Text that Roslyn decoded from bytes has an encoding and has lost its byte order
        /// mark, so a U+FEFF at its start is a second one; only text built from a string may still hold the first.
        /// </summary>
        public static JsonParseResult Parse(SourceText text, CancellationToken cancellationToken = default) =>
            Parse(text.ToString(), byteOrderMarkRemoved: text.Encoding is not null, cancellationToken);

        /// <summary>Characters of a bare word such as true, undefined or an unquoted key.</summary>
        internal static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '$';

        internal static int WordEnd(string text, int position)
        {
            while (position < text.Length && IsWordChar(text[position]))
            {
                position++;
            }

            return position;
        }

        private static JsonParseResult Parse(string text, bool byteOrderMarkRemoved, CancellationToken cancellationToken)
        {
            try
            {
                return new JsonParseResult(new JsonReader(text, cancellationToken).ReadDocument(byteOrderMarkRemoved));
            }
            catch (SyntaxError error)
            {
                return new JsonParseResult(error.Error);
            }
        }

        private bool AtEnd => _position >= _text.Length;

        private bool IsAt(char c) => _position < _text.Length && _text[_position] == c;

        private JsonValue ReadDocument(bool byteOrderMarkRemoved)
        {
            // RFC 8259 whitespace is space, tab, LF and CR: U+FEFF is allowed once, as the first char of the file, and nowhere else.
            _position = !byteOrderMarkRemoved && IsAt(ByteOrderMark) ? 1 : 0;
            if (IsAt(ByteOrderMark))
            {
                throw Error(_position, 1, M.SecondByteOrderMark);
            }

            SkipTrivia();
            if (AtEnd)
            {
                throw Error(0, 0, M.EmptyFile);
            }

            JsonValue root = ReadValue(M.AnyValue);
            SkipTrivia();
            if (!AtEnd)
            {
                (string found, int length) = M.Found(_text, _position);
                throw Error(_position, length, M.AfterTheEnd(found));
            }

            return root;
        }

        /// <summary>Reads the value at the cursor, which is past any trivia; <paramref name="expected"/> words the error otherwise.</summary>
        private JsonValue ReadValue(string expected)
        {
            CheckCancellation(_position);
            if (AtEnd)
            {
                throw UnexpectedEnd(expected);
            }

            char c = _text[_position];
            int start = _position;
            switch (c)
            {
                case '{': return ReadObject();
                case '[': return ReadArray();
                case '"':
                    string value = ReadString();
                    return new JsonString(start, _position - start, value);
            }

            // "+1", "+Infinity" and ".5" get a number's message; a lone '+' or '.' does not.
            char next = start + 1 < _text.Length ? _text[start + 1] : '\0';
            if (c == '-' || IsDigit(c) || (c == '+' && IsWordChar(next)) || (c == '.' && IsDigit(next)))
            {
                return ReadNumber();
            }

            return IsWordChar(c) ? ReadWord(expected) : throw Expected(_position, expected);
        }

        private JsonObject ReadObject()
        {
            int start = Enter();
            List<JsonMember> members = _members[_depth] ??= new List<JsonMember>();
            members.Clear();
            HashSet<string>? names = null;
            SkipTrivia();
            while (!IsAt('}'))
            {
                if (members.Count > 0)
                {
                    SkipComma("',' or '}'", '}');
                }

                members.Add(ReadMember(members, ref names));
                SkipTrivia();
            }

            return new JsonObject(start, Leave() - start, members.ToArray());
        }

        private JsonMember ReadMember(List<JsonMember> previous, ref HashSet<string>? names)
        {
            if (!IsAt('"'))
            {
                // A bare word is a name missing its quotes; offering '}' as well would only distract.
                bool foundWord = !AtEnd && IsWordChar(_text[_position]);
                throw Expected(_position, previous.Count == 0 && !foundWord ? M.PropertyName + " or '}'" : M.PropertyName);
            }

            int nameStart = _position;
            string name = ReadString();
            int nameLength = _position - nameStart;
            if (IsDuplicate(previous, name, ref names))
            {
                throw Error(nameStart, nameLength, M.DuplicateKey(name));
            }

            SkipTrivia();
            if (!IsAt(':'))
            {
                throw Expected(_position, "':' after the property name");
            }

            _position++;
            SkipTrivia();
            return new JsonMember(name, nameStart, nameLength, ReadValue(M.AnyValue));
        }

        /// <summary>Scans small objects; switches to a set once an object is big enough that scanning would go quadratic.</summary>
        private static bool IsDuplicate(List<JsonMember> previous, string name, ref HashSet<string>? names)
        {
            if (names is null && previous.Count >= LinearKeySearchLimit)
            {
                names = new HashSet<string>(previous.Select(member => member.Name), StringComparer.Ordinal);
            }

            return names is null ? previous.Exists(member => string.Equals(member.Name, name, StringComparison.Ordinal)) : !names.Add(name);
        }

        private JsonArray ReadArray()
        {
            int start = Enter();
            List<JsonValue> items = _items[_depth] ??= new List<JsonValue>();
            items.Clear();
            SkipTrivia();
            while (!IsAt(']'))
            {
                if (items.Count > 0)
                {
                    SkipComma("',' or ']'", ']');
                }

                items.Add(ReadValue(items.Count == 0 ? M.AnyValue + " or ']'" : M.AnyValue));
                SkipTrivia();
            }

            return new JsonArray(start, Leave() - start, items.ToArray());
        }

        /// <summary>Consumes the opening bracket at the cursor and returns its offset.</summary>
        private int Enter()
        {
            if (++_depth > MaxDepth)
            {
                throw Error(_position, 1, M.TooDeep(MaxDepth));
            }

            return _position++;
        }

        /// <summary>Consumes the closing bracket at the cursor and returns the offset after it.</summary>
        private int Leave()
        {
            _depth--;
            return ++_position;
        }

        /// <summary>Consumes the ',' between two items and the trivia after it; a ',' right before the closer is an error.</summary>
        private void SkipComma(string expected, char closer)
        {
            if (!IsAt(','))
            {
                throw Expected(_position, expected);
            }

            int comma = _position++;
            SkipTrivia();
            if (IsAt(closer))
            {
                throw Error(comma, 1, M.TrailingComma(closer));
            }
        }

        /// <summary>Reads the string whose opening quote is at the cursor, leaving the cursor after the closing quote.</summary>
        private string ReadString()
        {
            // Most strings have no escapes: then one (cached) Substring is all it takes.
            StringBuilder? decoded = null;
            int runStart = _position + 1;
            while (true)
            {
                int p = runStart;
                CheckCancellation(p);
                while (p < _text.Length && _text[p] != '"' && _text[p] != '\\' && _text[p] >= ' ')
                {
                    CheckCancellation(++p);
                }

                if (p >= _text.Length)
                {
                    throw UnexpectedEnd("'\"' to close the string");
                }

                if (_text[p] == '"')
                {
                    _position = p + 1;
                    return decoded is null ? Substring(runStart, p - runStart) : decoded.Append(_text, runStart, p - runStart).ToString();
                }

                if (_text[p] != '\\')
                {
                    throw Error(p, 1, M.ControlCharacter(_text[p]));
                }

                decoded ??= new StringBuilder();
                decoded.Append(_text, runStart, p - runStart).Append(ReadEscape(p));
                runStart = _position;
            }
        }

        /// <summary>Reads the escape whose backslash is at <paramref name="start"/> and returns the char it stands for.</summary>
        /// <remarks>Surrogates are not paired up: each \uXXXX becomes one char, so a pair passes through as two and a lone half as one.</remarks>
        private char ReadEscape(int start)
        {
            if (start + 1 >= _text.Length)
            {
                throw UnexpectedEnd("an escape character after '\\'");
            }

            _position = start + 2;
            return _text[start + 1] switch
            {
                '"' => '"',
                '\\' => '\\',
                '/' => '/',
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'u' => ReadHexEscape(start),
                _ => throw Error(start, 2, M.InvalidEscape(_text.Substring(start, 2))),
            };
        }

        /// <summary>Reads the four hex digits of the \uXXXX escape at <paramref name="start"/>.</summary>
        private char ReadHexEscape(int start)
        {
            int code = 0;
            for (int i = start + 2; i < start + 6; i++)
            {
                int digit = i < _text.Length ? HexValue(_text[i]) : throw UnexpectedEnd("four hex digits after '\\u'");
                if (digit < 0)
                {
                    throw Error(start, i - start + 1, M.InvalidUnicodeEscape(_text.Substring(start, i - start + 1)));
                }

                code = (code * 16) + digit;
            }

            _position = start + 6;
            return (char)code;
        }

        /// <summary>
        /// Reads a number exactly per RFC 8259, -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, with a message for each
        /// common mistake. The cursor is at '-', '+', '.' or a digit.
        /// </summary>
        private JsonNumber ReadNumber()
        {
            int start = _position, p = start;
            if (_text[p] == '+' || _text[p] == '-')
            {
                // -Infinity, +NaN and friends: the sign would otherwise hide the real problem.
                int wordEnd = WordEnd(_text, ++p);
                if (IsNotFinite(p, wordEnd))
                {
                    throw Error(start, wordEnd - start, M.NotFinite);
                }

                if (_text[start] == '+')
                {
                    throw Malformed(start, M.PlusSign);
                }
            }

            if (p < _text.Length && _text[p] == '.')
            {
                throw Malformed(start, M.NoDigitBeforePoint);
            }

            if (p >= _text.Length || !IsDigit(_text[p]))
            {
                throw Expected(p, "a digit after '-'");
            }

            char afterZero = _text[p] == '0' && p + 1 < _text.Length ? _text[p + 1] : ' ';
            if (afterZero == 'x' || afterZero == 'X' || IsDigit(afterZero))
            {
                throw Malformed(start, IsDigit(afterZero) ? M.LeadingZeros : M.Hexadecimal);
            }

            p = SkipDigits(p);
            bool isInteger = true;
            if (p < _text.Length && _text[p] == '.')
            {
                isInteger = false;
                p = SkipDigits(p + 1);
                if (!IsDigit(_text[p - 1]))
                {
                    throw Malformed(start, M.NoDigitAfterPoint);
                }
            }

            if (p < _text.Length && (_text[p] == 'e' || _text[p] == 'E'))
            {
                isInteger = false;
                int digits = p + 1 < _text.Length && (_text[p + 1] == '+' || _text[p + 1] == '-') ? p + 2 : p + 1;
                p = SkipDigits(digits);
                if (p == digits)
                {
                    throw Malformed(start, M.NoExponentDigits);
                }
            }

            if (p < _text.Length && IsNumberChar(_text[p]))
            {
                throw Malformed(start, M.NumberEndsAfter(_text.Substring(start, p - start)));
            }

            _position = p;
            string text = _text.Substring(start, p - start);

            // .NET Framework reports overflow by returning false, .NET Core by returning infinity.
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || double.IsInfinity(value) || double.IsNaN(value))
            {
                throw Error(start, text.Length, M.OutOfRange(text));
            }

            return new JsonNumber(start, text, value, isInteger);
        }

        /// <summary>An error that underlines everything that looks like part of the bad number, not just the first wrong char.</summary>
        private SyntaxError Malformed(int start, string reason)
        {
            int end = start + 1;
            while (end < _text.Length && IsNumberChar(_text[end]))
            {
                end++;
            }

            return Error(start, end - start, M.MalformedNumber(_text.Substring(start, end - start), reason));
        }

        private int SkipDigits(int p)
        {
            while (p < _text.Length && IsDigit(_text[p]))
            {
                p++;
            }

            return p;
        }

        /// <summary>Reads true, false or null at the cursor (a word char), and explains every other bare word.</summary>
        private JsonLiteral ReadWord(string expected)
        {
            int start = _position, end = WordEnd(_text, start);
            JsonKind? kind = Literal(start, end, StringComparison.Ordinal);
            if (kind is not null)
            {
                _position = end;
                return new JsonLiteral(start, end - start, kind.Value);
            }

            if (IsNotFinite(start, end))
            {
                throw Error(start, end - start, M.NotFinite);
            }

            string word = _text.Substring(start, end - start);
            string message = M.Expected(expected, M.SingleQuoted(word));
            throw Error(start, end - start, Literal(start, end, StringComparison.OrdinalIgnoreCase) is null ? message : message + M.LowercaseLiterals(word));
        }

        // Compares in place: a Substring per literal would be the reader's most frequent allocation.
        private JsonKind? Literal(int start, int end, StringComparison comparison) =>
            Is(start, end, "true", comparison) ? JsonKind.True
            : Is(start, end, "false", comparison) ? JsonKind.False
            : Is(start, end, "null", comparison) ? JsonKind.Null
            : null;

        /// <summary>NaN or Infinity in any casing: both are common in hand-written files, and neither is JSON.</summary>
        private bool IsNotFinite(int start, int end) =>
            Is(start, end, "NaN", StringComparison.OrdinalIgnoreCase) || Is(start, end, "Infinity", StringComparison.OrdinalIgnoreCase);

        private bool Is(int start, int end, string word, StringComparison comparison) =>
            end - start == word.Length && string.Compare(_text, start, word, 0, word.Length, comparison) == 0;

        /// <summary>Skips whitespace and the // and /* */ comments we accept on top of RFC 8259.</summary>
        private void SkipTrivia()
        {
            int p = _position;
            while (p < _text.Length)
            {
                CheckCancellation(p);
                char c = _text[p];
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
                {
                    p++;
                }
                else if (c != '/')
                {
                    break;
                }
                else if (p + 1 < _text.Length && _text[p + 1] == '/')
                {
                    int lineEnd = _text.IndexOfAny(LineBreaks, p + 2);
                    p = lineEnd < 0 ? _text.Length : lineEnd;
                }
                else if (p + 1 < _text.Length && _text[p + 1] == '*')
                {
                    int close = _text.IndexOf("*/", p + 2, StringComparison.Ordinal);
                    p = close >= 0 ? close + 2 : throw UnexpectedEnd("'*/' to close the block comment");
                }
                else
                {
                    throw Expected(p + 1, "'/' or '*' after '/' to start a comment");
                }
            }

            _position = p;
        }

        /// <summary>Cheap enough to call per char: consults the token only every few thousand chars.</summary>
        private void CheckCancellation(int position)
        {
            if (position >= _nextCancellationCheck)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                _nextCancellationCheck = position + CancellationCheckInterval;
            }
        }

        /// <summary>text.Substring(start, length), reusing an earlier equal instance when there is one.</summary>
        private string Substring(int start, int length)
        {
            if (length > MaxCachedStringLength)
            {
                return _text.Substring(start, length);
            }

            int hash = length;
            for (int i = start; i < start + length; i++)
            {
                hash = unchecked((hash * 31) + _text[i]);
            }

            ref string? slot = ref _strings[hash & (CachedStringSlots - 1)];
            if (slot is null || slot.Length != length || string.CompareOrdinal(_text, start, slot, 0, length) != 0)
            {
                slot = _text.Substring(start, length);
            }

            return slot;
        }

        /// <summary>"Expected X but found Y", or the end-of-file form when nothing is left.</summary>
        private SyntaxError Expected(int position, string expected)
        {
            if (position >= _text.Length)
            {
                return UnexpectedEnd(expected);
            }

            (string found, int length) = M.Found(_text, position);
            return Error(position, length, M.Expected(expected, found));
        }

        /// <summary>Points at the end of the text, where there is no character to underline.</summary>
        private SyntaxError UnexpectedEnd(string expected) => Error(_text.Length, 0, M.UnexpectedEnd(expected));

        private static SyntaxError Error(int start, int length, string message) => new SyntaxError(new JsonError(message, start, length));

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        /// <summary>Characters that plausibly belong to one malformed number, so an error can show it whole.</summary>
        private static bool IsNumberChar(char c) => IsWordChar(c) || c == '.' || c == '+' || c == '-';

        /// <summary>The value of an ASCII hex digit, or -1.</summary>
        private static int HexValue(char c) =>
            IsDigit(c) ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

        /// <summary>Unwinds the reader at the first error, which is all we report; never escapes <see cref="Parse(string, CancellationToken)"/>.</summary>
        private sealed class SyntaxError : Exception
        {
            public SyntaxError(JsonError error)
                : base(error.Message) => Error = error;

            public JsonError Error { get; }
        }
    }
}
