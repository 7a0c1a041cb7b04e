using System.Diagnostics;
using System.Text;
using System.Threading;
using BackpropGen.Generator.Parsing.Json;
using Microsoft.CodeAnalysis.Text;

namespace BackpropGen.Generator.Tests.Parsing;

public class JsonReaderTests
{
    private const string AnyValue = "a value (object, array, string, number, true, false or null)";
    private const string SecondByteOrderMark = "Found a second byte order mark (U+FEFF) at the start of the file: only one is allowed; remove it";

    // Exercises every construct, so truncating or mutating it reaches every code path.
    private const string RichDocument =
        "\uFEFF// A network description\n"
        + "{\n"
        + "  \"name\": \"mazur \\\"worked\\\" example\\n\\u00e9\\ud83d\\ude00\",\n"
        + "  /* block\n     comment */\n"
        + "  \"inputs\": [0.05, 0.10],\n"
        + "  \"learningRate\": 5e-1,\n"
        + "  \"layers\": [ { \"size\": 2, \"bias\": -0.35, \"weights\": [[0.15, 0.2], [0.25, 0.3]] },\n"
        + "              { \"size\": 2, \"bias\": 0.6, \"weights\": [[0.4, 0.45], [0.5, 0.55]] } ],\n"
        + "  \"flags\": [true, false, null, 0, -0, 1E+2, 12.5e-3],\n"
        + "  \"empty\": {}, \"none\": []\n"
        + "}\n";

    [Fact]
    public void Parses_every_kind_with_spans_and_source_order()
    {
        const string text = "{\"s\": \"hi\", \"n\": -12, \"f\": 2.5, \"e\": 1e3, \"t\": true, \"F\": false, \"z\": null, \"a\": [1, {}], \"o\": {\"k\": []}}";

        var root = Assert.IsType<JsonObject>(ParseValid(text));

        Assert.Equal(JsonKind.Object, root.Kind);
        Assert.Equal(0, root.Start);
        Assert.Equal(text.Length, root.Length);
        Assert.Equal(new[] { "s", "n", "f", "e", "t", "F", "z", "a", "o" }, root.Members.Select(m => m.Name));

        JsonMember s = root.Members[0];
        Assert.Equal(text.IndexOf("\"s\"", StringComparison.Ordinal), s.NameStart);
        Assert.Equal(3, s.NameLength);
        Assert.Equal("\"hi\"", Slice(text, s.Value));
        Assert.Equal("hi", Assert.IsType<JsonString>(s.Value).Value);
        Assert.Equal(JsonKind.String, s.Value.Kind);

        var n = Assert.IsType<JsonNumber>(root.Members[1].Value);
        Assert.Equal(("-12", -12d, true, JsonKind.Number), (n.Text, n.Value, n.IsInteger, n.Kind));
        Assert.Equal("-12", Slice(text, n));

        var f = Assert.IsType<JsonNumber>(root.Members[2].Value);
        Assert.Equal(("2.5", 2.5, false), (f.Text, f.Value, f.IsInteger));

        var e = Assert.IsType<JsonNumber>(root.Members[3].Value);
        Assert.Equal(("1e3", 1000d, false), (e.Text, e.Value, e.IsInteger));

        Assert.Equal(JsonKind.True, Assert.IsType<JsonLiteral>(root.Members[4].Value).Kind);
        Assert.Equal(JsonKind.False, Assert.IsType<JsonLiteral>(root.Members[5].Value).Kind);
        Assert.Equal(JsonKind.Null, Assert.IsType<JsonLiteral>(root.Members[6].Value).Kind);
        Assert.Equal("true", Slice(text, root.Members[4].Value));
        Assert.Equal("false", Slice(text, root.Members[5].Value));
        Assert.Equal("null", Slice(text, root.Members[6].Value));

        var a = Assert.IsType<JsonArray>(root.Members[7].Value);
        Assert.Equal("[1, {}]", Slice(text, a));
        Assert.Equal(JsonKind.Array, a.Kind);
        Assert.Equal(new[] { JsonKind.Number, JsonKind.Object }, a.Items.Select(i => i.Kind));
        Assert.Equal("{}", Slice(text, a.Items[1]));

        JsonMember o = root.Members[8];
        Assert.Equal("{\"k\": []}", Slice(text, o.Value));
        JsonMember k = Assert.Single(Assert.IsType<JsonObject>(o.Value).Members);
        Assert.Equal("\"k\"", text.Substring(k.NameStart, k.NameLength));
        Assert.Equal("[]", Slice(text, k.Value));
    }

