using System.Reflection;
using BackpropGen.Generator.Tests.Infrastructure;

namespace BackpropGen.Generator.Tests.Generation;

/// <summary>Train, export the description, compile it frozen: the frozen Predict answers bit for bit like the trained network.</summary>
public class ExportRoundTripTests
{
    private const string TrainableJson = """
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
        """;

    [Theory]
    [InlineData("double", "unrolled")]
    [InlineData("float", "unrolled")]
    [InlineData("double", "loops")]
    [InlineData("float", "loops")]
    [InlineData("double", "split")]
    [InlineData("float", "split")]
    public void Exported_description_compiles_frozen_and_predicts_bit_for_bit(string numeric, string codegen)
    {
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

                public static {{t}}[] Forward({{t}}[] x)
                {
                    var output = new {{t}}[Net.OutputCount];
                    Trained.Forward(x, output);
                    return output;
                }
            }
            """;
        GeneratorRun trainer = GeneratorHarness.Run(trainerSource, ("/p/net.json", TrainableJson.Replace("NUMERIC", numeric).Replace("CODEGEN", codegen)));
        Assert.Empty(trainer.GeneratorDiagnostics);
        Type trainerDriver = GeneratorHarness.EmitAndLoad(trainer.OutputCompilation).GetType("Driver")!;
        string exported = (string)trainerDriver.GetMethod("Export")!.Invoke(null, null)!;

        Assert.Contains("\"initial\"", exported);
        string frozenJson = "{\n  \"frozen\": true, \"codegen\": \"" + codegen + "\"," + exported.Substring(1);
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

    private static object Invoke(Type type, string method, object input) =>
        type.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, new[] { input })!;

    private static long[] Bits(Array values) =>
        values.Cast<object>().Select(v => v is float f ? BitConverter.SingleToInt32Bits(f) : BitConverter.DoubleToInt64Bits((double)v)).ToArray();
}
