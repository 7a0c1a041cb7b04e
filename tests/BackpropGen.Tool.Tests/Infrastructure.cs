using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using BackpropGen.Tool.Description;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace BackpropGen.Tool.Tests;

/// <summary>The checked-in models (copied next to the test assembly) and the tool run in-process.</summary>
public static class Models
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Models");

    public static string PathOf(string name) => Path.Combine(Folder, name + ".onnx");

    /// <summary>Runs the tool's command line in-process; returns the exit code and what it printed.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Cli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Imports a model into a fresh temporary folder and returns the description's text.</summary>
    public static string Import(string name, params string[] options)
    {
        string folder = Directory.CreateTempSubdirectory("backpropgen-import-").FullName;
        try
        {
            string output = Path.Combine(folder, name + ".json");
            (int code, string stdout, string stderr) = Run(new[] { "import", PathOf(name), "-o", output }.Concat(options).ToArray());
            Assert.True(code == 0, $"import {name} exited with {code}: {stderr}");
            Assert.Equal(string.Empty, stderr);
            Assert.Contains("wrote", stdout);
            return File.ReadAllText(output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>An AdditionalFiles item held in memory.</summary>
public sealed class InMemoryAdditionalText : AdditionalText
{
    private readonly SourceText _text;

    public InMemoryAdditionalText(string path, string text)
    {
        Path = path;
        _text = SourceText.From(text, Encoding.UTF8);
    }

    public override string Path { get; }

    public override SourceText GetText(System.Threading.CancellationToken cancellationToken = default) => _text;
}

/// <summary>Descriptions compiled in memory by the generator, as a consumer's build would, and loaded.</summary>
public static class Compiler
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, preprocessorSymbols: new[] { "NET", "NET8_0_OR_GREATER", "NET9_0_OR_GREATER", "NET10_0_OR_GREATER" });

    public static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return platform
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(BackpropGen.NetworkAttribute).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    /// <summary>Compiles each (class name, JSON) into one assembly; fails on any generator diagnostic or compiler warning.</summary>
    public static Assembly Compile(IReadOnlyList<(string ClassName, string Json)> networks, string assemblyName)
    {
        var source = new StringBuilder("namespace Imported;\n");
        var files = new List<AdditionalText>();
        foreach ((string className, string json) in networks)
        {
            source.Append($"[BackpropGen.Network(\"nets/{className}.json\")]\npublic partial class {className} {{ }}\n");
            files.Add(new InMemoryAdditionalText($"/project/nets/{className}.json", json));
        }

        var compilation = CSharpCompilation.Create(
            assemblyName,
            new[] { CSharpSyntaxTree.ParseText(source.ToString(), ParseOptions, path: "Networks.cs") },
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new BackpropGen.Generator.BackpropGenerator().AsSourceGenerator() }, files, ParseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        Assert.True(diagnostics.IsEmpty, "The generator reported:\n" + string.Join("\n", diagnostics.Take(20)));
        using var stream = new MemoryStream();
        var result = output.Emit(stream);
        var problems = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(result.Success && problems.Count == 0, "The generated code has errors or warnings:\n" + string.Join("\n", problems.Take(20)));
        return Assembly.Load(stream.ToArray());
    }

    /// <summary>Calls the static Predict (frozen) or a fresh instance's Forward (trainable) of <paramref name="type"/> on one row.</summary>
    public static double[] Run(Type type, double[] input, bool isFloat)
    {
        int outputs = (int)type.GetField("OutputCount")!.GetValue(null)!;
        MethodInfo? predict = type.GetMethod("Predict", BindingFlags.Public | BindingFlags.Static);
        MethodInfo method = predict ?? type.GetMethod("Forward", BindingFlags.Public | BindingFlags.Instance)!;
        object? target = predict is null ? Activator.CreateInstance(type) : null;
        Delegate Bind(Type delegateType) => target is null ? Delegate.CreateDelegate(delegateType, method) : Delegate.CreateDelegate(delegateType, target, method);
        // Span parameters cannot go through reflection: call through a delegate of the exact signature.
        if (isFloat)
        {
            var output = new float[outputs];
            var call = (SpanAction<float>)Bind(typeof(SpanAction<float>));
            call(input.Select(v => (float)v).ToArray(), output);
            return output.Select(v => (double)v).ToArray();
        }
        else
        {
            var output = new double[outputs];
            var call = (SpanAction<double>)Bind(typeof(SpanAction<double>));
            call(input, output);
            return output;
        }
    }

    public delegate void SpanAction<T>(ReadOnlySpan<T> input, Span<T> output);
}

/// <summary>ONNX Runtime on the same model: the reference.</summary>
public static class Reference
{
    /// <summary>Runs the model on rows (float or double, as the model's input wants); returns one array per row.</summary>
    public static double[][] Run(string modelPath, double[][] rows, string? outputName = null)
    {
        using var session = new InferenceSession(modelPath);
        string inputName = session.InputMetadata.Keys.Single();
        bool isDouble = session.InputMetadata[inputName].ElementDataType == TensorElementType.Double;
        int features = rows[0].Length;
        NamedOnnxValue value = isDouble
            ? NamedOnnxValue.CreateFromTensor(inputName, new DenseTensor<double>(rows.SelectMany(r => r).ToArray(), new[] { rows.Length, features }))
            : NamedOnnxValue.CreateFromTensor(inputName, new DenseTensor<float>(rows.SelectMany(r => r.Select(v => (float)v)).ToArray(), new[] { rows.Length, features }));
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run(new[] { value });
        DisposableNamedOnnxValue result = outputName is null ? results.Single() : results.Single(r => r.Name == outputName);
        double[] flat = isDouble
            ? result.AsEnumerable<double>().ToArray()
            : result.AsEnumerable<float>().Select(v => (double)v).ToArray();
        int outputs = flat.Length / rows.Length;
        return Enumerable.Range(0, rows.Length).Select(r => flat.Skip(r * outputs).Take(outputs).ToArray()).ToArray();
    }

    /// <summary>Seeded random rows, normal with standard deviation 2 (activations see both signs and their saturated ends).</summary>
    public static double[][] RandomRows(int seed, int count, int features)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        // Inputs are float values, so float and double networks and ONNX Runtime all see the very same numbers.
        return Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, features).Select(_ => (double)(float)(2 * Normal())).ToArray()).ToArray();
    }
}
