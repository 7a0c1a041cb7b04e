using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using D = BackpropGen.Generator.Tests.Diagnostics.Descriptions;

namespace BackpropGen.Generator.Tests.Diagnostics;

/// <summary>BPG004..BPG010, BPG017..BPG019, BPG021 for well-formed JSON that does not describe a valid network.</summary>
public class JsonDescriptionDiagnosticsTests
{
    [Fact]
    public void The_full_description_used_by_these_tests_is_valid()
    {
        GeneratorRun run = DiagnosticAssert.RunJson(D.Full);

        DiagnosticAssert.OnlyBpgErrors(run);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    // ---- BPG004 unknown key ----

    [Fact]
    public void Unknown_key_at_the_root()
    {
        string json = D.Full.Replace("\"seed\": 7,", "\"sed\": 7,");

        Diagnostic error = Error(json, "BPG004", D.Seed, 3, "\"sed\"");
        DiagnosticAssert.MessageContains(error, "Unknown key \"sed\" in the description", "did you mean \"seed\"? expected one of: inputs, layers, loss, numeric, trainBiases, initial, seed, frozen, codegen, optimizer");
    }

    [Fact]
    public void Unknown_key_in_a_layer()
    {
        string json = D.Full.Replace("\"alpha\": 0.1,", "\"slope\": 0.1,");

        Diagnostic error = Error(json, "BPG004", D.Alpha0, 7, "\"slope\"");
        DiagnosticAssert.MessageContains(error, "Unknown key \"slope\" in layers[0]", "expected one of: size, activation, alpha, bias");
    }

    [Fact]
    public void A_misspelt_required_key_is_one_error_that_suggests_the_key()
    {
        // Not also "the required key activation is missing": it is one mistake.
        string json = D.Full.Replace("\"activation\": \"leaky_relu\",", "\"activaton\": \"leaky_relu\",");

        Diagnostic error = Error(json, "BPG004", D.Activation0, 7, "\"activaton\"");
        DiagnosticAssert.MessageContains(error, "Unknown key \"activaton\" in layers[0]", "did you mean \"activation\"? expected one of: size, activation, alpha, bias");
    }

    [Fact]
    public void Unknown_key_in_initial()
    {
        string json = D.Full.Replace("\"biases\": [", "\"bias\": [");

        Diagnostic error = Error(json, "BPG004", D.Biases, 5, "\"bias\"");
        DiagnosticAssert.MessageContains(error, "Unknown key \"bias\" in initial", "expected one of: weights, biases");
    }

    [Fact]
    public void A_key_in_the_wrong_case_is_one_error_that_names_the_right_spelling()
    {
        // Not also "the required key inputs is missing": it is one mistake.
        string json = D.Full.Replace("\"inputs\": 2,", "\"Inputs\": 2,");

        Diagnostic error = Error(json, "BPG004", D.Inputs, 3, "\"Inputs\"");
        DiagnosticAssert.MessageContains(error, "Unknown key \"Inputs\" in the description", "keys are case-sensitive: write \"inputs\"");
    }

    [Fact]
    public void A_key_with_control_characters_is_shown_escaped()
    {
        string json = D.Full.Replace("\"seed\": 7,", "\"se\\ted\\n\": 7,");

        Diagnostic error = Error(json, "BPG004", D.Seed, 3, "\"se\\ted\\n\"");
        DiagnosticAssert.MessageContains(error, "Unknown key \"se\\ted\\n\" in the description");
        Assert.DoesNotContain('\n', error.GetMessage());
    }

    // ---- BPG005 unknown value ----

    [Theory]
    [InlineData(D.Activation0, "\"sigmoidal\"", 21, "Unknown activation \"sigmoidal\"", "did you mean \"sigmoid\"? expected one of: logistic (alias sigmoid), tanh, relu, leaky_relu, identity (alias linear), softplus, softmax")]
    [InlineData(D.Activation0, "\"gaussian\"", 21, "Unknown activation \"gaussian\"", "; expected one of: logistic (alias sigmoid), tanh, relu")]
    [InlineData(D.Activation0, "\"tahn\"", 21, "Unknown activation \"tahn\"", "did you mean \"tanh\"?")]
    [InlineData(D.Activation1, "\"ReLU\"", 21, "Unknown activation \"ReLU\"", "values are case-sensitive: write \"relu\"")]
    [InlineData(D.Bias0, "\"per-neuron\"", 15, "Unknown bias mode \"per-neuron\"", "did you mean \"per_neuron\"? expected one of: per_neuron, shared, none")]
    [InlineData(D.Loss, "\"cross_entropy_loss\"", 11, "Unknown loss \"cross_entropy_loss\"", "expected one of: half_squared_error, mean_squared_error, cross_entropy")]
    [InlineData(D.Loss, "\"half_squared_eror\"", 11, "Unknown loss \"half_squared_eror\"", "did you mean \"half_squared_error\"?")]
    [InlineData(D.Numeric, "\"flaot\"", 14, "Unknown numeric type \"flaot\"", "did you mean \"float\"? expected one of: double, float")]
    [InlineData(D.Codegen, "\"loop\"", 14, "Unknown code layout \"loop\"", "did you mean \"loops\"?")]
    [InlineData(D.Numeric, "\"decimal\"", 14, "Unknown numeric type \"decimal\"", "expected one of: double, float")]
    [InlineData(D.Codegen, "\"vectorized\"", 14, "Unknown code layout \"vectorized\"", "expected one of: auto, unrolled, loops, split")]
    public void Unknown_value(int line, string value, int column, string wrong, string expected)
    {
        Diagnostic error = Error(D.With(line, value), "BPG005", line, column, value);
        DiagnosticAssert.MessageContains(error, wrong, expected);
    }

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("linear")]
    public void Aliases_are_accepted(string activation)
    {
        GeneratorRun run = DiagnosticAssert.RunJson(D.WithoutAlpha(D.With(D.Activation0, "\"" + activation + "\"")));

        DiagnosticAssert.OnlyBpgErrors(run);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    // ---- BPG006 wrong type ----

    [Theory]
    [InlineData(D.Inputs, "\"2\"", 13, "\"inputs\" must be an integer", "found the string \"2\"")]
    [InlineData(D.Inputs, "2.5", 13, "\"inputs\" must be an integer (no fraction or exponent)", "found the number 2.5")]
    [InlineData(D.Size0, "[3]", 15, "\"layers[0].size\" must be an integer", "found an array")]
    [InlineData(D.Size1, "1.0", 15, "\"layers[1].size\" must be an integer (no fraction or exponent)", "found the number 1.0")]
    [InlineData(D.Activation0, "true", 21, "\"layers[0].activation\" must be a string, one of: logistic (alias sigmoid), tanh", "found true")]
    [InlineData(D.Alpha0, "\"0.1\"", 16, "\"layers[0].alpha\" must be a number", "found the string \"0.1\"")]
    [InlineData(D.Bias0, "null", 15, "\"layers[0].bias\" must be a string, one of: per_neuron, shared, none", "found null")]
    [InlineData(D.Loss, "1", 11, "\"loss\" must be a string, one of: half_squared_error", "found the number 1")]
    [InlineData(D.Numeric, "{ \"type\": \"float\" }", 14, "\"numeric\" must be a string, one of: double, float", "found an object")]
    [InlineData(D.TrainBiases, "\"yes\"", 18, "\"trainBiases\" must be true or false", "found the string \"yes\"")]
    [InlineData(D.Seed, "\"7\"", 11, "\"seed\" must be an integer", "found the string \"7\"")]
    [InlineData(D.Seed, "7.5", 11, "\"seed\" must be an integer (no fraction or exponent)", "found the number 7.5")]
    [InlineData(D.Frozen, "0", 13, "\"frozen\" must be true or false", "found the number 0")]
    [InlineData(D.Codegen, "false", 14, "\"codegen\" must be a string, one of: auto, unrolled, loops, split", "found false")]
    [InlineData(D.Weights, "{ \"w1\": 0.1 }", 16, "\"initial.weights\" must be an array of numbers", "found an object")]
    [InlineData(D.Biases, "\"0.5, 0.25\"", 15, "\"initial.biases\" must be an array of numbers", "found the string \"0.5, 0.25\"")]
    public void Wrong_type(int line, string value, int column, string wrong, string found)
    {
        Diagnostic error = Error(D.With(line, value), "BPG006", line, column, value);
        DiagnosticAssert.MessageContains(error, wrong, found);
    }

    [Fact]
    public void Layers_must_be_an_array()
    {
        const string json = """
            {
              "inputs": 2,
              "layers": { "size": 1, "activation": "logistic" }
            }
            """;

        Diagnostic error = Error(json, "BPG006", 3, 13, "{ \"size\": 1, \"activation\": \"logistic\" }");
        DiagnosticAssert.MessageContains(error, "\"layers\" must be an array of layer objects", "found an object");
    }

    [Fact]
    public void A_layer_must_be_an_object()
    {
        const string json = """
            {
              "inputs": 2,
              "layers": [ 3, { "size": 1, "activation": "logistic" } ]
            }
            """;

        Diagnostic error = Error(json, "BPG006", 3, 15, "3");
        DiagnosticAssert.MessageContains(error, "\"layers[0]\" must be a layer object such as { \"size\": 2, \"activation\": \"logistic\" }", "found the number 3");
    }

    [Fact]
    public void Initial_must_be_an_object_not_an_array()
    {
        const string json = """
            {
              "inputs": 1,
              "layers": [ { "size": 1, "activation": "identity" } ],
              "initial": [ 0.5, 0.1 ]
            }
            """;

        Diagnostic error = Error(json, "BPG006", 4, 14, "[ 0.5, 0.1 ]");
        DiagnosticAssert.MessageContains(error, "\"initial\" must be an object with \"weights\" and/or \"biases\" arrays", "found an array");
    }

    [Fact]
    public void Every_initial_value_must_be_a_number()
    {
        string json = D.With(D.Weights, "[ 0.1, 0.2, \"0.3\", 0.4, 0.5, 0.6, 0.7, 0.8, 0.9 ]");

        Diagnostic error = Error(json, "BPG006", D.Weights, 28, "\"0.3\"");
        DiagnosticAssert.MessageContains(error, "\"initial.weights[2]\" must be a number", "found the string \"0.3\"");
    }

    [Fact]
    public void The_description_must_be_an_object()
    {
        const string json = "[ { \"inputs\": 2 } ]";

        Diagnostic error = Error(json, "BPG006", 1, 1, json);
        DiagnosticAssert.MessageContains(error, "The description must be a JSON object", "found an array");
    }

    // ---- BPG007 out of range ----

    [Theory]
    [InlineData(D.Inputs, "0", 13, "\"inputs\" must be between 1 and 2147483647, but is 0")]
    [InlineData(D.Inputs, "-1", 13, "\"inputs\" must be between 1 and 2147483647, but is -1")]
    [InlineData(D.Inputs, "2147483648", 13, "\"inputs\" must be between 1 and 2147483647, but is 2147483648")]
    [InlineData(D.Size0, "0", 15, "\"layers[0].size\" must be between 1 and 2147483647, but is 0")]
    [InlineData(D.Size1, "-3", 15, "\"layers[1].size\" must be between 1 and 2147483647, but is -3")]
    [InlineData(D.Seed, "-1", 11, "\"seed\" must be between 0 and 2147483647, but is -1")]
    [InlineData(D.Seed, "1e10", 11, "\"seed\" must be between 0 and 2147483647, but is 1e10")]
    [InlineData(D.Seed, "3000000000", 11, "\"seed\" must be between 0 and 2147483647, but is 3000000000")]
    public void Out_of_range(int line, string value, int column, string message)
    {
        Diagnostic error = Error(D.With(line, value), "BPG007", line, column, value);
        DiagnosticAssert.MessageContains(error, message);
    }

    [Fact]
    public void Seed_at_the_limits_is_fine()
    {
        foreach (string seed in new[] { "0", "2147483647" })
        {
            GeneratorRun run = DiagnosticAssert.RunJson(D.With(D.Seed, seed));
            Assert.Empty(run.GeneratorDiagnostics);
        }
    }

    [Fact]
    public void Too_many_parameters_is_BPG007_with_the_count()
    {
        const string json = """
            {
              "inputs": 100000,
              "layers": [ { "size": 1000, "activation": "relu" } ]
            }
            """;

        Diagnostic error = Error(json, "BPG007", 1, 1, "{");
        DiagnosticAssert.MessageContains(error, "The number of parameters (weights and biases) must be at most 1000000, but is 100001000", "use fewer inputs or smaller layers");
    }

    [Fact]
    public void Parameter_counts_past_the_range_of_a_long_are_counted_exactly()
    {
        // Four layers of int.MaxValue neurons once overflowed the count and crashed the generator.
        string layer = "{ \"size\": 2147483647, \"activation\": \"logistic\" }";
        string json = "{ \"inputs\": 2147483647, \"layers\": [ " + string.Join(", ", Enumerable.Repeat(layer, 4)) + " ] }";
        System.Numerics.BigInteger max = int.MaxValue;

        Diagnostic error = Error(json, "BPG007", 1, 1, "{");
        DiagnosticAssert.MessageContains(error, "must be at most 1000000, but is " + ((4 * max * max) + (4 * max)));
    }

    [Fact]
    public void Too_many_layers_is_BPG007_at_the_first_layer_past_the_limit()
    {
        // Each layer adds a pass to the generated code: 100,000 one-neuron layers would be hundreds of megabytes of C#.
        const string layer = "{ \"size\": 1, \"activation\": \"identity\" }";
        string json = "{ \"inputs\": 1, \"layers\": [\n" + string.Join(",\n", Enumerable.Repeat(layer, 1001)) + "\n] }";

        Diagnostic error = Error(json, "BPG007", 1002, 1, layer);
        DiagnosticAssert.MessageContains(error, "The number of layers must be at most 1000, but is 1001", "use fewer, wider layers");
    }

    [Fact]
    public void A_thousand_layers_are_allowed()
    {
        const string layer = "{ \"size\": 1, \"activation\": \"identity\" }";
        string json = "{ \"inputs\": 1, \"layers\": [" + string.Join(",", Enumerable.Repeat(layer, 1000)) + "] }";

        var (description, diagnostics, _) = BackpropGen.Generator.Parsing.JsonDescriptionParser.Parse(DiagnosticAssert.JsonPath, Microsoft.CodeAnalysis.Text.SourceText.From(json), default);

        Assert.Empty(diagnostics);
        Assert.Equal(1000, description!.Layers.Count);
    }

    // ---- BPG008 missing key ----

    [Fact]
    public void Missing_inputs()
    {
        string json = D.Full.Replace("  \"inputs\": 2,\n", string.Empty);

        Diagnostic error = Error(json, "BPG008", 1, 1, "{");
        DiagnosticAssert.MessageContains(error, "The required key \"inputs\" is missing from the description", "add it, for example \"inputs\": 2");
    }

    [Fact]
    public void Missing_layers()
    {
        const string json = """
            {
              "inputs": 2,
              "loss": "half_squared_error"
            }
            """;

        Diagnostic error = Error(json, "BPG008", 1, 1, "{");
        DiagnosticAssert.MessageContains(error, "The required key \"layers\" is missing from the description", "\"layers\": [ { \"size\": 2, \"activation\": \"logistic\" } ]");
    }

    [Fact]
    public void Missing_size_points_at_the_layer()
    {
        string json = D.Full.Replace("      \"size\": 1,\n", string.Empty);

        Diagnostic error = Error(json, "BPG008", 10, 5, "{");
        DiagnosticAssert.MessageContains(error, "The required key \"size\" is missing from layers[1]", "\"size\": 2");
    }

    [Fact]
    public void Missing_activation_points_at_the_layer()
    {
        string json = D.Full.Replace("      \"activation\": \"leaky_relu\",\n", string.Empty);

        Diagnostic error = Error(json, "BPG008", 4, 5, "{");
        DiagnosticAssert.MessageContains(error, "The required key \"activation\" is missing from layers[0]", "\"activation\": \"logistic\"");
    }

    // ---- BPG009 / BPG010 initial values ----

    [Fact]
    public void Too_few_initial_weights_says_how_many_and_in_what_order()
    {
        string json = D.With(D.Weights, "[ 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8 ]");

        Diagnostic error = Error(json, "BPG009", D.Weights, 16, "[ 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8 ]");
        DiagnosticAssert.MessageContains(
            error,
            "The network has 9 weights, but 8 initial values are given",
            "canonical order: w1..w9 (layer by layer from the input side; within a layer neuron by neuron; within a neuron input by input)");
    }

    [Fact]
    public void Too_many_initial_biases_says_how_many_and_names_them_in_order()
    {
        string json = D.With(D.Biases, "[ 0.5, 0.25, 0.125 ]");

        Diagnostic error = Error(json, "BPG009", D.Biases, 15, "[ 0.5, 0.25, 0.125 ]");
        DiagnosticAssert.MessageContains(
            error,
            "The network has 2 biases, but 3 initial values are given",
            "canonical order: b1, b_o1 (layer by layer; one per layer for a shared bias, one per neuron otherwise)");
    }

    [Fact]
    public void One_initial_value_for_a_network_without_biases_says_to_omit_them()
    {
        const string json = """
            {
              "inputs": 1,
              "layers": [ { "size": 1, "activation": "identity", "bias": "none" } ],
              "initial": { "weights": [ 2 ], "biases": [ 0 ] }
            }
            """;

        Diagnostic error = Error(json, "BPG009", 4, 44, "[ 0 ]");
        DiagnosticAssert.MessageContains(error, "The network has 0 biases, but 1 initial value is given", "omit \"biases\"");
    }

    [Fact]
    public void Both_wrong_counts_are_reported_together()
    {
        string json = D.With(D.With(D.Weights, "[]"), D.Biases, "[]");

        GeneratorRun run = DiagnosticAssert.RunJson(json);

        DiagnosticAssert.OnlyBpgErrors(run);
        Assert.Equal(new[] { ("BPG009", D.Weights), ("BPG009", D.Biases) }, run.GeneratorDiagnostics.Select(d => (d.Id, d.Location.GetLineSpan().StartLinePosition.Line + 1)));
        DiagnosticAssert.MessageContains(run.GeneratorDiagnostics[0], "9 weights, but 0 initial values are given");
        DiagnosticAssert.MessageContains(run.GeneratorDiagnostics[1], "2 biases, but 0 initial values are given");
    }

    [Fact]
    public void A_float_network_rejects_initial_values_beyond_float_range()
    {
        // 1e39 is a finite double but an infinite float: the generated float literal would not compile.
        string json = D.With(D.With(D.Numeric, "\"float\""), D.Biases, "[ 0.5, -1e39 ]");

        Diagnostic error = Error(json, "BPG010", D.Biases, 22, "-1e39", HostileRunner.Source);
        DiagnosticAssert.MessageContains(error, "Initial bias b_o1 is -1E+39", "every initial value must be a finite float (\"numeric\": \"float\"), at most 3.4028235E+38 in magnitude");
    }

    [Fact]
    public void A_float_network_rejects_an_alpha_beyond_float_range()
    {
        string json = D.With(D.With(D.Numeric, "\"float\""), D.Alpha0, "1e39");

        Diagnostic error = Error(json, "BPG007", D.Alpha0, 16, "1e39", HostileRunner.Source);
        DiagnosticAssert.MessageContains(error, "\"layers[0].alpha\" must be a finite float (\"numeric\": \"float\")", "but is 1E+39");
    }

    [Fact]
    public void A_double_network_takes_values_beyond_float_range()
    {
        GeneratorRun run = DiagnosticAssert.RunJson(D.With(D.Biases, "[ 0.5, -1e39 ]"));

        DiagnosticAssert.OnlyBpgErrors(run);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    // ---- BPG017 / BPG018 / BPG019 ----

    [Fact]
    public void Softmax_on_a_hidden_layer()
    {
        Diagnostic error = Error(D.WithoutAlpha(D.With(D.Activation0, "\"softmax\"")), "BPG017", D.Activation0, 21, "\"softmax\"");
        DiagnosticAssert.MessageContains(error, "layers[0] uses softmax", "only allowed on the output layer (layers[1])");
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("tanh")]
    [InlineData("relu")]
    [InlineData("leaky_relu")]
    [InlineData("softplus")]
    public void Cross_entropy_with_an_output_it_cannot_take(string output)
    {
        string json = D.With(D.With(D.Activation1, "\"" + output + "\""), D.Loss, "\"cross_entropy\"");

        Diagnostic error = Error(json, "BPG018", D.Loss, 11, "\"cross_entropy\"");
        DiagnosticAssert.MessageContains(error, "cross_entropy needs an output layer with softmax or logistic activation", "the output layer uses " + output);
    }

    [Theory]
    [InlineData("logistic")]
    [InlineData("softmax")]
    public void Cross_entropy_with_softmax_or_logistic_output_is_fine(string output)
    {
        string json = D.With(D.With(D.Activation1, "\"" + output + "\""), D.Loss, "\"cross_entropy\"");

        GeneratorRun run = DiagnosticAssert.RunJson(json);

        DiagnosticAssert.OnlyBpgErrors(run);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void No_layers_points_at_the_empty_array()
    {
        const string json = """
            {
              "inputs": 2,
              "layers": [ ]
            }
            """;

        Diagnostic error = Error(json, "BPG019", 3, 13, "[ ]");
        DiagnosticAssert.MessageContains(error, "The network has no layers", "\"layers\" must list at least one layer object");
    }

    // ---- BPG021 frozen ----

    [Theory]
    [InlineData("", "initial weights and biases are missing", "give all 2 weights and 1 bias under \"initial\"")]
    [InlineData(", \"initial\": { \"weights\": [ 1, 2 ] }", "initial biases are missing", "give all 2 weights and 1 bias")]
    [InlineData(", \"initial\": { \"biases\": [ 0 ] }", "initial weights are missing", "give all 2 weights and 1 bias")]
    public void Frozen_without_initial_values(string initial, string missing, string expected)
    {
        string json = "{\n  \"frozen\": true,\n  \"inputs\": 2,\n  \"layers\": [ { \"size\": 1, \"activation\": \"relu\" } ]" + initial + "\n}";

        Diagnostic error = Error(json, "BPG021", 2, 13, "true");
        DiagnosticAssert.MessageContains(error, "A frozen network compiles its parameters to constants", missing, expected);
    }

    [Fact]
    public void Frozen_without_biases_is_fine_when_the_network_has_none()
    {
        const string json = """{ "frozen": true, "inputs": 2, "layers": [ { "size": 1, "activation": "relu", "bias": "none" } ], "initial": { "weights": [ 1, 2 ] } }""";

        GeneratorRun run = GeneratorHarness.Run("[BackpropGen.Network(\"nets/net.json\")] public static partial class Net { }", (DiagnosticAssert.JsonPath, json));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
    }

    // ---- several at once ----

    [Fact]
    public void Every_mistake_of_a_file_is_reported()
    {
        string json = D.With(D.With(D.With(D.Full.Replace("\"alpha\"", "\"Alpha\""), D.Bias0, "\"every\""), D.Loss, "2"), D.Seed, "-5");

        GeneratorRun run = DiagnosticAssert.RunJson(json);

        DiagnosticAssert.OnlyBpgErrors(run);
        Assert.Equal(
            new[] { ("BPG004", D.Alpha0), ("BPG005", D.Bias0), ("BPG006", D.Loss), ("BPG007", D.Seed) },
            run.GeneratorDiagnostics.Select(d => (d.Id, d.Location.GetLineSpan().StartLinePosition.Line + 1)).OrderBy(p => p.Item2));
    }

    /// <summary>Runs the JSON and returns its single diagnostic, checked for id and exact location.</summary>
    private static Diagnostic Error(string json, string id, int line, int column, string underlined, string source = DiagnosticAssert.JsonSource)
    {
        GeneratorRun run = GeneratorHarness.Run(source, (DiagnosticAssert.JsonPath, json));
        Diagnostic error = DiagnosticAssert.Single(run, id);
        DiagnosticAssert.AtJson(error, json, line, column, underlined);
        return error;
    }
}
