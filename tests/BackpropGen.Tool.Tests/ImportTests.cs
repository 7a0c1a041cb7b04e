using System.Globalization;
using System.Text.RegularExpressions;

namespace BackpropGen.Tool.Tests;

/// <summary>What the importer writes: layers, biases, numbers, determinism.</summary>
public sealed class ImportTests
{
    private static string[] Layers(string json) =>
        Regex.Matches(json, "\\{ \"size\": [^}]*\\}").Select(m => m.Value).ToArray();

    private static double[] Numbers(string json, string key)
    {
        Match match = Regex.Match(json, "\"" + key + "\": \\[([^\\]]*)\\]");
        Assert.True(match.Success, key + " not found");
        return match.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
    }

    [Fact]
    public void Torch_gemm_layers_become_per_neuron_layers_with_their_activations()
    {
        string json = Models.Import("torch_relu_softmax");
        Assert.Equal(new[]
        {
            "{ \"size\": 8, \"activation\": \"relu\", \"bias\": \"per_neuron\" }",
            "{ \"size\": 3, \"activation\": \"softmax\", \"bias\": \"per_neuron\" }",
        }, Layers(json));
        Assert.Contains("\"inputs\": 4,", json);
        Assert.Equal(4 * 8 + 8 * 3, Numbers(json, "weights").Length);
        Assert.Equal(8 + 3, Numbers(json, "biases").Length);
    }

    [Fact]
    public void Bias_free_layers_scalar_biases_and_identity_layers()
    {
        Assert.All(Layers(Models.Import("torch_nobias")), l => Assert.Contains("\"bias\": \"none\"", l));
        Assert.Empty(Numbers(Models.Import("torch_nobias"), "biases"));
        Assert.Equal(new[]
        {
            "{ \"size\": 5, \"activation\": \"logistic\", \"bias\": \"shared\" }",
            "{ \"size\": 3, \"activation\": \"identity\", \"bias\": \"none\" }",
        }, Layers(Models.Import("keras_flatten_scalar_bias_opset9")));
        Assert.Equal(new[] { 0.4 }, Numbers(Models.Import("keras_flatten_scalar_bias_opset9"), "biases"));
        Assert.Contains("\"bias\": \"shared\"", Models.Import("helper_gemm_scalar_c"));
        // Two Linear layers with nothing between them: the first becomes an identity layer.
        Assert.Equal(new[] { "identity", "relu", "identity" },
            Layers(Models.Import("torch_two_linear")).Select(l => Regex.Match(l, "\"activation\": \"(\\w+)\"").Groups[1].Value));
    }

    [Fact]
    public void Leaky_relu_and_elu_keep_their_alpha()
    {
        Assert.Contains("{ \"size\": 7, \"activation\": \"leaky_relu\", \"alpha\": 0.2, \"bias\": \"per_neuron\" }", Models.Import("torch_leakyrelu_softplus"));
        Assert.Contains("{ \"size\": 2, \"activation\": \"leaky_relu\", \"alpha\": 0.1, \"bias\": \"per_neuron\" }", Models.Import("keras_dropout_opset12_leaky"));
        Assert.Contains("{ \"size\": 5, \"activation\": \"elu\", \"alpha\": 0.5, \"bias\": \"per_neuron\" }", Models.Import("torch_elu"));
        // In a double description, alpha is the exact value of the model's float32 attribute.
        Assert.Contains("\"alpha\": 0.20000000298023224", Models.Import("torch_leakyrelu_softplus", "--numeric", "double"));
    }

    [Fact]
    public void Numeric_defaults_to_the_model_element_type()
    {
        Assert.Contains("\"numeric\": \"float\"", Models.Import("torch_relu_softmax"));
        Assert.Contains("\"numeric\": \"double\"", Models.Import("torch_double_deep"));
        Assert.Contains("\"numeric\": \"float\"", Models.Import("torch_double_deep", "--numeric", "float"));
    }

    [Fact]
    public void Trainable_descriptions_have_a_loss_and_no_frozen_key()
    {
        string classifier = Models.Import("torch_relu_softmax", "--trainable");
        Assert.DoesNotContain("frozen", classifier.Split('\n').Where(l => !l.StartsWith("//", StringComparison.Ordinal)));
        Assert.Contains("\"loss\": \"cross_entropy\"", classifier);
        Assert.Contains("--trainable", classifier.Split('\n')[2]);
        Assert.Contains("\"loss\": \"mean_squared_error\"", Models.Import("sklearn_mlpregressor_tanh_identity", "--trainable"));
    }

    [Fact]
    public void Float_and_double_descriptions_hold_the_same_float32_parameters_exactly()
    {
        foreach (string model in new[] { "torch_relu_softmax", "keras_matmul_add", "helper_gemm_alpha_beta_transb0" })
        {
            foreach (string key in new[] { "weights", "biases" })
            {
                double[] asFloat = Numbers(Models.Import(model, "--numeric", "float"), key);
                double[] asDouble = Numbers(Models.Import(model, "--numeric", "double"), key);
                Assert.Equal(asDouble.Length, asFloat.Length);
                for (int i = 0; i < asFloat.Length; i++)
                {
                    // The double text is the float32 value exactly; the float text is the shortest that rounds back to it.
                    Assert.Equal(asDouble[i], (double)(float)asDouble[i]);
                    Assert.Equal((float)asDouble[i], (float)asFloat[i]);
                }
            }
        }
    }

    [Fact]
    public void The_output_is_the_same_bytes_every_time_and_in_every_culture()
    {
        string first = Models.Import("torch_digits_64_32_10");
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal(first, Models.Import("torch_digits_64_32_10"));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        Assert.Equal(first, Models.Import("torch_digits_64_32_10"));
        Assert.DoesNotContain(Path.GetTempPath(), first);
        Assert.StartsWith("// Imported from torch_digits_64_32_10.onnx (pytorch 1.13.0, opset 13, float weights): 64-32-10 (relu, softmax).\n", first);
    }

    [Fact]
    public void An_existing_output_file_is_replaced_whole()
    {
        string folder = Directory.CreateTempSubdirectory("backpropgen-replace-").FullName;
        try
        {
            string output = Path.Combine(folder, "net.json");
            File.WriteAllText(output, new string('x', 100_000));
            Assert.Equal(0, Models.Run("import", Models.PathOf("torch_nobias"), "-o", output).ExitCode);
            Assert.Equal(Models.Import("torch_nobias").Replace("torch_nobias.json", "net.json"), File.ReadAllText(output));
            Assert.Equal(new[] { "net.json" }, Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
