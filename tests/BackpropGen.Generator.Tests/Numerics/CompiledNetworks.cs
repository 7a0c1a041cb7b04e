using System.Reflection;
using System.Text;
using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace BackpropGen.Generator.Tests.Numerics;

/// <summary>
/// Many networks generated and compiled together: one JSON file and one partial class per network, plus an adapter
/// to <see cref="IGradientCheckable"/> for each. One compilation for all of them keeps the suite fast.
/// </summary>
public sealed class CompiledNetworks
{
    private const string Namespace = "NumericsUnderTest";

    /// <summary>
    /// Compiling megabytes of unrolled code is what makes these tests slow. Two analyses that cannot change the IL are
    /// skipped: nullable analysis (GeneratorDriverTests checks the generated code's nullable warnings) and structured
    /// parsing of XML doc comments. This cuts the compile time by about a third.
    /// </summary>
    private static readonly CSharpParseOptions FastParseOptions = GeneratorHarness.ParseOptions
        .WithDocumentationMode(DocumentationMode.None)
        .WithFeatures(new[] { new KeyValuePair<string, string>("run-nullable-analysis", "never") });

    private readonly Dictionary<string, (NetworkSpec Spec, Type Adapter)> _networks;

    private CompiledNetworks(GeneratorRun run, Dictionary<string, (NetworkSpec, Type)> networks)
    {
        Run = run;
        _networks = networks;
    }

    public GeneratorRun Run { get; }

    /// <summary>Runs the generator over all <paramref name="specs"/> at once; fails if it reports anything or its output does not compile cleanly.</summary>
    public static CompiledNetworks Compile(IReadOnlyList<NetworkSpec> specs, string assemblyName)
    {
        var source = new StringBuilder($"namespace {Namespace};\n\n").Append(AdapterSupport);
        var files = new List<AdditionalText>();
        for (int i = 0; i < specs.Count; i++)
        {
            string className = "Net" + i;
            source.Append($"[BackpropGen.Network(\"nets/{className}.json\")]\npublic partial class {className} {{ }}\n\n");
            source.Append(Adapter(className, specs[i].IsFloat ? "float" : "double"));
            files.Add(new InMemoryAdditionalText($"/project/nets/{className}.json", specs[i].ToJson()));
        }

        var reference = MetadataReference.CreateFromFile(typeof(IGradientCheckable).Assembly.Location);
        var compilation = GeneratorHarness.CreateCompilation(Array.Empty<string>(), new[] { reference }, assemblyName)
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText(source.ToString(), FastParseOptions, path: "Networks.cs"));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new BackpropGenerator().AsSourceGenerator() }, files, FastParseOptions);
        GeneratorRun run = GeneratorHarness.Run(driver, compilation);
        // BPG023 (a shared bias on a softmax output never learns) is expected: the matrix checks that zero gradient too.
        var reported = run.GeneratorDiagnostics.Where(d => d.Id != "BPG023").ToList();
        Assert.True(reported.Count == 0, "The generator reported:\n" + string.Join("\n", reported.Take(20)));
        Assembly assembly = EmitWithoutWarnings(run.OutputCompilation);

        var networks = specs.Select((spec, i) => (spec, assembly.GetType($"{Namespace}.Net{i}Adapter", throwOnError: true)!))
            .ToDictionary(n => n.spec.Name, n => (n.spec, n.Item2));
        return new CompiledNetworks(run, networks);
    }

    /// <summary>
    /// Emits and loads, failing on any error or warning. Emit reports the same diagnostics as GetDiagnostics,
    /// and asking for both would bind every (large, unrolled) method body twice.
    /// </summary>
    private static Assembly EmitWithoutWarnings(Compilation compilation)
    {
        using var stream = new MemoryStream();
        EmitResult result = compilation.Emit(stream);
        var problems = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(result.Success && problems.Count == 0, "The output has errors or warnings:\n" + string.Join("\n", problems.Take(20)));
        return Assembly.Load(stream.ToArray());
    }

    public NetworkSpec Spec(string name) => _networks[name].Spec;

    /// <summary>A fresh instance of the named network (with its generated initial parameters).</summary>
    public IGradientCheckable Create(string name) => (IGradientCheckable)Activator.CreateInstance(_networks[name].Adapter)!;

    private const string AdapterSupport = """
        internal static class Cast
        {
            public static double[] ToDouble(double[] values) => values;

            public static float[] ToFloat(double[] values) => global::System.Array.ConvertAll(values, v => (float)v);

            public static void Widen(double[] source, double[] destination) => global::System.Array.Copy(source, destination, source.Length);

            public static void Widen(float[] source, double[] destination)
            {
                for (int i = 0; i < source.Length; i++) destination[i] = source[i];
            }
        }


        """;

    private static string Adapter(string net, string t)
    {
        string to = t == "float" ? "Cast.ToFloat" : "Cast.ToDouble";
        return $$"""
            public sealed class {{net}}Adapter : global::BackpropGen.Generator.Tests.Numerics.IGradientCheckable
            {
                private readonly {{net}} _net = new {{net}}();
                public int InputCount => {{net}}.InputCount;
                public int OutputCount => {{net}}.OutputCount;
                public int ParameterCount => {{net}}.ParameterCount;
                public string ParameterName(int index) => {{net}}.ParameterName(index);
                public void GetParameters(double[] destination)
                {
                    var buffer = new {{t}}[{{net}}.ParameterCount];
                    _net.GetParameters(buffer);
                    Cast.Widen(buffer, destination);
                }
                public void SetParameters(double[] source) => _net.SetParameters({{to}}(source));
                public double Loss(double[] input, double[] target) => _net.Loss({{to}}(input), {{to}}(target));
                public double Backward(double[] input, double[] target, double[] gradient)
                {
                    var buffer = new {{t}}[{{net}}.ParameterCount];
                    {{t}} loss = _net.Backward({{to}}(input), {{to}}(target), buffer);
                    Cast.Widen(buffer, gradient);
                    return loss;
                }
                public double TrainStep(double[] input, double[] target, double learningRate) =>
                    _net.TrainStep({{to}}(input), {{to}}(target), ({{t}})learningRate);
                public double TrainBatch(double[] inputs, double[] targets, double learningRate) =>
                    _net.TrainBatch({{to}}(inputs), {{to}}(targets), ({{t}})learningRate);
                public void ApplyGradient(double[] gradient, double learningRate) => _net.ApplyGradient({{to}}(gradient), ({{t}})learningRate);
                public double InputGradient(double[] input, double[] target, double[] inputGradient)
                {
                    var buffer = new {{t}}[{{net}}.InputCount];
                    {{t}} loss = _net.InputGradient({{to}}(input), {{to}}(target), buffer);
                    Cast.Widen(buffer, inputGradient);
                    return loss;
                }
                public int OptimizerStateCount => {{net}}.OptimizerStateCount;
                public void GetOptimizerState(double[] destination)
                {
                    var buffer = new {{t}}[{{net}}.OptimizerStateCount];
                    _net.GetOptimizerState(buffer);
                    Cast.Widen(buffer, destination);
                }
                public void SetOptimizerState(double[] source) => _net.SetOptimizerState({{to}}(source));
                public void ResetOptimizer() => _net.ResetOptimizer();
            }


            """;
    }
}