    [Theory]
    [InlineData("0", 0d, true)]
    [InlineData("-0", 0d, true)]
    [InlineData("123456789", 123456789d, true)]
    [InlineData("0.5", 0.5, false)]
    [InlineData("-1.25", -1.25, false)]
    [InlineData("1E2", 100d, false)]
    [InlineData("1e+2", 100d, false)]
    [InlineData("25e-1", 2.5, false)]
    [InlineData("1e-400", 0d, false)] // underflow to zero is fine
    [InlineData("1.7976931348623157e308", double.MaxValue, false)]
    public void Parses_numbers_per_the_rfc(string text, double value, bool isInteger)
    {
        var number = Assert.IsType<JsonNumber>(ParseValid(text));

        Assert.Equal(text, number.Text);
        Assert.Equal(value, number.Value);
        Assert.Equal(isInteger, number.IsInteger);
    }

    [Fact]
    public void Decodes_escapes_and_passes_surrogate_pairs_through()
    {
        const string text = "\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u0041\\u00e9 \\ud83d\\ude00 \\uDFFF\"";

        var value = Assert.IsType<JsonString>(ParseValid(text));

        Assert.Equal("q\" b\\ s/ \b\f\n\r\t A\u00e9 \ud83d\ude00 \uDFFF", value.Value);
        Assert.Equal(text.Length, value.Length);
    }

    [Fact]
    public void Skips_comments_wherever_whitespace_is_allowed()
    {
        const string text = "// leading\n/* block */ { /* a */ \"a\" /* b */ : // c\r 1 /* d */ , \"b\" : [ /**/ 2 /* e */ ] // f\n } /* trailing */ // end";

        var root = Assert.IsType<JsonObject>(ParseValid(text));

        Assert.Equal(new[] { "a", "b" }, root.Members.Select(m => m.Name));
        Assert.Equal("1", Slice(text, root.Members[0].Value));
        Assert.Equal("[ /**/ 2 /* e */ ]", Slice(text, root.Members[1].Value));
        Assert.Equal(text.IndexOf('{'), root.Start);
        Assert.Equal(text.IndexOf("} /* trailing", StringComparison.Ordinal) + 1, root.Start + root.Length);
    }

    [Fact]
    public void Skips_a_leading_byte_order_mark_and_keeps_offsets_in_the_given_string()
    {
        const string text = "\uFEFF{\"a\": 1}";

        JsonValue root = ParseValid(text);

        Assert.Equal(1, root.Start);
        Assert.Equal(text.Length - 1, root.Length);
        Assert.Equal(2, Assert.IsType<JsonObject>(root).Members[0].NameStart);
    }

    [Theory]
    [InlineData("\uFEFF\uFEFF{}", 1)]
    [InlineData("\uFEFF\uFEFF", 1)]
    [InlineData("\uFEFF\uFEFF\uFEFF[]", 1)]
    public void Rejects_a_second_byte_order_mark(string text, int start)
    {
        JsonError error = ParseInvalid(text);

        Assert.Equal(SecondByteOrderMark, error.Message);
        Assert.Equal((start, 1), (error.Start, error.Length));
    }

    [Fact]
    public void Decoded_text_has_lost_its_byte_order_mark_so_a_U_FEFF_at_its_start_is_a_second_one()
    {
        byte[] bom = Encoding.UTF8.GetPreamble();
        byte[] one = bom.Concat(Encoding.UTF8.GetBytes("{\"a\": 1}")).ToArray();
        byte[] two = bom.Concat(one).ToArray();

        // One BOM: the decoder removes it, and offsets are in the decoded text.
        JsonParseResult fromOne = JsonReader.Parse(SourceText.From(one, one.Length));
        Assert.Equal(0, Assert.IsType<JsonObject>(fromOne.Root).Start);

        // Two: the decoder removes the first, and the second is an error at offset 0, whatever reads the bytes.
        foreach (SourceText decoded in new[] { SourceText.From(two, two.Length), SourceText.From(new MemoryStream(two)) })
        {
            JsonParseResult fromTwo = JsonReader.Parse(decoded);
            Assert.Null(fromTwo.Root);
            Assert.Equal((SecondByteOrderMark, 0, 1), (fromTwo.Error!.Value.Message, fromTwo.Error.Value.Start, fromTwo.Error.Value.Length));
        }

        // Text made from a string (no encoding) may still hold its one BOM, as the string overload allows.
        Assert.Equal(1, Assert.IsType<JsonObject>(JsonReader.Parse(SourceText.From("\uFEFF{\"a\": 1}")).Root).Start);
        Assert.Equal(1, JsonReader.Parse(SourceText.From("\uFEFF\uFEFF{}")).Error!.Value.Start);
    }

