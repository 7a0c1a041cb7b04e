using System.Text;
using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace BackpropGen.Generator.Tests.Diagnostics;

/// <summary>BPG003: text that is not JSON, located at the line and column where it stops being JSON.</summary>
public class MalformedJsonDiagnosticsTests
{
    private const string Valid = """
        {
          "inputs": 2,
          "layers": [ { "size": 2, "activation": "logistic" } ]
        }
        """;

    [Fact]
    public void Missing_comma_between_members()
    {
        const string json = """
            {
              "inputs": 2
              "layers": []
            }
            """;

        Malformed(json, 3, 3, "\"", "Expected ',' or '}'");
    }

    [Fact]
    public void Missing_comma_between_array_items()
    {
        const string json = """
            {
              "inputs": 2,
              "layers": [ { "size": 2, "activation": "logistic" } { "size": 1, "activation": "logistic" } ]
            }
            """;

        Malformed(json, 3, 55, "{", "Expected ',' or ']'");
    }

    [Fact]
    public void Unterminated_string_stops_at_the_line_break()
    {
        const string json = """
            {
              "inputs": 2,
              "layers": [ { "size": 2, "activation": "logistic } ]
            }
            """;

        Malformed(json, 3, 55, "\n", "line break inside a string", "close the string with '\"'");
    }

    [Fact]
    public void Unterminated_string_at_the_end_of_the_file()
    {
        const string json = "{ \"inputs\": 2, \"layers\": \"abc";

        Malformed(json, 1, 30, "", "Unexpected end of file", "'\"' to close the string");
    }

    [Fact]
    public void Trailing_comma_in_an_object()
    {
        const string json = """
            {
              "inputs": 2,
              "layers": [ { "size": 2, "activation": "logistic" } ],
            }
            """;

        Malformed(json, 3, 56, ",", "Trailing comma before '}'", "remove it");
    }

    [Fact]
    public void Trailing_comma_in_an_array()
    {
        const string json = """
            {
              "inputs": 2,
              "layers": [ { "size": 2, "activation": "logistic" }, ]
            }
            """;

        Malformed(json, 3, 54, ",", "Trailing comma before ']'");
    }

    [Fact]
    public void Duplicate_key_points_at_the_second_one()
    {
        const string json = """
            {
              "inputs": 2,
              "layers": [ { "size": 2, "activation": "logistic", "size": 3 } ]
            }
            """;

        Malformed(json, 3, 54, "\"size\"", "Duplicate key \"size\"", "each key may appear once");
    }

    [Theory]
    [InlineData("NaN", "NaN")]
    [InlineData("Infinity", "Infinity")]
    [InlineData("-Infinity", "-Infinity")]
    public void NaN_and_Infinity_are_not_JSON(string written, string underlined)
    {
        string json = "{\n  \"inputs\": 2,\n  \"layers\": [ { \"size\": 1, \"activation\": \"leaky_relu\", \"alpha\": " + written + " } ]\n}";

        Malformed(json, 3, 65, underlined, "NaN and Infinity are not JSON numbers", "write a finite number");
    }

    [Fact]
    public void A_number_out_of_the_range_of_a_double()
    {
        const string json = """
            {
              "inputs": 2,
              "layers": [ { "size": 1, "activation": "identity" } ],
              "initial": { "weights": [ 0.5, 1e400 ] }
            }
            """;

        Malformed(json, 4, 34, "1e400", "The number 1e400 is out of the range of a double");
    }

    [Fact]
    public void Unquoted_key()
    {
        Malformed("{ inputs: 2 }", 1, 3, "inputs", "Expected a property name in double quotes", "'inputs'");
    }

    [Fact]
    public void Missing_colon()
    {
        Malformed("{ \"inputs\" 2 }", 1, 12, "2", "Expected ':' after the property name");
    }

