using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace BackpropGen.Generator.Tests.Diagnostics;

/// <summary>
/// BPG023 and BPG024: descriptions that work but not as their author likely meant. A warning, located at its cause,
/// and the network is still generated in full (the user code calling every member compiles).
/// </summary>
public class WarningDiagnosticsTests
{
    [Fact]
    public void A_shared_bias_on_a_softmax_output_is_reported_where_the_layer_is()
    {
        string json = """
            {
              "inputs": 3,
              "layers": [
                { "size": 4, "activation": "tanh" },
                { "size": 3, "activation": "softmax", "bias": "shared" }
              ],
              "loss": "cross_entropy"
            }
            """;

        Diagnostic warning = SingleWarning(DiagnosticAssert.RunJson(json), "BPG023");

        DiagnosticAssert.AtJson(warning, json, 5, 5, """{ "size": 3, "activation": "softmax", "bias": "shared" }""");
        DiagnosticAssert.MessageContains(warning, "The shared bias of layers[1]", "its gradient is always 0", "per-neuron biases or none");
    }

    [Fact]
    public void A_shared_bias_on_a_softmax_output_is_reported_on_the_Layer_attribute()
    {
        string source = """
            using BackpropGen;
            [Network(Inputs = 3, Loss = LossFunction.CrossEntropy)]
            [Layer(4, Activation.Tanh)]
            [Layer(3, Activation.Softmax, Bias = BiasMode.Shared)]
            public partial class Net { }
            """ + DiagnosticAssert.UsesNet;

        Diagnostic warning = SingleWarning(GeneratorHarness.Run(source), "BPG023");

        DiagnosticAssert.AtSource(warning, source, "Layer(3, Activation.Softmax, Bias = BiasMode.Shared)");
        DiagnosticAssert.MessageContains(warning, "The shared bias of [Layer] 2");
    }

    [Fact]
    public void Forcing_the_unrolled_layout_past_the_JITs_local_budget_is_reported_at_the_codegen_key()
    {
        // 64-32-10: 2,368 weights, each with its own dE/dw local in the unrolled TrainStep.
        string json = """
            {
              "inputs": 64,
              "layers": [ { "size": 32, "activation": "tanh" }, { "size": 10, "activation": "softmax" } ],
              "loss": "cross_entropy",
              "codegen": "unrolled"
            }
            """;

        Diagnostic warning = SingleWarning(DiagnosticAssert.RunJson(json), "BPG024");

        DiagnosticAssert.AtJson(warning, json, 5, 14, "\"unrolled\"");
        DiagnosticAssert.MessageContains(warning, "named locals", "more than 2,000 locals", "MinOpts", "\"codegen\": \"split\"");
        int locals = int.Parse(System.Text.RegularExpressions.Regex.Match(warning.GetMessage(), @"holds (\d+) named locals").Groups[1].Value);
        Assert.InRange(locals, 2_368 + 1, 10_000); // at least one dE/dw per weight, and more
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("split")]
    [InlineData("loops")]
    public void The_same_network_in_another_layout_has_no_warning(string codegen)
    {
        string json = $$"""
            { "inputs": 64, "layers": [ { "size": 32, "activation": "tanh" }, { "size": 10, "activation": "softmax" } ], "loss": "cross_entropy", "codegen": "{{codegen}}" }
            """;

        GeneratorRun run = DiagnosticAssert.RunJson(json);

        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void A_small_network_forced_unrolled_has_no_warning()
    {
        GeneratorRun run = DiagnosticAssert.RunJson(TestNetworks.MazurJson.Replace("\"loss\"", "\"codegen\": \"unrolled\", \"loss\"", StringComparison.Ordinal));

        Assert.Empty(run.GeneratorDiagnostics);
    }

    private static Diagnostic SingleWarning(GeneratorRun run, string id)
    {
        DiagnosticAssert.OnlyBpgErrors(run);
        Diagnostic warning = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, warning.Id);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("Net.g.cs", run.GeneratedSources.Keys);
        Assert.DoesNotContain("throw new global::System.InvalidOperationException", run.GeneratedSources["Net.g.cs"], StringComparison.Ordinal); // not the placeholder
        return warning;
    }
}
