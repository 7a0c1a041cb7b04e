using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using D = BackpropGen.Generator.Tests.Diagnostics.Descriptions;

namespace BackpropGen.Generator.Tests.Diagnostics;

/// <summary>
/// BPG027 and BPG028: input that nothing reads is a warning where it is written; and several independent mistakes in
/// one attribute description are all reported in one build.
/// </summary>
public class IgnoredInputDiagnosticsTests
{
    [Theory]
    [InlineData("[Layer(2, Activation.Tanh)]\n[Layer(1, Activation.Logistic)]", "Layer(2, Activation.Tanh)", "Layer")]
    [InlineData("[InitialWeights(0.1, 0.2)]", "InitialWeights(0.1, 0.2)", "InitialWeights")]
    [InlineData("[InitialBiases(0.5)]", "InitialBiases(0.5)", "InitialBiases")]
    public void A_network_attribute_on_a_class_without_Network_is_BPG027(string attributes, string underlined, string name)
    {
        string source = "using BackpropGen;\n\n" + attributes + "\npublic partial class NotANet { }";

        GeneratorRun run = GeneratorHarness.Run(source);

        DiagnosticAssert.OnlyBpgErrors(run);
        Diagnostic warning = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(("BPG027", DiagnosticSeverity.Warning), (warning.Id, warning.Severity));
        DiagnosticAssert.AtSource(warning, source, underlined);
        DiagnosticAssert.MessageContains(warning, $"[{name}] on 'NotANet' has no effect: the class has no [Network] attribute", "add [Network(Inputs = ...)]");
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void Network_in_another_partial_declaration_counts()
    {
        string source = "using BackpropGen;\n[Network(Inputs = 1)]\npublic partial class Net { }\n[Layer(1, Activation.Identity)]\npublic partial class Net { }";

        GeneratorRun run = GeneratorHarness.Run(source);

        DiagnosticAssert.OnlyBpgErrors(run);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void Alpha_in_JSON_on_an_activation_that_ignores_it_is_BPG028_at_the_value()
    {
        string json = D.With(D.Activation0, "\"tanh\"");

        GeneratorRun run = DiagnosticAssert.RunJson(json);

        DiagnosticAssert.OnlyBpgErrors(run);
        Diagnostic warning = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(("BPG028", DiagnosticSeverity.Warning), (warning.Id, warning.Severity));
        DiagnosticAssert.AtJson(warning, json, D.Alpha0, 16, "0.1");
        DiagnosticAssert.MessageContains(warning, "layers[0] sets alpha, but its activation tanh does not use it (alpha is read by leaky_relu and elu only)", "remove alpha");
        Assert.Contains("public void Forward(", run.GeneratedSources.Values.Single());
    }

    [Theory]
    [InlineData("leaky_relu")]
    [InlineData("elu")]
    public void Alpha_on_an_activation_that_uses_it_is_fine(string activation)
    {
        GeneratorRun run = DiagnosticAssert.RunJson(D.With(D.Activation0, "\"" + activation + "\""));

        DiagnosticAssert.OnlyBpgErrors(run);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void Alpha_on_a_Layer_attribute_that_ignores_it_is_BPG028_at_the_argument()
    {
        string source = "using BackpropGen;\n[Network(Inputs = 2)]\n[Layer(3, Activation.LeakyReLU, Alpha = 0.2)]\n[Layer(1, Activation.Logistic, Alpha = 0.3)]\npublic partial class Net { }" + DiagnosticAssert.UsesNet;

        GeneratorRun run = GeneratorHarness.Run(source);

        DiagnosticAssert.OnlyBpgErrors(run);
        Diagnostic warning = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("BPG028", warning.Id);
        DiagnosticAssert.AtSource(warning, source, "Alpha = 0.3");
        DiagnosticAssert.MessageContains(warning, "[Layer] 2 sets alpha, but its activation Activation.Logistic does not use it (alpha is read by Activation.LeakyReLU and Activation.ELU only)");
    }

    [Fact]
    public void Every_independent_attribute_mistake_is_reported_in_one_build()
    {
        string source = """
            using BackpropGen;
            [Network(Loss = (LossFunction)9, Seed = -1)]
            [Layer(0, Activation.Softmax)]
            [Layer(2, Activation.Tanh, Alpha = 0.5)]
            [InitialWeights(1, 2)]
            [InitialWeights(3)]
            public partial class Net { }
            """ + DiagnosticAssert.UsesNet;

        GeneratorRun run = GeneratorHarness.Run(source);

        DiagnosticAssert.OnlyBpgErrors(run);
        var found = run.GeneratorDiagnostics.Select(d => (d.Id, Text(source, d))).OrderBy(d => d.Id).ThenBy(d => d.Item2).ToList();
        Assert.Equal(
            new[]
            {
                ("BPG005", "Loss = (LossFunction)9"),       // unknown loss
                ("BPG007", "0"),                            // layer size
                ("BPG007", "Seed = -1"),                    // seed
                ("BPG008", "Network(Loss = (LossFunction)9, Seed = -1)"), // Inputs missing
                ("BPG017", "Activation.Softmax"),           // softmax on a hidden layer
                ("BPG020", "InitialWeights(3)"),            // given twice
                ("BPG028", "Alpha = 0.5"),                  // alpha on tanh
            },
            found);
    }

    private static string Text(string source, Diagnostic diagnostic) =>
        source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);
}