    [Fact]
    public void Parses_the_rich_document()
    {
        var root = Assert.IsType<JsonObject>(ParseValid(RichDocument));

        Assert.Equal("mazur \"worked\" example\n\u00e9\ud83d\ude00", Assert.IsType<JsonString>(root.Members[0].Value).Value);
        Assert.Equal(new[] { "name", "inputs", "learningRate", "layers", "flags", "empty", "none" }, root.Members.Select(m => m.Name));
    }

    [Theory]
    // Empty input and trailing content.
    [InlineData("", 0, 0, "The file is empty: expected a JSON object")]
    [InlineData(" \r\n\t ", 0, 0, "The file is empty: expected a JSON object")]
    [InlineData("// just a comment\n/* and another */", 0, 0, "The file is empty: expected a JSON object")]
    [InlineData("\uFEFF", 0, 0, "The file is empty: expected a JSON object")]
    [InlineData("{} x", 3, 1, "Unexpected 'x' after the end of the JSON value")]
    [InlineData("{}{}", 2, 1, "Unexpected '{' after the end of the JSON value")]
    [InlineData("[1] // ok\n garbage", 11, 7, "Unexpected 'garbage' after the end of the JSON value")]
    // Trailing commas and duplicate keys.
    [InlineData("{\"a\": 1,}", 7, 1, "Trailing comma before '}': remove it")]
    [InlineData("[1, 2, ]", 5, 1, "Trailing comma before ']': remove it")]
    [InlineData("[1, /* c */ ]", 2, 1, "Trailing comma before ']': remove it")]
    [InlineData("{\"inputs\": 1, \"inputs\": 2}", 14, 8, "Duplicate key \"inputs\": each key may appear once")]
    [InlineData("{\"a\\u0062\": 1, \"ab\": 2}", 15, 4, "Duplicate key \"ab\": each key may appear once")]
    [InlineData("{\"a\": {\"a\": 1}, \"a\": tru}", 16, 3, "Duplicate key \"a\": each key may appear once")]
    // Numbers.
    [InlineData("+1", 0, 2, "Found '+1': a JSON number cannot start with '+'; remove it")]
    [InlineData("01", 0, 2, "Found '01': a JSON number cannot have leading zeros")]
    [InlineData("[-007.5]", 1, 6, "Found '-007.5': a JSON number cannot have leading zeros")]
    [InlineData(".5", 0, 2, "Found '.5': a JSON number needs a digit before the decimal point, as in 0.5")]
    [InlineData("[-.5]", 1, 3, "Found '-.5': a JSON number needs a digit before the decimal point, as in 0.5")]
    [InlineData("[5.]", 1, 2, "Found '5.': a JSON number needs a digit after the decimal point, as in 1.0")]
    [InlineData("0x1F", 0, 4, "Found '0x1F': hexadecimal numbers are not allowed in JSON; write the number in decimal")]
    [InlineData("1e", 0, 2, "Found '1e': a JSON number needs digits after the exponent, as in 1e5")]
    [InlineData("[1e+]", 1, 3, "Found '1e+': a JSON number needs digits after the exponent, as in 1e5")]
    [InlineData("1.2.3", 0, 5, "Found '1.2.3': expected the number to end after '1.2'")]
    [InlineData("[12abc]", 1, 5, "Found '12abc': expected the number to end after '12'")]
    [InlineData("[-]", 2, 1, "Expected a digit after '-' but found ']'")]
    [InlineData("-x", 1, 1, "Expected a digit after '-' but found 'x'")]
    [InlineData("[-", 2, 0, "Unexpected end of file: expected a digit after '-'")]
    [InlineData("NaN", 0, 3, "NaN and Infinity are not JSON numbers; write a finite number")]
    [InlineData("nan", 0, 3, "NaN and Infinity are not JSON numbers; write a finite number")]
    [InlineData("Infinity", 0, 8, "NaN and Infinity are not JSON numbers; write a finite number")]
    [InlineData("INFINITY", 0, 8, "NaN and Infinity are not JSON numbers; write a finite number")]
    [InlineData("-Infinity", 0, 9, "NaN and Infinity are not JSON numbers; write a finite number")]
    [InlineData("[1, +infinity]", 4, 9, "NaN and Infinity are not JSON numbers; write a finite number")]
    [InlineData("{\"x\": -NaN}", 6, 4, "NaN and Infinity are not JSON numbers; write a finite number")]
    [InlineData("1e400", 0, 5, "The number 1e400 is out of the range of a double")]
    [InlineData("[-1e400]", 1, 6, "The number -1e400 is out of the range of a double")]
    [InlineData("1.8e308", 0, 7, "The number 1.8e308 is out of the range of a double")]
    // Strings.
    [InlineData("\"abc", 4, 0, "Unexpected end of file: expected '\"' to close the string")]
    [InlineData("\"a\\x\"", 2, 2, "Invalid escape '\\x' in a string: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX")]
    [InlineData("\"a\\'\"", 2, 2, "Invalid escape '\\'' in a string: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX")]
    [InlineData("\"\\u12G4\"", 1, 5, "Invalid escape '\\u12G': expected four hex digits after '\\u'")]
    [InlineData("\"\\u12", 5, 0, "Unexpected end of file: expected four hex digits after '\\u'")]
    [InlineData("\"\\", 2, 0, "Unexpected end of file: expected an escape character after '\\'")]
    [InlineData("\"a\nb\"", 2, 1, "Found a line break inside a string: close the string with '\"' before it, or write it as \\n")]
    [InlineData("[\"a\tb\"]", 3, 1, "Found control character U+0009 inside a string: write it as \\t")]
    [InlineData("\"a\u0001\"", 2, 1, "Found control character U+0001 inside a string: write it as \\u0001")]
    // Bare words and misplaced tokens.
    [InlineData("undefined", 0, 9, "Expected " + AnyValue + " but found 'undefined'")]
    [InlineData("[tru]", 1, 3, "Expected " + AnyValue + " or ']' but found 'tru'")]
    [InlineData("[truex]", 1, 5, "Expected " + AnyValue + " or ']' but found 'truex'")]
    [InlineData("{\"a\": none}", 6, 4, "Expected " + AnyValue + " but found 'none'")]
    [InlineData("True", 0, 4, "Expected " + AnyValue + " but found 'True': JSON literals are lowercase, as in true")]
    [InlineData("[true false]", 6, 5, "Expected ',' or ']' but found 'false'")]
    [InlineData("{inputs: 1}", 1, 6, "Expected a property name in double quotes but found 'inputs'")]
    [InlineData("{\"a\": 1, inputs: 2}", 9, 6, "Expected a property name in double quotes but found 'inputs'")]
    [InlineData("{]", 1, 1, "Expected a property name in double quotes or '}' but found ']'")]
    [InlineData("{'a': 1}", 1, 1, "Expected a property name in double quotes or '}' but found \"'\"")]
    [InlineData("{\"a\" 1}", 5, 1, "Expected ':' after the property name but found '1'")]
    [InlineData("{\"a\": 1 \"b\": 2}", 8, 1, "Expected ',' or '}' but found '\"'")]
    [InlineData("[,1]", 1, 1, "Expected " + AnyValue + " or ']' but found ','")]
    [InlineData("[1,,2]", 3, 1, "Expected " + AnyValue + " but found ','")]
    [InlineData("{\"a\":}", 5, 1, "Expected " + AnyValue + " but found '}'")]
    [InlineData("[+]", 1, 1, "Expected " + AnyValue + " or ']' but found '+'")]
    [InlineData("{\u00A0}", 1, 1, "Expected a property name in double quotes or '}' but found character U+00A0")]
    [InlineData("{\uFEFF}", 1, 1, "Expected a property name in double quotes or '}' but found character U+FEFF")]
    [InlineData("\uFFFD{}", 0, 1, "Expected " + AnyValue + " but found character U+FFFD (an undecodable byte: is the file saved as UTF-8?)")]
    [InlineData("{\"a\":\u00001}", 5, 1, "Expected " + AnyValue + " but found character U+0000")]
    // Unexpected end of file points at the end.
    [InlineData("{", 1, 0, "Unexpected end of file: expected a property name in double quotes or '}'")]
    [InlineData("[", 1, 0, "Unexpected end of file: expected " + AnyValue + " or ']'")]
    [InlineData("[1", 2, 0, "Unexpected end of file: expected ',' or ']'")]
    [InlineData("[1, ", 4, 0, "Unexpected end of file: expected " + AnyValue)]
    [InlineData("{\"a\"", 4, 0, "Unexpected end of file: expected ':' after the property name")]
    [InlineData("{\"a\": ", 6, 0, "Unexpected end of file: expected " + AnyValue)]
    [InlineData("{\"a\": 1", 7, 0, "Unexpected end of file: expected ',' or '}'")]
    [InlineData("{\"a\": 1,", 8, 0, "Unexpected end of file: expected a property name in double quotes")]
    // Comments.
    [InlineData("{} /* never closed", 18, 0, "Unexpected end of file: expected '*/' to close the block comment")]
    [InlineData("[1, /*/ 2]", 10, 0, "Unexpected end of file: expected '*/' to close the block comment")]
    [InlineData("{}/", 3, 0, "Unexpected end of file: expected '/' or '*' after '/' to start a comment")]
    [InlineData("{} /x", 4, 1, "Expected '/' or '*' after '/' to start a comment but found 'x'")]
    [InlineData("[1 # comment\n]", 3, 1, "Expected ',' or ']' but found '#'")]
    public void Reports_the_first_error_with_its_exact_span(string text, int start, int length, string message)
    {
        JsonError error = ParseInvalid(text);

        Assert.Equal(message, error.Message);
        Assert.Equal(start, error.Start);
        Assert.Equal(length, error.Length);
    }

