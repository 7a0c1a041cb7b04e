using System.Globalization;
using System.Reflection;

namespace BackpropGen.Tool.Tests;

/// <summary>
/// Every supported model under Models/, imported three ways (frozen float, frozen double, trainable), compiled by the
/// generator, and run on seeded random rows beside ONNX Runtime on the same .onnx file.
/// </summary>
public sealed class AgreementTests
{
    /// <summary>The models every importer path must reproduce (the Elu model waits for the elu activation: see EluTests).</summary>
    public static readonly string[] Supported =
    {
        "torch_relu_softmax", "torch_tanh_sigmoid_opset9", "torch_leakyrelu_softplus", "torch_nobias", "torch_flatten_dropout",
        "torch_two_linear", "torch_double_deep", "torch_digits_64_32_10", "keras_matmul_add", "keras_dropout_opset12_leaky",
        "keras_flatten_scalar_bias_opset9", "sklearn_mlpclassifier", "sklearn_mlpregressor_tanh_identity",
        "helper_gemm_alpha_beta_transb0", "helper_gemm_scalar_c", "sklearn_mlpclassifier_label_probabilities",
        "helper_constant_nodes",
    };

    /// <summary>The output to import (and compare) for models with several.</summary>
    private static string? GraphOutput(string model) => model == "sklearn_mlpclassifier_label_probabilities" ? "probabilities" : null;

    public static readonly string[] Flavors = { "frozen-float", "frozen-double", "trainable" };

    public static IEnumerable<object[]> Cases => Supported.SelectMany(m => Flavors.Select(f => new object[] { m, f }));

    private static readonly Lazy<(Assembly Assembly, Dictionary<string, string> Json)> Compiled = new(() =>
    {
        var networks = new List<(string, string)>();
        foreach (string model in Supported)
        {
            foreach (string flavor in Flavors)
            {
                networks.Add((ClassName(model, flavor), ImportAs(model, flavor)));
            }
        }

        return (Compiler.Compile(networks, "ImportedModels"), networks.ToDictionary(n => n.Item1, n => n.Item2));
    });

    private static string ClassName(string model, string flavor) =>
        string.Concat((model + "_" + flavor).Split('_', '-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    private static string ImportAs(string model, string flavor)
    {
        string[] options = flavor switch
        {
            "frozen-float" => new[] { "--numeric", "float" },
            "frozen-double" => new[] { "--numeric", "double" },
            _ => new[] { "--trainable" },
        };
        return Models.Import(model, GraphOutput(model) is string output ? options.Concat(new[] { "--graph-output", output }).ToArray() : options);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Predict_agrees_with_onnx_runtime(string model, string flavor)
    {
        (Assembly assembly, Dictionary<string, string> json) = Compiled.Value;
        string className = ClassName(model, flavor);
        Type type = assembly.GetType("Imported." + className, throwOnError: true)!;
        string description = json[className];
        bool isFloat = description.Contains("\"numeric\": \"float\"", StringComparison.Ordinal);
        Assert.Equal(flavor != "trainable", description.Contains("\"frozen\": true", StringComparison.Ordinal));
        Assert.Equal(flavor != "trainable", type.GetMethod("Predict", BindingFlags.Public | BindingFlags.Static) is not null);

        int inputs = (int)type.GetField("InputCount")!.GetValue(null)!;
        double[][] rows = Reference.RandomRows(Array.IndexOf(Supported, model) + 1, 48, inputs);
        double[][] expected = Reference.Run(Models.PathOf(model), rows, GraphOutput(model));
        AssertAgree(model, expected, rows.Select(r => Compiler.Run(type, r, isFloat)).ToArray());
    }

    /// <summary>
    /// Agreement to float32 rounding: ONNX Runtime computes in float and sums in its own order, so each output may
    /// differ by a few float ulps of the sums behind it; 2e-5 relative (about 170 ulps) with an absolute floor of 2e-5
    /// for outputs near 0. A wrong weight, bias, transposition or activation is off by far more (checked by
    /// A_wrong_network_fails_the_comparison).
    /// </summary>
    internal static void AssertAgree(string model, double[][] expected, double[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        for (int r = 0; r < expected.Length; r++)
        {
            Assert.Equal(expected[r].Length, actual[r].Length);
            for (int k = 0; k < expected[r].Length; k++)
            {
                double scale = Math.Max(1, Math.Abs(expected[r][k]));
                double difference = Math.Abs(expected[r][k] - actual[r][k]) / scale;
                Assert.False(double.IsNaN(actual[r][k]), $"{model}: row {r} output {k} is NaN");
                Assert.True(difference <= 2e-5, $"{model}: row {r} output {k}: ONNX Runtime {expected[r][k].ToString("R", CultureInfo.InvariantCulture)}, BackpropGen {actual[r][k].ToString("R", CultureInfo.InvariantCulture)}");
                worst = Math.Max(worst, difference);
            }
        }

        // The rows must exercise the network: not every output the same.
        Assert.True(expected.Select(e => e[0]).Distinct().Count() > expected.Length / 2, $"{model}: the random rows give nearly constant outputs");
    }

    [Fact]
    public void A_wrong_network_fails_the_comparison()
    {
        // The sklearn classifier's description with one weight changed in its 4th significant digit must not pass.
        string json = Models.Import("sklearn_mlpclassifier", "--numeric", "double");
        int start = json.IndexOf("\"weights\": [", StringComparison.Ordinal) + "\"weights\": [".Length;
        int end = json.IndexOf(',', start);
        double first = double.Parse(json[start..end], CultureInfo.InvariantCulture);
        string tampered = json[..start] + (first * 1.001).ToString("R", CultureInfo.InvariantCulture) + json[end..];
        Type type = Compiler.Compile(new[] { ("Tampered", tampered) }, "Tampered").GetType("Imported.Tampered", throwOnError: true)!;
        double[][] rows = Reference.RandomRows(99, 48, 4);
        double[][] expected = Reference.Run(Models.PathOf("sklearn_mlpclassifier"), rows);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertAgree("tampered", expected, rows.Select(r => Compiler.Run(type, r, isFloat: false)).ToArray()));
    }
}
