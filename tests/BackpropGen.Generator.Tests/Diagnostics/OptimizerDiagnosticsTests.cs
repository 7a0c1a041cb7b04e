using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace BackpropGen.Generator.Tests.Diagnostics;

/// <summary>Bad optimizer settings, from JSON and from [Optimizer]: one BPG error each, at the value that is wrong.</summary>
public class OptimizerDiagnosticsTests
{
    private const string Layers = "\"inputs\": 2, \"layers\": [ { \"size\": 2, \"activation\": \"tanh\" } ],\n";

    [Theory]
    [InlineData("""{ "type": "sgd", "momentum": -0.5 }""", "-0.5", "\"optimizer.momentum\" must be a finite number of at least 0, but is -0.5")]
    [InlineData("""{ "type": "sgd", "weightDecay": -1 }""", "-1", "\"optimizer.weightDecay\" must be a finite number of at least 0, but is -1")]
    [InlineData("""{ "type": "adam", "beta1": 1 }""", "1", "\"optimizer.beta1\" must be at least 0 and less than 1, but is 1")]
    [InlineData("""{ "type": "adamw", "beta2": -0.1 }""", "-0.1", "\"optimizer.beta2\" must be at least 0 and less than 1, but is -0.1")]
    [InlineData("""{ "type": "adam", "epsilon": 0 }""", "0", "\"optimizer.epsilon\" must be a finite number above 0")]
    [InlineData("""{ "type": "adam", "epsilon": -1e-8 }""", "-1e-8", "\"optimizer.epsilon\" must be a finite number above 0")]
    public void Out_of_range_settings_are_BPG007_at_the_value(string optimizer, string value, string message)
    {
        string json = "{ " + Layers + "\"optimizer\": " + optimizer + " }";
        Diagnostic error = Error(json, "BPG007", value);
        DiagnosticAssert.MessageContains(error, message);
    }

    [Fact]
    public void Nesterov_without_momentum_is_BPG030_at_nesterov()
    {
        string json = "{ " + Layers + "\"optimizer\": { \"type\": \"sgd\", \"nesterov\": true } }";
        Diagnostic error = Error(json, "BPG030", "true");
        DiagnosticAssert.MessageContains(error, "Nesterov momentum needs a momentum above 0", "add \"momentum\"");
    }

    [Fact]
    public void An_unknown_optimizer_type_is_BPG005_with_a_suggestion()
    {
        string json = "{ " + Layers + "\"optimizer\": { \"type\": \"adan\" } }";
        Diagnostic error = Error(json, "BPG005", "\"adan\"");
        DiagnosticAssert.MessageContains(error, "Unknown optimizer \"adan\"", "did you mean \"adam\"?", "sgd, adam, adamw");
    }

    [Fact]
    public void A_key_the_optimizer_type_does_not_take_is_BPG004()
    {
        string json = "{ " + Layers + "\"optimizer\": { \"type\": \"sgd\", \"beta1\": 0.9 } }";
        Diagnostic error = Error(json, "BPG004", "\"beta1\"");
        DiagnosticAssert.MessageContains(error, "Unknown key \"beta1\" in \"optimizer\" of type \"sgd\"", "momentum, nesterov, weightDecay");
    }

    [Fact]
    public void A_missing_type_is_BPG008()
    {
        string json = "{ " + Layers + "\"optimizer\": { \"momentum\": 0.9 } }";
        Diagnostic error = Error(json, "BPG008", "{");
        DiagnosticAssert.MessageContains(error, "key \"type\"", "\"optimizer\"");
    }

    [Fact]
    public void On_a_frozen_network_the_optimizer_is_accepted_and_ignored()
    {
        string json = """
            { "inputs": 1, "layers": [ { "size": 1, "activation": "identity" } ], "frozen": true,
              "optimizer": { "type": "adam" }, "initial": { "weights": [2], "biases": [1] } }
            """;
        GeneratorRun run = GeneratorHarness.Run("[BackpropGen.Network(\"f.json\")] public static partial class F { }", ("/p/f.json", json));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Theory]
    [InlineData("[Optimizer(OptimizerKind.Sgd, Momentum = -1)]", "BPG007", "Momentum = -1", "Momentum of [Optimizer] must be a finite number of at least 0, but is -1")]
    [InlineData("[Optimizer(OptimizerKind.Adam, Beta2 = 1.5)]", "BPG007", "Beta2 = 1.5", "Beta2 of [Optimizer] must be at least 0 and less than 1, but is 1.5")]
    [InlineData("[Optimizer(OptimizerKind.AdamW, Epsilon = 0)]", "BPG007", "Epsilon = 0", "Epsilon of [Optimizer] must be a finite number above 0")]
    [InlineData("[Optimizer(OptimizerKind.Adam, WeightDecay = double.PositiveInfinity)]", "BPG007", "WeightDecay = double.PositiveInfinity", "WeightDecay of [Optimizer] must be a finite number of at least 0, but is Infinity")]
    [InlineData("[Optimizer(OptimizerKind.Sgd, Nesterov = true)]", "BPG030", "Nesterov = true", "set Momentum")]
    [InlineData("[Optimizer(OptimizerKind.Sgd, Beta1 = 0.9)]", "BPG004", "Beta1 = 0.9", "OptimizerKind.Sgd takes Momentum, Nesterov, WeightDecay")]
    [InlineData("[Optimizer((OptimizerKind)7)]", "BPG005", "(OptimizerKind)7", "OptimizerKind.Sgd, OptimizerKind.Adam, OptimizerKind.AdamW")]
    public void Attribute_mistakes_are_located_at_the_argument(string optimizer, string id, string underlined, string message)
    {
        string source = "using BackpropGen;\n\n[Network(Inputs = 2)]\n[Layer(2, Activation.Tanh)]\n" + optimizer + "\npublic partial class Net { }\n";
        GeneratorRun run = GeneratorHarness.Run(source);
        Diagnostic error = DiagnosticAssert.Single(run, id);
        DiagnosticAssert.AtSource(error, source, underlined);
        DiagnosticAssert.MessageContains(error, message);
    }

    [Fact]
    public void An_optimizer_attribute_without_network_is_BPG027()
    {
        GeneratorRun run = GeneratorHarness.Run("using BackpropGen;\n[Optimizer(OptimizerKind.Adam)]\npublic partial class Lonely { }\n");
        Assert.Equal("BPG027", Assert.Single(run.GeneratorDiagnostics).Id);
    }

    private static Diagnostic Error(string json, string id, string underlined)
    {
        GeneratorRun run = GeneratorHarness.Run(DiagnosticAssert.JsonSource, (DiagnosticAssert.JsonPath, json));
        Diagnostic error = DiagnosticAssert.Single(run, id);
        // The value after its key (": value"), or the token itself when it is a key or a brace.
        int optimizer = json.IndexOf("\"optimizer\"", StringComparison.Ordinal);
        int afterColon = json.IndexOf(": " + underlined, optimizer, StringComparison.Ordinal);
        int at = underlined.StartsWith('"') || underlined == "{" ? json.IndexOf(underlined, optimizer + 11, StringComparison.Ordinal) : afterColon + 2;
        string before = json.Substring(0, at);
        DiagnosticAssert.AtJson(error, json, before.Count(c => c == '\n') + 1, at - before.LastIndexOf('\n'), underlined);
        return error;
    }
}
