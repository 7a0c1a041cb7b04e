using System.Reflection;
using BackpropGen.Generator.Model;
using BackpropGen.Generator.Parsing;
using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Text;

namespace BackpropGen.Generator.Tests.Generation;

/// <summary>
/// Train, export the description, compile it frozen: the export is the whole description (parsed, it equals the original
/// but for the parameters), and the frozen Predict answers bit for bit like the trained network, in every layout.
/// </summary>
public class ExportRoundTripTests
{
    /// <summary>Two option mixes; each runs in every layout and numeric type.</summary>
    private static readonly string[] Mixes =
    {
        """
        {
          "inputs": 3,
          "layers": [
            { "size": 5, "activation": "tanh" },
            { "size": 4, "activation": "leaky_relu", "alpha": 0.05, "bias": "shared" },
            { "size": 3, "activation": "softmax", "bias": "none" }
          ],
          "loss": "cross_entropy",
          "numeric": "NUMERIC",
          "codegen": "CODEGEN",
          "seed": 5
        }
        """,
        """
        {
          "inputs": 3,
          "layers": [
            { "size": 4, "activation": "elu", "alpha": 0.5 },
            { "size": 3, "activation": "silu", "bias": "shared" },
            { "size": 3, "activation": "logistic", "bias": "shared" }
          ],
          "loss": "mean_squared_error",
          "numeric": "NUMERIC",
          "codegen": "CODEGEN",
          "trainBiases": false,
          "optimizer": { "type": "adam", "beta1": 0.8, "weightDecay": 0.001 },
          "seed": 6
        }
        """,
    };

    public static TheoryData<int, string, string> Cases()
    {
        var cases = new TheoryData<int, string, string>();
        for (int mix = 0; mix < Mixes.Length; mix++)
        {
            foreach (string numeric in new[] { "double", "float" })
            {
                foreach (string codegen in new[] { "auto", "unrolled", "split", "loops" })
                {
                    cases.Add(mix, numeric, codegen);
                }
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Exported_description_is_whole_and_compiles_frozen_to_predict_bit_for_bit(int mix, string numeric, string codegen)
    {
        string trainableJson = Mixes[mix].Replace("NUMERIC", numeric).Replace("CODEGEN", codegen);
        string t = numeric;
        string trainerSource = $$"""
            [BackpropGen.Network("net.json")]
            public partial class Net { }

            public static class Driver
            {
                private static readonly Net Trained = Train();

                private static Net Train()
                {
                    var net = new Net();
                    var random = new System.Random(3);
                    for (int step = 0; step < 500; step++)
                    {
                        {{t}}[] x = { ({{t}})random.NextDouble(), ({{t}})random.NextDouble(), ({{t}})random.NextDouble() };
                        {{t}}[] target = new {{t}}[3];
                        target[(int)(x[0] * 3) % 3] = 1;
                        net.TrainStep(x, target, ({{t}})0.1);
                    }

                    return net;
                }

                public static string Export() => Trained.ToDescriptionJson();

                public static string ExportFrozen() => Trained.ToDescriptionJson(frozen: true);

                public static {{t}}[] Forward({{t}}[] x)
                {
                    var output = new {{t}}[Net.OutputCount];
                    Trained.Forward(x, output);
                    return output;
                }
            }
            """;
        GeneratorRun trainer = GeneratorHarness.Run(trainerSource, ("/p/net.json", trainableJson));
        Assert.Empty(trainer.GeneratorDiagnostics);
        Type trainerDriver = GeneratorHarness.EmitAndLoad(trainer.OutputCompilation).GetType("Driver")!;
        string exported = (string)trainerDriver.GetMethod("Export")!.Invoke(null, null)!;
        string frozenJson = (string)trainerDriver.GetMethod("ExportFrozen")!.Invoke(null, null)!;

        // Whole descriptions: the export differs from the original only in the parameters it carries (seed then plays no part).
        NetworkDescription original = Parse(trainableJson);
        NetworkDescription reread = Parse(exported);
        Assert.NotNull(reread.InitialWeights);
        Assert.Equal(original with { InitialWeights = reread.InitialWeights, InitialBiases = reread.InitialBiases, Seed = reread.Seed }, reread);
        Assert.Equal(reread with { Frozen = true }, Parse(frozenJson));
        string frozenSource = $$"""
            [BackpropGen.Network("exported.json")]
            public static partial class Frozen { }

            public static class Driver
            {
                public static {{t}}[] Predict({{t}}[] x)
                {
                    var output = new {{t}}[Frozen.OutputCount];
                    Frozen.Predict(x, output);
                    return output;
                }
            }
            """;
        GeneratorRun frozen = GeneratorHarness.Run(frozenSource, ("/p/exported.json", frozenJson));
        Assert.Empty(frozen.GeneratorDiagnostics);
        Assert.Empty(frozen.CompilationDiagnostics);
        Type frozenDriver = GeneratorHarness.EmitAndLoad(frozen.OutputCompilation).GetType("Driver")!;

        var random = new Random(99);
        for (int i = 0; i < 200; i++)
        {
            double[] values = { (random.NextDouble() * 4) - 2, (random.NextDouble() * 4) - 2, (random.NextDouble() * 4) - 2 };
            object input = numeric == "float" ? values.Select(v => (float)v).ToArray() : values;
            var expected = (Array)Invoke(trainerDriver, "Forward", input);
            var actual = (Array)Invoke(frozenDriver, "Predict", input);
            Assert.Equal(Bits(expected), Bits(actual));
        }
    }

    [Fact]
    public void A_frozen_description_without_initial_values_is_a_BPG021_error()
    {
        GeneratorRun run = GeneratorHarness.Run(
            "[BackpropGen.Network(\"f.json\")] public static partial class F { }",
            ("/p/f.json", """{ "frozen": true, "inputs": 2, "layers": [ { "size": 1, "activation": "identity" } ], "initial": { "weights": [1, 2] } }"""));

        var error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("BPG021", error.Id);
        Assert.Contains("initial biases are missing", error.GetMessage());
    }

    private static NetworkDescription Parse(string json)
    {
        var (description, diagnostics, _) = JsonDescriptionParser.Parse("/p/d.json", SourceText.From(json), default);
        Assert.Empty(diagnostics);
        return description!;
    }

    private static object Invoke(Type type, string method, object input) =>
        type.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, new[] { input })!;

    private static long[] Bits(Array values) =>
        values.Cast<object>().Select(v => v is float f ? BitConverter.SingleToInt32Bits(f) : BitConverter.DoubleToInt64Bits((double)v)).ToArray();
}
