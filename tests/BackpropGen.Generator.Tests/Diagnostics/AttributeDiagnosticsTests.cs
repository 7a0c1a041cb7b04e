using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace BackpropGen.Generator.Tests.Diagnostics;

/// <summary>Diagnostics of attribute-described networks, located at the offending attribute argument.</summary>
public class AttributeDiagnosticsTests
{
    private const string TwoLayers = "[Layer(3, Activation.Tanh)]\n[Layer(1, Activation.Logistic)]";

    [Fact]
    public void A_valid_attribute_network_has_no_diagnostics()
    {
        GeneratorRun run = GeneratorHarness.Run(Source("[Network(Inputs = 2)]\n" + TwoLayers));

        DiagnosticAssert.OnlyBpgErrors(run);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    // ---- sizes and ranges (BPG007, BPG008, BPG019) ----

    [Theory]
    [InlineData("Inputs = 0", "Inputs must be at least 1, but is 0")]
    [InlineData("Inputs = -2", "Inputs must be at least 1, but is -2")]
    [InlineData("Inputs = int.MinValue", "Inputs must be at least 1, but is -2147483648")]
    public void Inputs_below_one(string argument, string message)
    {
        Diagnostic error = Error($"[Network({argument})]\n" + TwoLayers, "BPG007", argument);
        DiagnosticAssert.MessageContains(error, message);
    }

    [Theory]
    [InlineData("0", "The size of [Layer] 2 must be at least 1, but is 0")]
    [InlineData("-1", "The size of [Layer] 2 must be at least 1, but is -1")]
    public void Layer_size_below_one(string size, string message)
    {
        Diagnostic error = Error($"[Network(Inputs = 2)]\n[Layer(3, Activation.Tanh)]\n[Layer({size}, Activation.Logistic)]", "BPG007", size);
        DiagnosticAssert.MessageContains(error, message);
    }

    [Fact]
    public void Missing_inputs_is_BPG008_at_the_network_attribute()
    {
        Diagnostic error = Error("[Network(Loss = LossFunction.MeanSquaredError)]\n" + TwoLayers, "BPG008", "Network(Loss = LossFunction.MeanSquaredError)");
        DiagnosticAssert.MessageContains(error, "The required property Inputs is missing from [Network]", "for example [Network(Inputs = 2)]");
    }

    [Fact]
    public void Negative_seed()
    {
        Diagnostic error = Error("[Network(Inputs = 2, Seed = -1)]\n" + TwoLayers, "BPG007", "Seed = -1");
        DiagnosticAssert.MessageContains(error, "Seed must be between 0 and 2147483647, but is -1");
    }

    [Theory]
    [InlineData("double.NaN", "NaN")]
    [InlineData("double.PositiveInfinity", "Infinity")]
    public void Non_finite_alpha(string alpha, string shown)
    {
        Diagnostic error = Error($"[Network(Inputs = 2)]\n[Layer(3, Activation.LeakyReLU, Alpha = {alpha})]\n[Layer(1, Activation.Logistic)]", "BPG007", "Alpha = " + alpha);
        DiagnosticAssert.MessageContains(error, "The Alpha of [Layer] 1 must be a finite number, but is " + shown);
    }

    [Fact]
    public void Too_many_parameters()
    {
        Diagnostic error = Error("[Network(Inputs = 100000)]\n[Layer(1000, Activation.ReLU)]", "BPG007", "Network(Inputs = 100000)");
        DiagnosticAssert.MessageContains(error, "The number of parameters (weights and biases) must be at most 1000000, but is 100001000");
    }

    [Fact]
    public void Too_many_layers_points_at_the_first_layer_past_the_limit()
    {
        string layers = string.Concat(Enumerable.Range(1, 1001).Select(i => $"[Layer({i}, Activation.Identity)]\n"));

        Diagnostic error = Error("[Network(Inputs = 1)]\n" + layers, "BPG007", "Layer(1001, Activation.Identity)");
        DiagnosticAssert.MessageContains(error, "The number of layers must be at most 1000, but is 1001");
    }

    [Fact]
    public void No_layers()
    {
        Diagnostic error = Error("[Network(Inputs = 2)]", "BPG019", "Network(Inputs = 2)");
        DiagnosticAssert.MessageContains(error, "The network has no layers", "add at least one [Layer(size, activation)] attribute");
    }

    // ---- enum values out of range (BPG005) ----

    [Theory]
    [InlineData("[Network(Inputs = 2)]\n[Layer(3, (Activation)42)]\n[Layer(1, Activation.Logistic)]", "(Activation)42", "Unknown activation (Activation)42", "expected one of: Activation.Logistic, Activation.Tanh, Activation.ReLU, Activation.LeakyReLU, Activation.Identity, Activation.Softplus, Activation.Softmax")]
    [InlineData("[Network(Inputs = 2)]\n[Layer(3, (Activation)(-1))]\n[Layer(1, Activation.Logistic)]", "(Activation)(-1)", "Unknown activation (Activation)-1", "Activation.Logistic")]
    [InlineData("[Network(Inputs = 2, Loss = (LossFunction)3)]\n" + TwoLayers, "Loss = (LossFunction)3", "Unknown loss (LossFunction)3", "expected one of: LossFunction.HalfSquaredError, LossFunction.MeanSquaredError, LossFunction.CrossEntropy")]
    [InlineData("[Network(Inputs = 2, Numeric = (Numeric)2)]\n" + TwoLayers, "Numeric = (Numeric)2", "Unknown numeric type (Numeric)2", "expected one of: Numeric.Double, Numeric.Float")]
    [InlineData("[Network(Inputs = 2, Codegen = (Codegen)9)]\n" + TwoLayers, "Codegen = (Codegen)9", "Unknown code layout (Codegen)9", "expected one of: Codegen.Auto, Codegen.Unrolled, Codegen.Loops, Codegen.Split")]
    [InlineData("[Network(Inputs = 2)]\n[Layer(3, Activation.Tanh, Bias = (BiasMode)7)]\n[Layer(1, Activation.Logistic)]", "Bias = (BiasMode)7", "Unknown bias mode (BiasMode)7", "expected one of: BiasMode.PerNeuron, BiasMode.Shared, BiasMode.None")]
    public void Enum_value_out_of_range(string attributes, string underlined, string wrong, string expected)
    {
        Diagnostic error = Error(attributes, "BPG005", underlined);
        DiagnosticAssert.MessageContains(error, wrong, expected);
    }

    // ---- initial values (BPG009, BPG010, BPG020) ----

    [Fact]
    public void Wrong_number_of_initial_weights()
    {
        const string weights = "InitialWeights(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)";

        Diagnostic error = Error($"[Network(Inputs = 2)]\n{TwoLayers}\n[{weights}]", "BPG009", weights);
        DiagnosticAssert.MessageContains(error, "The network has 9 weights, but 8 initial values are given", "canonical order: w1..w9 (layer by layer from the input side");
    }

    [Fact]
    public void Wrong_number_of_initial_biases_names_them()
    {
        const string biases = "InitialBiases(0.5)";

        Diagnostic error = Error($"[Network(Inputs = 2)]\n[Layer(3, Activation.Tanh, Bias = BiasMode.Shared)]\n[Layer(2, Activation.Logistic)]\n[{biases}]", "BPG009", biases);
        DiagnosticAssert.MessageContains(error, "The network has 3 biases, but 1 initial value is given", "canonical order: b1, b_o1, b_o2");
    }

    [Theory]
    [InlineData("InitialWeights(0.1, 0.2, 0.3, double.NaN, 0.5, 0.6, 0.7, 0.8, 0.9)", "double.NaN", "Initial weight w4 is NaN")]
    [InlineData("InitialWeights(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, double.NegativeInfinity)", "double.NegativeInfinity", "Initial weight w9 is -Infinity")]
    [InlineData("InitialBiases(double.PositiveInfinity)", "double.PositiveInfinity", "Initial bias b_o1 is Infinity")]
    [InlineData("InitialBiases(0.0 / 0.0)", "0.0 / 0.0", "Initial bias b_o1 is NaN")]
    public void Non_finite_initial_value_points_at_the_value(string attribute, string underlined, string message)
    {
        Diagnostic error = Error($"[Network(Inputs = 2)]\n[Layer(3, Activation.Tanh, Bias = BiasMode.None)]\n[Layer(1, Activation.Logistic)]\n[{attribute}]", "BPG010", underlined);
        DiagnosticAssert.MessageContains(error, message, "every initial value must be a finite number");
    }

    [Fact]
    public void Float_network_rejects_initial_values_beyond_float_range()
    {
        Diagnostic error = Error(
            "[Network(Inputs = 1, Numeric = Numeric.Float)]\n[Layer(1, Activation.Identity, Bias = BiasMode.None)]\n[InitialWeights(1e39)]",
            "BPG010",
            "1e39",
            partialClass: "public partial class Net { }",
            usesNet: false);
        DiagnosticAssert.MessageContains(error, "Initial weight w1 is 1E+39", "must be a finite float (Numeric = Numeric.Float)");
    }

    [Fact]
    public void Non_finite_value_in_an_explicit_array_points_at_the_attribute()
    {
        const string attribute = "InitialBiases(new[] { 0.5, double.NaN })";

        Diagnostic error = Error($"[Network(Inputs = 2)]\n[Layer(3, Activation.Tanh, Bias = BiasMode.Shared)]\n[Layer(1, Activation.Logistic)]\n[{attribute}]", "BPG010", attribute);
        DiagnosticAssert.MessageContains(error, "Initial bias b_o1 is NaN");
    }

    [Fact]
    public void Initial_weights_twice_is_BPG020_at_the_second()
    {
        const string second = "InitialWeights(1, 1, 1, 1, 1, 1, 1, 1, 1)";

        Diagnostic error = Error($"[Network(Inputs = 2)]\n{TwoLayers}\n[InitialWeights(0, 0, 0, 0, 0, 0, 0, 0, 0)]\n[{second}]", "BPG020", second);
        DiagnosticAssert.MessageContains(error, "[InitialWeights] appears 2 times on 'Net'", "give it once");
    }

    // ---- rules (BPG017, BPG018, BPG021) ----

    [Fact]
    public void Softmax_not_on_the_output_layer()
    {
        Diagnostic error = Error("[Network(Inputs = 2)]\n[Layer(3, Activation.Softmax)]\n[Layer(1, Activation.Logistic)]", "BPG017", "Activation.Softmax");
        DiagnosticAssert.MessageContains(error, "[Layer] 1 uses softmax", "only allowed on the output layer ([Layer] 2)");
    }

    [Theory]
    [InlineData("Identity")]
    [InlineData("Tanh")]
    [InlineData("ReLU")]
    public void Cross_entropy_with_an_output_it_cannot_take(string output)
    {
        Diagnostic error = Error($"[Network(Inputs = 2, Loss = LossFunction.CrossEntropy)]\n[Layer(3, Activation.Tanh)]\n[Layer(1, Activation.{output})]", "BPG018", "Loss = LossFunction.CrossEntropy");
        DiagnosticAssert.MessageContains(error, "LossFunction.CrossEntropy needs an output layer with softmax or logistic activation", "the output layer uses Activation." + output);
    }

    [Fact]
    public void Frozen_without_initial_values()
    {
        Diagnostic error = Error("[Network(Inputs = 2, Frozen = true)]\n" + TwoLayers, "BPG021", "Frozen = true");
        DiagnosticAssert.MessageContains(error, "initial weights and biases are missing", "give all 9 weights in [InitialWeights(...)] and 4 biases in [InitialBiases(...)]");
    }

    // ---- the class (BPG012..BPG016) ----

    [Fact]
    public void Class_not_partial_is_BPG012_at_its_name()
    {
        string source = "using BackpropGen;\n[Network(Inputs = 2)]\n[Layer(1, Activation.Logistic)]\npublic class Net { }";

        GeneratorRun run = GeneratorHarness.Run(source);

        Diagnostic error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("BPG012", error.Id);
        DiagnosticAssert.AtSource(error, source, "Net");
        DiagnosticAssert.MessageContains(error, "The class 'Net' must be declared 'partial'");
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void Containing_type_not_partial_is_BPG013_at_its_name()
    {
        string source = "using BackpropGen;\nnamespace N;\npublic partial class Outer { public class Middle {\n[Network(\"nets/net.json\")]\npublic partial class Net { } } }";

        GeneratorRun run = GeneratorHarness.Run(source, (DiagnosticAssert.JsonPath, Descriptions.Full));

        Diagnostic error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("BPG013", error.Id);
        DiagnosticAssert.AtSource(error, source, "Middle");
        DiagnosticAssert.MessageContains(error, "The type 'Middle' that contains network class 'Net' must be declared 'partial'");
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void Generic_class_is_BPG014_at_its_name()
    {
        string source = "using BackpropGen;\n[Network(Inputs = 2)]\n[Layer(1, Activation.Logistic)]\npublic partial class Net<T> { }";

        GeneratorRun run = GeneratorHarness.Run(source);

        Diagnostic error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("BPG014", error.Id);
        DiagnosticAssert.AtSource(error, source, "Net");
        DiagnosticAssert.MessageContains(error, "The network class 'Net' must not be generic");
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void Json_path_and_layer_attributes_is_BPG015_at_the_first_layer()
    {
        Diagnostic error = Error(
            "[Network(\"nets/net.json\")]\n[Layer(3, Activation.Tanh)]\n[Layer(1, Activation.Logistic)]",
            "BPG015",
            "Layer(3, Activation.Tanh)",
            files: (DiagnosticAssert.JsonPath, Descriptions.Full));
        DiagnosticAssert.MessageContains(error, "The class 'Net' names a JSON description and also has [Layer] attributes", "describe the network one way only");
    }

    [Fact]
    public void Json_path_and_initial_values_is_BPG015()
    {
        Diagnostic error = Error(
            "[Network(\"nets/net.json\")]\n[InitialBiases(0.5, 0.25)]",
            "BPG015",
            "InitialBiases(0.5, 0.25)",
            files: (DiagnosticAssert.JsonPath, Descriptions.Full));
        DiagnosticAssert.MessageContains(error, "names a JSON description and also has [InitialBiases] attributes");
    }

    [Fact]
    public void Json_path_and_network_properties_is_BPG015_at_the_property()
    {
        Diagnostic error = Error(
            "[Network(\"nets/net.json\", Inputs = 3)]",
            "BPG015",
            "Inputs = 3",
            files: (DiagnosticAssert.JsonPath, Descriptions.Full));
        DiagnosticAssert.MessageContains(error, "names a JSON description and also has 'Inputs = ...' on [Network]");
    }

    [Fact]
    public void Two_network_attributes_is_BPG016_at_the_second()
    {
        Diagnostic error = Error("[Network(Inputs = 2)]\n[Network(Inputs = 3)]\n" + TwoLayers, "BPG016", "Network(Inputs = 3)");
        DiagnosticAssert.MessageContains(error, "The class 'Net' has 2 [Network] attributes", "keep one [Network]");
    }

    [Fact]
    public void Network_on_two_partial_declarations_is_BPG016_once_at_the_second()
    {
        // Once crashed the generator: each declaration produced a file with the same hint name.
        const string source = """
            using BackpropGen;
            [Network(Inputs = 2)]
            [Layer(1, Activation.Tanh)]
            public partial class Net { }
            [Network(Inputs = 3)]
            public partial class Net { }
            """;

        GeneratorRun run = GeneratorHarness.Run(source);

        Diagnostic error = DiagnosticAssert.Single(run, "BPG016");
        DiagnosticAssert.AtSource(error, source, "Network(Inputs = 3)");
        DiagnosticAssert.MessageContains(error, "The class 'Net' has 2 [Network] attributes");
    }

    // ---- broken attributes are the compiler's to report ----

    [Theory]
    [InlineData("[Network(Inputs = \"2\")]\n" + TwoLayers, "CS0029")]
    [InlineData("[Network(Inputs = 2)]\n[Layer(3)]\n[Layer(1, Activation.Logistic)]", "CS7036")]
    [InlineData("[Network(Inputs = 2)]\n[Layer(3, Activation.Tanh, Alpha = \"x\")]\n[Layer(1, Activation.Logistic)]", "CS0029")]
    [InlineData("[Network(Inputs = 2)]\n" + TwoLayers + "\n[InitialBiases(\"a\")]", "CS1503")]
    public void A_broken_attribute_leaves_only_the_compiler_error(string attributes, string compilerError)
    {
        string source = Source(attributes);

        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Null(run.Result.Results[0].Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        // The placeholders keep the code that uses the network compiling: the compiler's own error is the only one.
        Diagnostic error = Assert.Single(run.OutputCompilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(compilerError, error.Id);
    }

    private static string Source(string attributes, string partialClass = "public partial class Net { }", bool usesNet = true) =>
        "using BackpropGen;\n\n" + attributes + "\n" + partialClass + (usesNet ? DiagnosticAssert.UsesNet : string.Empty);

    private static Diagnostic Error(
        string attributes,
        string id,
        string underlined,
        string partialClass = "public partial class Net { }",
        bool usesNet = true,
        (string Path, string Text)? files = null)
    {
        string source = Source(attributes, partialClass, usesNet);
        GeneratorRun run = files is { } file ? GeneratorHarness.Run(source, file) : GeneratorHarness.Run(source);
        Diagnostic error = DiagnosticAssert.Single(run, id);
        DiagnosticAssert.AtSource(error, source, underlined);
        return error;
    }
}
