using System.Diagnostics;

namespace BackpropGen.Tool.Tests;

/// <summary>Every refusal: exit code 1, one line on stderr naming the node, its operator and what is supported, no file.</summary>
public sealed class RefusalTests
{
    public static IEnumerable<object[]> Refused => new[]
    {
        // model, fragments the one-line message must contain
        new object[] { "refuse_conv", new[] { "node '/0/Conv' (Conv)", "Conv is not supported", "supported: Gemm, MatMul" } },
        new object[] { "refuse_logsoftmax", new[] { "node '/1/LogSoftmax' (LogSoftmax)", "not supported", "Softmax (last axis, output layer)" } },
        new object[] { "refuse_residual", new[] { "tensor 'input' feeds 2 nodes", "'/a/Gemm' (Gemm)", "'/Add' (Add)", "not a simple chain" } },
        new object[] { "refuse_softmax_hidden", new[] { "node '/1/Softmax' (Softmax)", "followed by node '/2/Gemm' (Gemm)", "Softmax on the output layer only" } },
        new object[] { "refuse_softmax_axis0", new[] { "node 'softmax' (Softmax)", "axis 0", "supported: Softmax on the last axis" } },
        new object[] { "refuse_missing_initializer", new[] { "node 'dense/MatMul' (MatMul)", "weight 'weights' is a graph input, not an initializer", "missing initializer" } },
        new object[] { "refuse_two_inputs", new[] { "node 'add_other' (Add)", "'other' is a graph input", "missing initializer" } },
        new object[] { "refuse_rank3_input", new[] { "node 'dense/MatMul' (MatMul)", "[N, T, 3]", "shape the importer cannot follow" } },
        new object[] { "refuse_flatten_4d", new[] { "node 'flatten' (Flatten)", "[N, 1, 2, 2]", "supported: Flatten of a 2-D input" } },
        new object[] { "refuse_gemm_transa", new[] { "node 'gemm' (Gemm)", "transA = 1", "supported: Gemm with transA = 0" } },
        new object[] { "refuse_weight_shape", new[] { "node 'dense/BiasAdd' (Add)", "bias of shape [5] for a layer of 4 neurons", "supported: a bias of shape [4]" } },
        new object[] { "refuse_relu_on_input", new[] { "node 'relu_first' (Relu)", "does not follow a Gemm or MatMul", "supported:" } },
        new object[] { "refuse_opset8", new[] { "opset 8 is older than 9", "re-export", "supported:" } },
        new object[] { "refuse_int_weights", new[] { "graph input 'input' has element type INT32", "supported: float, double" } },
        new object[] { "refuse_not_onnx", new[] { "refuse_not_onnx.onnx is not an ONNX model" } },
        new object[] { "refuse_dropout_training", new[] { "node 'dropout_training' (Dropout)", "training_mode = true is not an inference no-op" } },
        new object[] { "refuse_output_shape", new[] { "graph output 'output' is declared [N, 5] but the chain gives 2 values per row", "supported:" } },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Unsupported_models_are_refused_in_one_line_without_a_file(string model, string[] fragments)
    {
        AssertRefused(Models.PathOf(model), fragments);
    }

    [Fact]
    public void A_model_with_several_outputs_needs_graph_output_naming_one_it_can_follow()
    {
        string model = Models.PathOf("sklearn_mlpclassifier_label_probabilities");
        AssertRefused(model, new[] { "the graph has 2 outputs (label, probabilities)", "--graph-output NAME" });
        AssertRefused(model, new[] { "the graph has no output 'proba'", "its outputs: label, probabilities" }, "--graph-output", "proba");
        AssertRefused(model, new[] { "node 'ArgMax' (ArgMax)", "ArgMax is not supported", "supported: Gemm" }, "--graph-output", "label");
    }

    [Fact]
    public void Files_that_are_not_onnx_are_refused()
    {
        string folder = Directory.CreateTempSubdirectory("backpropgen-notonnx-").FullName;
        try
        {
            string empty = Path.Combine(folder, "empty.onnx");
            File.WriteAllBytes(empty, Array.Empty<byte>());
            AssertRefused(empty, new[] { "empty.onnx is not an ONNX model" });

            string noise = Path.Combine(folder, "noise.onnx");
            var random = new Random(7);
            var bytes = new byte[4096];
            random.NextBytes(bytes);
            File.WriteAllBytes(noise, bytes);
            AssertRefused(noise, new[] { "noise.onnx is not an ONNX model" });

            // A valid ONNX prefix cut short (a truncated download).
            string truncated = Path.Combine(folder, "truncated.onnx");
            byte[] whole = File.ReadAllBytes(Models.PathOf("torch_relu_softmax"));
            File.WriteAllBytes(truncated, whole[..(whole.Length / 2)]);
            AssertRefused(truncated, new[] { "truncated.onnx is not an ONNX model" });

            AssertRefused(Path.Combine(folder, "missing.onnx"), new[] { "cannot read", "missing.onnx" });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Imports <paramref name="model"/> over an existing file: it must stay as it was, with no temporary file left beside it.</summary>
    private static void AssertRefused(string model, string[] fragments, params string[] options)
    {
        string folder = Directory.CreateTempSubdirectory("backpropgen-refused-").FullName;
        try
        {
            string fresh = Path.Combine(folder, "fresh.json");
            (int code, string stdout, string stderr) = Models.Run(new[] { "import", model, "-o", fresh }.Concat(options).ToArray());
            Assert.Equal(1, code);
            Assert.Equal(string.Empty, stdout);
            Assert.False(File.Exists(fresh), "an output file was written");
            string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("backpropgen: error: ", line);
            foreach (string fragment in fragments)
            {
                Assert.Contains(fragment, line);
            }

            Assert.DoesNotContain("   at ", stderr);
            Assert.DoesNotContain("Exception", stderr);

            string existing = Path.Combine(folder, "existing.json");
            File.WriteAllText(existing, "{ \"old\": true }");
            Assert.Equal(1, Models.Run(new[] { "import", model, "-o", existing }.Concat(options).ToArray()).ExitCode);
            Assert.Equal("{ \"old\": true }", File.ReadAllText(existing));
            Assert.Equal(new[] { "existing.json" }, Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(new string[0], "usage:")]
    [InlineData(new[] { "convert", "x.onnx" }, "unknown command 'convert'")]
    [InlineData(new[] { "import", "x.onnx" }, "import needs -o <net.json>")]
    [InlineData(new[] { "import", "-o", "net.json" }, "import needs a model file")]
    [InlineData(new[] { "import", "x.onnx", "-o", "net.json", "--numeric", "half" }, "--numeric takes float or double")]
    [InlineData(new[] { "import", "x.onnx", "-o", "net.json", "--frozen" }, "unexpected argument '--frozen'")]
    [InlineData(new[] { "inspect" }, "inspect takes one file")]
    public void Command_line_mistakes_exit_with_2_and_the_usage(string[] args, string message)
    {
        (int code, string stdout, string stderr) = Models.Run(args);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains(message, stderr);
        Assert.Contains("backpropgen import <model.onnx> -o <net.json>", stderr);
    }

    [Fact]
    public void The_installed_command_exits_non_zero_without_a_stack_trace()
    {
        // The tool as a process (dotnet BackpropGen.Tool.dll, what the .NET tool shim runs).
        string folder = Directory.CreateTempSubdirectory("backpropgen-process-").FullName;
        try
        {
            string output = Path.Combine(folder, "net.json");
            (int refused, string refusedErr) = RunProcess("import", Models.PathOf("refuse_conv"), "-o", output);
            Assert.Equal(1, refused);
            Assert.StartsWith("backpropgen: error: refuse_conv.onnx: node '/0/Conv' (Conv)", refusedErr);
            Assert.Single(refusedErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.False(File.Exists(output));

            (int ok, string okErr) = RunProcess("import", Models.PathOf("torch_relu_softmax"), "-o", output);
            Assert.True(ok == 0, okErr);
            Assert.Equal(Models.Import("torch_relu_softmax").Replace("torch_relu_softmax.json", "net.json"), File.ReadAllText(output));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (int ExitCode, string Stderr) RunProcess(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(Cli).Assembly.Location);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        System.Threading.Tasks.Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = stdout.Result;
        return (process.ExitCode, stderr);
    }
}
