using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace BackpropGen.Generator.Tests.Generation;

/// <summary>A network described by attributes generates the same members as its JSON twin.</summary>
public class AttributeFormTests
{
    private const string TwinsSource = """
        using BackpropGen;

        namespace Twins;

        [Network("mazur.json")]
        public partial class FromJson { }

        [Network(Inputs = 2, Loss = LossFunction.HalfSquaredError, TrainBiases = false)]
        [Layer(2, Activation.Logistic, Bias = BiasMode.Shared)]
        [Layer(2, Activation.Logistic, Bias = BiasMode.Shared)]
        [InitialWeights(0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55)]
        [InitialBiases(0.35, 0.60)]
        public partial class FromAttributes { }
        """;

    [Fact]
    public void Worked_example_generates_identical_code_from_attributes_and_from_json()
    {
        GeneratorRun run = GeneratorHarness.Run(TwinsSource, ("/p/mazur.json", TestNetworks.MazurJson));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        string fromJson = WithoutOriginLine(run.GeneratedSources["Twins.FromJson.g.cs"]).Replace("FromJson", "Twin");
        string fromAttributes = WithoutOriginLine(run.GeneratedSources["Twins.FromAttributes.g.cs"]).Replace("FromAttributes", "Twin");
        Assert.Equal(fromJson, fromAttributes);
    }

    [Theory]
    [InlineData("Numeric = Numeric.Float", "\"numeric\": \"float\"")]
    [InlineData("Loss = LossFunction.MeanSquaredError, Seed = 7", "\"loss\": \"mean_squared_error\", \"seed\": 7")]
    [InlineData("TrainBiases = false, Codegen = Codegen.Unrolled", "\"trainBiases\": false, \"codegen\": \"unrolled\"")]
    [InlineData("Codegen = Codegen.Split", "\"codegen\": \"split\"")]
    [InlineData("Codegen = Codegen.Loops, Numeric = Numeric.Float", "\"codegen\": \"loops\", \"numeric\": \"float\"")]
    [InlineData("Codegen = Codegen.Unrolled", "\"codegen\": \"unrolled\"", "SiLU", "silu", "")]
    [InlineData("Codegen = Codegen.Loops", "\"codegen\": \"loops\"", "ELU", "elu", "")]
    [InlineData("Numeric = Numeric.Float", "\"numeric\": \"float\"", "ELU", "elu", ", Alpha = 0.7")]
    public void Every_network_option_has_the_same_effect_in_both_forms(string attributeOptions, string jsonOptions, string firstActivation = "LeakyReLU", string firstJson = "leaky_relu", string firstAlpha = ", Alpha = 0.2")
    {
        string source = $$"""
            using BackpropGen;
            [Network("twin.json")] public partial class FromJson { }
            [Network(Inputs = 3, {{attributeOptions}})]
            [Layer(4, Activation.{{firstActivation}}{{firstAlpha}})]
            [Layer(3, Activation.Softplus, Bias = BiasMode.None)]
            [Layer(2, Activation.Tanh, Bias = BiasMode.Shared)]
            public partial class FromAttributes { }
            """;
        string alphaJson = firstAlpha.Length == 0 ? string.Empty : ", \"alpha\": " + firstAlpha.Split('=')[1].Trim();
        string json = $$"""
            { "inputs": 3, {{jsonOptions}},
              "layers": [ { "size": 4, "activation": "{{firstJson}}"{{alphaJson}} },
                          { "size": 3, "activation": "softplus", "bias": "none" },
                          { "size": 2, "activation": "tanh", "bias": "shared" } ] }
            """;

        GeneratorRun run = GeneratorHarness.Run(source, ("/p/twin.json", json));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Equal(
            WithoutOriginLine(run.GeneratedSources["FromJson.g.cs"]).Replace("FromJson", "Twin"),
            WithoutOriginLine(run.GeneratedSources["FromAttributes.g.cs"]).Replace("FromAttributes", "Twin"));
    }

    [Theory]
    [InlineData("Softmax", "softmax", "CrossEntropy", "cross_entropy")]
    [InlineData("Logistic", "logistic", "CrossEntropy", "cross_entropy")]
    [InlineData("Softmax", "softmax", "MeanSquaredError", "mean_squared_error")]
    public void Classification_heads_are_the_same_in_both_forms(string activation, string jsonActivation, string loss, string jsonLoss)
    {
        string source = $$"""
            using BackpropGen;
            [Network("twin.json")] public partial class FromJson { }
            [Network(Inputs = 4, Loss = LossFunction.{{loss}}, Numeric = Numeric.Float)]
            [Layer(5, Activation.Tanh)]
            [Layer(3, Activation.{{activation}})]
            public partial class FromAttributes { }
            """;
        string json = $$"""
            { "inputs": 4, "loss": "{{jsonLoss}}", "numeric": "float",
              "layers": [ { "size": 5, "activation": "tanh" }, { "size": 3, "activation": "{{jsonActivation}}" } ] }
            """;

        GeneratorRun run = GeneratorHarness.Run(source, ("/p/twin.json", json));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Equal(
            WithoutOriginLine(run.GeneratedSources["FromJson.g.cs"]).Replace("FromJson", "Twin"),
            WithoutOriginLine(run.GeneratedSources["FromAttributes.g.cs"]).Replace("FromAttributes", "Twin"));
    }

    [Fact]
    public void A_broken_description_reports_only_its_BPG_error_even_when_the_network_is_used()
    {
        const string source = """
            [BackpropGen.Network("broken.json")]
            public partial class Broken { }

            public static class User
            {
                public static double Use()
                {
                    var net = new Broken();
                    var output = new double[Broken.OutputCount];
                    net.Forward(new double[Broken.InputCount], output);
                    net.Backward(new double[2], new double[1], new double[Broken.ParameterCount], out Broken.Trace trace);
                    return net.TrainStep(new double[2], new double[1], 0.1) + net.Loss(new double[2], new double[1]);
                }
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(source, ("/p/broken.json", """{ "inputs": 2, "layers": [ { "size": 0, "activation": "logistic" } ] }"""));

        Diagnostic error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("BPG007", error.Id);
        Assert.Empty(run.CompilationDiagnostics);
    }

    private static string WithoutOriginLine(string source) =>
        string.Join("\n", source.Split('\n').Where(line => !line.StartsWith("// Generated by BackpropGen from ", StringComparison.Ordinal)));
}
