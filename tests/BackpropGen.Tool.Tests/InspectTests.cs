using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace BackpropGen.Tool.Tests;

/// <summary>"backpropgen inspect" on descriptions and ONNX models.</summary>
public sealed class InspectTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("backpropgen-inspect-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Field(string report, string name)
    {
        Match match = Regex.Match(report, "^  " + Regex.Escape(name) + ": +(.*)$", RegexOptions.Multiline);
        Assert.True(match.Success, $"no '{name}' line in:\n{report}");
        return match.Groups[1].Value;
    }

    /// <summary>The generated file's size, for a class and file named as inspect names them (the names are in the file).</summary>
    private static int GeneratedBytes(string json, string fileName)
    {
        var tree = CSharpSyntaxTree.ParseText($"[BackpropGen.Network(\"{fileName}\")] public partial class InspectedNetwork {{ }}");
        var compilation = CSharpCompilation.Create("Size", new[] { tree },
            Compiler.References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new BackpropGen.Generator.BackpropGenerator().AsSourceGenerator() },
            ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("/p/" + fileName, json)));
        driver = driver.RunGenerators(compilation);
        return Encoding.UTF8.GetByteCount(string.Concat(driver.GetRunResult().Results.Single().GeneratedSources.Select(s => s.SourceText.ToString())));
    }

    private string WriteTemp(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void An_onnx_model_reports_its_counts_bytes_layout_and_generated_sizes()
    {
        (int code, string report, string stderr) = Models.Run("inspect", Models.PathOf("torch_relu_softmax"));
        Assert.True(code == 0, stderr);
        Assert.Contains("ONNX model, torch_relu_softmax.onnx (pytorch 1.13.0, opset 13, float weights): 4-8-3 (relu, softmax)", report);
        Assert.Equal("4, 3", Field(report, "inputs, outputs"));
        Assert.Equal("67 (56 weights, 11 biases)", Field(report, "parameters"));
        Assert.Equal("268 bytes", Field(report, "parameters in float"));
        Assert.Equal("536 bytes", Field(report, "parameters in double"));
        Assert.Equal("56", Field(report, "multiply-adds per Predict"));
        Assert.StartsWith("unrolled (\"codegen\": \"auto\": 56 weights <= 1,000", Field(report, "layout"));
        int frozen = GeneratedBytes(Models.Import("torch_relu_softmax"), "torch_relu_softmax.json");
        int trainable = GeneratedBytes(Models.Import("torch_relu_softmax", "--trainable"), "torch_relu_softmax.json");
        Assert.Equal($"{frozen.ToString("N0", CultureInfo.InvariantCulture)} bytes frozen (Predict), {trainable.ToString("N0", CultureInfo.InvariantCulture)} bytes trainable",
            Field(report, "generated source"));
    }

    [Fact]
    public void A_large_model_is_laid_out_in_loops()
    {
        (int code, string report, _) = Models.Run("inspect", Models.PathOf("torch_digits_64_32_10"));
        Assert.Equal(0, code);
        Assert.Equal("2,410 (2,368 weights, 42 biases)", Field(report, "parameters"));
        Assert.Equal("9,640 bytes", Field(report, "parameters in float"));
        Assert.Equal("loops (\"codegen\": \"auto\": 2,368 weights > 1,000)", Field(report, "layout"));
    }

    [Fact]
    public void A_description_reports_the_same_as_its_model_and_honours_a_forced_layout()
    {
        string json = Models.Import("torch_double_deep");
        string path = WriteTemp("deep.json", json);
        (int code, string report, string stderr) = Models.Run("inspect", path);
        Assert.True(code == 0, stderr);
        Assert.Contains("BackpropGen description, 6-10-8-6-3 (tanh, relu, logistic, identity), double, frozen", report);
        Assert.Equal("233 (206 weights, 27 biases)", Field(report, "parameters"));
        Assert.Equal("1,864 bytes", Field(report, "parameters in double"));
        Assert.Equal("206", Field(report, "multiply-adds per Predict"));
        string onnxLayout = Field(Models.Run("inspect", Models.PathOf("torch_double_deep")).Stdout, "layout");
        Assert.Equal(onnxLayout, Field(report, "layout"));

        string forced = WriteTemp("forced.json", json.Replace("\"frozen\": true,", "\"frozen\": true, \"codegen\": \"unrolled\","));
        Assert.Equal("unrolled (\"codegen\": \"unrolled\" in the description)", Field(Models.Run("inspect", forced).Stdout, "layout"));

        string trainable = WriteTemp("mazur.json", "// the worked example\n{ \"inputs\": 2, \"layers\": [ { \"size\": 2, \"activation\": \"logistic\", \"bias\": \"shared\" }, { \"size\": 2, \"activation\": \"logistic\", \"bias\": \"shared\" } ] }");
        (int trainableCode, string trainableReport, _) = Models.Run("inspect", trainable);
        Assert.Equal(0, trainableCode);
        Assert.Equal("10 (8 weights, 2 biases)", Field(trainableReport, "parameters"));
        Assert.EndsWith("bytes (trainable class)", Field(trainableReport, "generated source"));
    }

    [Fact]
    public void A_description_with_errors_prints_the_generator_diagnostics_and_exits_1()
    {
        string path = WriteTemp("bad.json", "{\n  \"inputs\": 2,\n  \"layers\": [ { \"size\": 2, \"activation\": \"sigmoidal\" } ]\n}\n");
        (int code, string stdout, string stderr) = Models.Run("inspect", path);
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Matches(@"bad\.json\(3,\d+\): error BPG005: .*sigmoidal", stderr);
    }

    [Fact]
    public void A_refused_model_is_refused_by_inspect_too()
    {
        (int code, string stdout, string stderr) = Models.Run("inspect", Models.PathOf("refuse_residual"));
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("backpropgen: error: refuse_residual.onnx: tensor 'input' feeds 2 nodes", stderr);
    }
}
