using System.Reflection;
using System.Text;
using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace BackpropGen.Generator.Tests.Extremes;

/// <summary>What a test needs of a generated network at the extremes, in double whatever its numeric type.</summary>
public interface IExtremeCheckable
{
    double[] Forward(double[] input);

    double Loss(double[] input, double[] target);

    (double Loss, double[] Gradient) Backward(double[] input, double[] target);

    double TrainStep(double[] input, double[] target);

    double[] Parameters();
}

/// <summary>
/// For finite inputs up to |x| = 1e4 and parameters of ordinary size, no generated method returns NaN or infinity
/// where the mathematical value is finite: logistic, softplus, tanh, softmax and the cross-entropy logarithms are
/// computed in stable forms. Checked in double and float, in both layouts, for every output activation and loss.
/// </summary>
public class ExtremeValueTests
{
    private static readonly string[] Hidden = { "logistic", "tanh", "relu", "leaky_relu", "identity", "softplus" };

    private static readonly (string Output, string Loss)[] Heads =
    {
        ("softmax", "cross_entropy"), ("logistic", "cross_entropy"), ("softmax", "half_squared_error"),
        ("logistic", "mean_squared_error"), ("tanh", "half_squared_error"), ("softplus", "half_squared_error"),
        ("identity", "mean_squared_error"), ("relu", "half_squared_error"),
    };

    private static readonly Lazy<Dictionary<string, Type>> Networks = new(Compile);

    public static IEnumerable<object[]> Names => Specs().Select(s => new object[] { s.Name });

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_method_stays_finite_for_inputs_up_to_1e4(string name)
    {
        int inputs = 5, outputs = 3;
        double[][] extremes =
        {
            Enumerable.Repeat(1e4, inputs).ToArray(),
            Enumerable.Repeat(-1e4, inputs).ToArray(),
            Enumerable.Range(0, inputs).Select(i => i % 2 == 0 ? 1e4 : -1e4).ToArray(),
            Enumerable.Range(0, inputs).Select(i => (i - 2) * 2.5e3).ToArray(),
        };
        double[][] targets = { new[] { 1.0, 0.0, 0.0 }, new[] { 0.0, 0.0, 1.0 } };

        foreach (double[] input in extremes)
        {
            // A fresh network for every input: one step at |x| = 1e4 can move parameters far from ordinary sizes.
            var net = (IExtremeCheckable)Activator.CreateInstance(Networks.Value[name])!;
            double[] output = net.Forward(input);
            Assert.True(output.Length == outputs && output.All(double.IsFinite), $"{name}: Forward gave {string.Join(", ", output)}");
            foreach (double[] target in targets)
            {
                double loss = net.Loss(input, target);
                Assert.True(double.IsFinite(loss), $"{name}: Loss gave {loss}");
                (double backwardLoss, double[] gradient) = net.Backward(input, target);
                Assert.True(double.IsFinite(backwardLoss), $"{name}: Backward returned {backwardLoss}");
                Assert.True(gradient.All(double.IsFinite), $"{name}: Backward gave a non-finite gradient");
                var trained = (IExtremeCheckable)Activator.CreateInstance(Networks.Value[name])!;
                double trainLoss = trained.TrainStep(input, target);
                Assert.True(double.IsFinite(trainLoss), $"{name}: TrainStep returned {trainLoss}");
                Assert.True(trained.Parameters().All(double.IsFinite), $"{name}: TrainStep made a parameter non-finite");
            }
        }
    }

    [Fact]
    public void Softmax_and_cross_entropy_keep_their_values_at_the_extremes()
    {
        // With nets around 1e4 the naive forms overflow (e^1e4) or take ln(0); the stable ones give the limits.
        var net = (IExtremeCheckable)Activator.CreateInstance(Networks.Value["relu-softmax-cross_entropy-double-unrolled"])!;
        double[] input = Enumerable.Repeat(1e4, 5).ToArray();

        double[] output = net.Forward(input);

        Assert.Equal(1.0, output.Sum(), 12);
        Assert.All(output, o => Assert.InRange(o, 0.0, 1.0));
    }

    private static IEnumerable<(string Name, string Json, string Numeric)> Specs()
    {
        foreach (string numeric in new[] { "double", "float" })
        {
            foreach (string codegen in new[] { "unrolled", "loops" })
            {
                foreach (string hidden in Hidden)
                {
                    foreach (var (output, loss) in Heads)
                    {
                        string name = $"{hidden}-{output}-{loss}-{numeric}-{codegen}";
                        string json = $$"""
                            { "inputs": 5, "layers": [ { "size": 4, "activation": "{{hidden}}" }, { "size": 3, "activation": "{{output}}" } ],
                              "loss": "{{loss}}", "numeric": "{{numeric}}", "codegen": "{{codegen}}", "seed": 4 }
                            """;
                        yield return (name, json, numeric);
                    }
                }
            }
        }
    }

    private static Dictionary<string, Type> Compile()
    {
        var specs = Specs().ToList();
        var source = new StringBuilder("namespace Extremes;\n");
        var files = new List<AdditionalText>();
        for (int i = 0; i < specs.Count; i++)
        {
            string t = specs[i].Numeric;
            source.Append($$"""
                [BackpropGen.Network("x{{i}}.json")] public partial class Net{{i}} { }
                public sealed class Check{{i}} : BackpropGen.Generator.Tests.Extremes.IExtremeCheckable
                {
                    private readonly Net{{i}} _net = new Net{{i}}();
                    private static {{t}}[] To(double[] v) => System.Array.ConvertAll(v, x => ({{t}})x);
                    private static double[] From({{t}}[] v) => System.Array.ConvertAll(v, x => (double)x);
                    public double[] Forward(double[] input) { var o = new {{t}}[Net{{i}}.OutputCount]; _net.Forward(To(input), o); return From(o); }
                    public double Loss(double[] input, double[] target) => _net.Loss(To(input), To(target));
                    public (double Loss, double[] Gradient) Backward(double[] input, double[] target) { var g = new {{t}}[Net{{i}}.ParameterCount]; double l = _net.Backward(To(input), To(target), g); return (l, From(g)); }
                    public double TrainStep(double[] input, double[] target) => _net.TrainStep(To(input), To(target), ({{t}})0.01);
                    public double[] Parameters() { var p = new {{t}}[Net{{i}}.ParameterCount]; _net.GetParameters(p); return From(p); }
                }

                """);
            files.Add(new InMemoryAdditionalText($"/p/x{i}.json", specs[i].Json));
        }

        var reference = MetadataReference.CreateFromFile(typeof(IExtremeCheckable).Assembly.Location);
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(new[] { source.ToString() }, new[] { reference }, "ExtremeNetworks"), files);
        Assert.Empty(run.GeneratorDiagnostics);
        Assembly assembly = GeneratorHarness.EmitAndLoad(run.OutputCompilation);
        return specs.Select((s, i) => (s.Name, Type: assembly.GetType($"Extremes.Check{i}", throwOnError: true)!)).ToDictionary(x => x.Name, x => x.Type);
    }
}