    [Theory]
    [InlineData(3, 7)]   // small objects are scanned linearly
    [InlineData(3, 20)]  // larger ones switch to a set, which must still know the earlier keys
    [InlineData(15, 20)]
    public void Finds_duplicate_keys_in_objects_of_any_size(int duplicated, int count)
    {
        string members = string.Join(", ", Enumerable.Range(0, count).Select(i => $"\"k{i}\": {i}"));
        string text = "{" + members + ", \"k" + duplicated + "\": 0}";

        JsonError error = ParseInvalid(text);

        Assert.Equal("Duplicate key \"k" + duplicated + "\": each key may appear once", error.Message);
        Assert.Equal(text.LastIndexOf('"', text.Length - 6), error.Start);
        Assert.Equal(count, Assert.IsType<JsonObject>(ParseValid("{" + members + "}")).Members.Count);
    }

    [Fact]
    public void Keeps_many_short_strings_of_equal_length_apart()
    {
        // Thousands of same-length strings collide in any small cache of string instances.
        string[] expected = Enumerable.Range(0, 5000).Select(i => "s" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        string text = "[" + string.Join(",", expected.Select(v => "\"" + v + "\"")) + "]";

        var array = Assert.IsType<JsonArray>(ParseValid(text));

        Assert.Equal(expected, array.Items.Select(item => Assert.IsType<JsonString>(item).Value));
    }

    [Fact]
    public void Shows_long_and_unprintable_found_text_shortened_and_escaped()
    {
        string key = "k\u0001" + new string('x', 100);
        string text = "{\"" + key.Replace("\u0001", "\\u0001") + "\": 1, \"" + key.Replace("\u0001", "\\u0001") + "\": 2}";

        JsonError error = ParseInvalid(text);

        Assert.Equal("Duplicate key \"k\\u0001" + new string('x', 38) + "...\": each key may appear once", error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Accepts_64_levels_of_nesting_and_rejects_65(bool useObjects)
    {
        string open = useObjects ? "{\"a\":" : "[";
        string close = useObjects ? "}" : "]";

        JsonValue value = ParseValid(Repeat(open, 64) + "0" + Repeat(close, 64));
        for (int level = 1; level < 64; level++)
        {
            value = useObjects ? Assert.IsType<JsonObject>(value).Members[0].Value : Assert.IsType<JsonArray>(value).Items[0];
        }

        Assert.Equal(JsonKind.Number, (useObjects ? ((JsonObject)value).Members[0].Value : ((JsonArray)value).Items[0]).Kind);

        JsonError error = ParseInvalid(Repeat(open, 65) + "0" + Repeat(close, 65));
        Assert.Equal("Nesting deeper than 64 levels is not supported", error.Message);
        Assert.Equal(64 * open.Length, error.Start);
        Assert.Equal(1, error.Length);
    }

    [Fact]
    public void Survives_hostile_nesting_without_overflowing_the_stack()
    {
        Assert.Equal(64, ParseInvalid(new string('[', 10_000)).Start);
        Assert.Equal(64 * 5, ParseInvalid(Repeat("{\"a\":", 10_000)).Start);
        Assert.Equal(64, ParseInvalid(new string('[', 5_000_000)).Start);
    }

    [Fact]
    public void Parses_a_5_MB_document()
    {
        string text = BuildLargeDocument(targetChars: 5_000_000);

        var root = Assert.IsType<JsonArray>(ParseValid(text));

        // No clock here (a busy machine makes timed tests flaky): a linear parse takes well under a second, a
        // quadratic one hours, which the suite's own running time would show.
        Assert.True(text.Length >= 5_000_000);
        Assert.True(root.Items.Count > 10_000);
    }

    [Fact]
    public void Handles_5_MB_of_a_single_token()
    {
        const int size = 5_000_000;
        string plainString = "\"" + new string('a', size) + "\"";
        string escapedString = "\"" + new StringBuilder().Insert(0, "\\n", size / 2) + "\"";
        string whitespace = new string(' ', size) + "null" + new string('\n', size);
        string comments = "/*" + new string('*', size) + "*/null//" + new string('/', size);
        string digits = new string('9', size);
        string word = new string('x', size);
        string badNumber = "[" + new string('1', size) + "x]";
        string wideObject = "{" + string.Join(",", Enumerable.Range(0, 200_000).Select(i => "\"" + i + "\":0")) + "}";

        Assert.Equal(size, Assert.IsType<JsonString>(ParseValid(plainString)).Value.Length);
        Assert.Equal(new string('\n', size / 2), Assert.IsType<JsonString>(ParseValid(escapedString)).Value);
        Assert.Equal(JsonKind.Null, ParseValid(whitespace).Kind);
        Assert.Equal(JsonKind.Null, ParseValid(comments).Kind);
        Assert.Equal("The number " + new string('9', 40) + "... is out of the range of a double", ParseInvalid(digits).Message);
        Assert.Equal(size, ParseInvalid(word).Length);
        Assert.Equal(size + 1, ParseInvalid(badNumber).Length);

        // 200,000 keys: a linear duplicate-key scan per member would be quadratic.
        Assert.Equal(200_000, Assert.IsType<JsonObject>(ParseValid(wideObject)).Members.Count);
    }

    [Fact]
    public void Reports_utf16_text_decoded_as_utf8_instead_of_throwing()
    {
        string garbled = Encoding.UTF8.GetString(Encoding.Unicode.GetBytes("{\"a\": [1, 2]}"));

        JsonError error = ParseInvalid(garbled);

        Assert.Equal(1, error.Start);
        Assert.Equal("Expected a property name in double quotes or '}' but found character U+0000", error.Message);

        // With a UTF-16 BOM the bytes FF FE decode to two U+FFFD.
        string withBom = Encoding.UTF8.GetString(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("{}")).ToArray());
        Assert.StartsWith("Expected " + AnyValue + " but found character U+FFFD", ParseInvalid(withBom).Message);
    }

    [Fact]
    public void Throws_only_when_cancelled()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();

        Assert.Throws<OperationCanceledException>(() => JsonReader.Parse(RichDocument, source.Token));
        Assert.NotNull(JsonReader.Parse(RichDocument, CancellationToken.None).Root);
    }

    [Fact]
    public void Never_throws_on_any_truncation_of_a_valid_document()
    {
        // Every prefix that stops before the root's closing brace is incomplete; the rest are whole.
        int end = RichDocument.LastIndexOf('}') + 1;
        for (int length = 0; length <= RichDocument.Length; length++)
        {
            string prefix = RichDocument.Substring(0, length);

            JsonParseResult result = JsonReader.Parse(prefix);

            if (length < end)
            {
                AssertWellFormedError(prefix, result);
            }
            else
            {
                Assert.Null(result.Error);
                JsonObject root = Assert.IsType<JsonObject>(result.Root);
                Assert.Equal(end, root.Start + root.Length);
            }
        }
    }

    [Fact]
    public void Never_throws_on_random_byte_flips()
    {
        var random = new Random(20240611);
        byte[] original = Encoding.UTF8.GetBytes(RichDocument);
        byte[] interesting = Encoding.UTF8.GetBytes("{}[]\",:\\/*-+.0eE\n \u00ff");
        int errors = 0;

        for (int iteration = 0; iteration < 2000; iteration++)
        {
            byte[] bytes = (byte[])original.Clone();
            int flips = random.Next(1, 4);
            for (int i = 0; i < flips; i++)
            {
                int at = random.Next(bytes.Length);
                bytes[at] = random.Next(3) switch
                {
                    0 => (byte)(bytes[at] ^ (1 << random.Next(8))),
                    1 => interesting[random.Next(interesting.Length)],
                    _ => (byte)random.Next(256),
                };
            }

            string text = Encoding.UTF8.GetString(bytes);
            JsonParseResult result = JsonReader.Parse(text);
            if (result.Error != null)
            {
                errors++;
                AssertWellFormedError(text, result);
            }
            else
            {
                Assert.NotNull(result.Root);
            }
        }

        // The flips must actually break documents, or this test would prove nothing.
        Assert.True(errors > 1000, $"Only {errors} of 2000 mutations were rejected");
    }

    [Fact]
    public void Never_throws_on_random_bytes_or_chars()
    {
        var random = new Random(7);
        for (int iteration = 0; iteration < 1500; iteration++)
        {
            var bytes = new byte[random.Next(1, 200)];
            random.NextBytes(bytes);
            string text = (iteration % 3) switch
            {
                0 => Encoding.UTF8.GetString(bytes),
                1 => Encoding.Unicode.GetString(bytes),
                _ => new string(bytes.Select(b => (char)((b << 8) | random.Next(256))).ToArray()), // lone surrogates too
            };

            JsonParseResult result = JsonReader.Parse(text);

            // A one-byte "7" is valid JSON, so a success is allowed; it must just be a clean success.
            if (result.Root == null)
            {
                AssertWellFormedError(text, result);
            }
            else
            {
                Assert.Null(result.Error);
            }
        }
    }

    private static JsonValue ParseValid(string text)
    {
        JsonParseResult result = JsonReader.Parse(text);
        Assert.Null(result.Error);
        return Assert.IsAssignableFrom<JsonValue>(result.Root);
    }

    private static JsonError ParseInvalid(string text)
    {
        JsonParseResult result = JsonReader.Parse(text);
        Assert.Null(result.Root);
        return Assert.NotNull(result.Error);
    }

    /// <summary>The error contract: in range, underlines a char unless at the end or the file is empty, and prints cleanly.</summary>
    private static void AssertWellFormedError(string text, JsonParseResult result)
    {
        Assert.Null(result.Root);
        JsonError error = Assert.NotNull(result.Error);
        Assert.InRange(error.Start, 0, text.Length);
        Assert.InRange(error.Start + error.Length, error.Start, text.Length);
        Assert.False(string.IsNullOrEmpty(error.Message));
        Assert.DoesNotContain(error.Message, c => c < ' ');
        Assert.True(error.Message.Length < 300, error.Message);
        if (error.Length == 0)
        {
            bool atEnd = error.Start == text.Length && error.Message.StartsWith("Unexpected end of file: expected ", StringComparison.Ordinal);
            Assert.True(atEnd || error.Message.StartsWith("The file is empty", StringComparison.Ordinal), error.ToString());
        }
    }

    private static string Slice(string text, JsonValue value) => text.Substring(value.Start, value.Length);

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    private static string BuildLargeDocument(int targetChars)
    {
        var builder = new StringBuilder(targetChars + 1000);
        builder.Append("[\n");
        for (int i = 0; builder.Length < targetChars; i++)
        {
            builder.Append(i == 0 ? "  " : ",\n  ")
                .Append("{\"name\": \"neuron ").Append(i).Append(" \\u00e9\\n\", \"bias\": -0.").Append(i % 997)
                .Append("e-3, \"index\": ").Append(i).Append(", \"active\": true, \"tag\": null, /* c */ \"weights\": [0.")
                .Append(i).Append(", -1.").Append(i * 7).Append("E+2, ").Append(i * 3).Append(", ").Append(i % 13).Append(".75, 0]}");
        }

        return builder.Append("\n]").ToString();
    }
}