    [Fact]
    public void Text_after_the_document()
    {
        Malformed(Valid + "\n}", 5, 1, "}", "Unexpected '}' after the end of the JSON value");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t\r\n  ")]
    [InlineData("// nothing but a comment\n/* and another */")]
    public void An_empty_file_says_so(string json)
    {
        Malformed(json, 1, 1, "", "The file is empty", "expected a JSON object");
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_points_at_the_first_bracket_too_deep()
    {
        string json = "{ \"inputs\": " + new string('[', 10_000) + new string(']', 10_000) + " }";

        Malformed(json, 1, 12 + 64, "[", "Nesting deeper than 64 levels");
    }

    [Fact]
    public void Comments_are_allowed()
    {
        const string json = """
            // The worked example's shape.
            {
              "inputs": 2, /* two inputs */
              "layers": [
                { "size": 2, "activation": "logistic" } // hidden
              ]
            }
            /* trailing comment */
            """;

        GeneratorRun run = DiagnosticAssert.RunJson(json);

        DiagnosticAssert.OnlyBpgErrors(run);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void A_UTF8_byte_order_mark_is_fine()
    {
        byte[] bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Valid)).ToArray();
        var file = new InMemoryAdditionalText(DiagnosticAssert.JsonPath, SourceText.From(bytes, bytes.Length));

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(new[] { DiagnosticAssert.JsonSource }), new[] { file });

        DiagnosticAssert.OnlyBpgErrors(run);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void A_byte_order_mark_left_in_the_text_is_fine_and_positions_stay_right()
    {
        // Some readers keep U+FEFF as the first char; errors after it must still land on the right column.
        string json = "\uFEFF{ \"inputs\": 2, \"layers\": [ { \"size\": 2, \"activation\": \"logistic\" } ], }";

        GeneratorRun run = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation(new[] { DiagnosticAssert.JsonSource }),
            new[] { new InMemoryAdditionalText(DiagnosticAssert.JsonPath, SourceText.From(json)) });

        Diagnostic error = DiagnosticAssert.Single(run, "BPG003");
        DiagnosticAssert.AtJson(error, json, 1, 70, ",");
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    public void A_second_byte_order_mark_is_BPG003_at_the_start_of_the_file(string encodingName)
    {
        // The decoder drops the first BOM; RFC 8259 whitespace is space, tab, LF and CR, so the second one is an error.
        Encoding encoding = Encoding.GetEncoding(encodingName);
        byte[] bytes = encoding.GetPreamble().Concat(encoding.GetPreamble()).Concat(encoding.GetBytes(Valid)).ToArray();
        SourceText text = SourceText.From(bytes, bytes.Length);
        Assert.Equal('\uFEFF', text[0]);

        GeneratorRun run = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation(new[] { DiagnosticAssert.JsonSource }),
            new[] { new InMemoryAdditionalText(DiagnosticAssert.JsonPath, text) });

        Diagnostic error = DiagnosticAssert.Single(run, "BPG003");
        DiagnosticAssert.AtJson(error, text.ToString(), 1, 1, "\uFEFF");
        DiagnosticAssert.MessageContains(error, "Malformed JSON: ", "second byte order mark (U+FEFF)", "remove it");
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    public void UTF16_with_a_byte_order_mark_is_read(string encodingName)
    {
        Encoding encoding = Encoding.GetEncoding(encodingName);
        byte[] bytes = encoding.GetPreamble().Concat(encoding.GetBytes(Valid)).ToArray();
        var file = new InMemoryAdditionalText(DiagnosticAssert.JsonPath, SourceText.From(bytes, bytes.Length));

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(new[] { DiagnosticAssert.JsonSource }), new[] { file });

        DiagnosticAssert.OnlyBpgErrors(run);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Theory]
    [InlineData("utf-16", 2)]
    [InlineData("utf-16BE", 1)]
    public void UTF16_without_a_byte_order_mark_is_BPG003_that_names_the_encoding(string encodingName, int column)
    {
        // Read as UTF-8 (the default when there is no BOM), every other char is U+0000.
        byte[] bytes = Encoding.GetEncoding(encodingName).GetBytes(Valid);
        SourceText text = SourceText.From(bytes, bytes.Length);
        var file = new InMemoryAdditionalText(DiagnosticAssert.JsonPath, text);

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(new[] { DiagnosticAssert.JsonSource }), new[] { file });

        Diagnostic error = DiagnosticAssert.Single(run, "BPG003");
        DiagnosticAssert.AtJson(error, text.ToString(), 1, column, "\0");
        DiagnosticAssert.MessageContains(error, "U+0000", "looks like UTF-16 without a byte order mark", "save it as UTF-8");
    }

    private static void Malformed(string json, int line, int column, string underlined, params string[] messageParts)
    {
        GeneratorRun run = DiagnosticAssert.RunJson(json);

        Diagnostic error = DiagnosticAssert.Single(run, "BPG003");
        DiagnosticAssert.AtJson(error, json, line, column, underlined);
        DiagnosticAssert.MessageContains(error, messageParts.Prepend("Malformed JSON: ").ToArray());
    }
}
