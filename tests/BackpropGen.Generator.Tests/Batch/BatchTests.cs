using System.Globalization;
using System.Text;
using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace BackpropGen.Generator.Tests.Batch;

/// <summary>What the batch tests need of a generated network, in double whatever its numeric type (float widens exactly).</summary>
public interface IBatchCheckable
{
    int InputCount { get; }

    int OutputCount { get; }

    /// <summary>Sets the parameters (a frozen network has its own and ignores this).</summary>
    void SetParameters(Random random);

    /// <summary>Forward (or Predict) of one row.</summary>
    double[] Single(double[] input);

    /// <summary>ForwardBatch (or PredictBatch) into an output array of <paramref name="outputLength"/> values, all NaN before the call.</summary>
    double[] Batch(double[] inputs, int outputLength);
}

/// <summary>
/// ForwardBatch and PredictBatch (SPEC 7) against Forward and Predict, bit for bit, row by row: every layout (unrolled,
/// split, loops, frozen unrolled, frozen loops), double and float, every activation and softmax, fan-ins that leave
/// each tail of the blocked kernel, row counts that take every lane width and remainder path, inputs with extremes.
/// </summary>
public class BatchTests
{
    private static readonly int[] RowCounts = { 0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 37, 64 };

    /// <summary>Activation mixes: (hidden layers, output layer), each layer (size multiplier, activation, bias, alpha).</summary>
    private static readonly (string Name, string Layers)[] Mixes =
    {
        ("logistic-tanh-softmax", "{ 'size': H1, 'activation': 'logistic' }, { 'size': H2, 'activation': 'tanh', 'bias': 'shared' }, { 'size': 3, 'activation': 'softmax' }"),
        ("relu-leaky-identity", "{ 'size': H1, 'activation': 'relu', 'bias': 'shared' }, { 'size': H2, 'activation': 'leaky_relu', 'alpha': 0.05 }, { 'size': 2, 'activation': 'identity', 'bias': 'none' }"),
        ("softplus-silu-elu", "{ 'size': H1, 'activation': 'softplus' }, { 'size': H2, 'activation': 'silu', 'bias': 'none' }, { 'size': 3, 'activation': 'elu', 'alpha': 0.5 }"),
        ("tanh-logistic", "{ 'size': H1, 'activation': 'tanh' }, { 'size': 1, 'activation': 'logistic' }"),
    };

    private static readonly string[] Layouts = { "unrolled", "split", "loops", "frozen-unrolled", "frozen-loops" };

    private static readonly Lazy<Dictionary<string, Type>> Networks = new(Compile);

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (string name in Specs().Select(s => s.Name))
        {
            names.Add(name);
        }

        return names;
    }

    private static IEnumerable<(string Name, string Json, bool Frozen)> Specs()
    {
        foreach (string numeric in new[] { "double", "float" })
        {
            foreach (string layout in Layouts)
            {
                foreach (var (mix, layers) in Mixes)
                {
                    bool loops = layout.EndsWith("loops", StringComparison.Ordinal), frozen = layout.StartsWith("frozen", StringComparison.Ordinal);
                    // Loops: fan-ins of 37 and 45 leave a tail after one or two full blocks of 16 doubles or 32 floats.
                    int inputs = loops ? 37 : 5, h1 = loops ? 45 : 6, h2 = loops ? 34 : 4;
                    string json = layers.Replace("H1", h1.ToString(CultureInfo.InvariantCulture)).Replace("H2", h2.ToString(CultureInfo.InvariantCulture)).Replace('\'', '"');
                    string codegen = frozen ? layout.Substring("frozen-".Length) : layout;
                    string text = $"{{ \"inputs\": {inputs}, \"layers\": [ {json} ], \"numeric\": \"{numeric}\", \"codegen\": \"{codegen}\", \"seed\": 7";
                    if (frozen)
                    {
                        text += ", \"frozen\": true, " + Initial(inputs, json);
                    }

                    yield return ($"{layout}-{numeric}-{mix}", text + " }", frozen);
                }
            }
        }
    }

    /// <summary>Random parameters of ordinary size for a frozen description (the generator wants them given).</summary>
    private static string Initial(int inputs, string layersJson)
    {
        var sizes = System.Text.RegularExpressions.Regex.Matches(layersJson, "\"size\": (\\d+)").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        var biases = System.Text.RegularExpressions.Regex.Matches(layersJson, "\\{[^}]*\\}").Select(m => m.Value.Contains("\"none\"", StringComparison.Ordinal) ? 0 : m.Value.Contains("\"shared\"", StringComparison.Ordinal) ? 1 : -1).ToList();
        var random = new Random(inputs + sizes.Sum());
        int weights = 0, biasCount = 0, fanIn = inputs;
        for (int l = 0; l < sizes.Count; l++)
        {
            weights += fanIn * sizes[l];
            biasCount += biases[l] == -1 ? sizes[l] : biases[l];
            fanIn = sizes[l];
        }

        string Values(int count) => string.Join(", ", Enumerable.Range(0, count).Select(_ => ((random.NextDouble() * 2) - 1).ToString("R", CultureInfo.InvariantCulture)));
        return $"\"initial\": {{ \"weights\": [{Values(weights)}], \"biases\": [{Values(biasCount)}] }}";
    }

    private static Dictionary<string, Type> Compile()
    {
        var specs = Specs().ToList();
        var source = new StringBuilder("namespace BatchUnderTest;\n\n").Append(Support);
        var files = new List<(string, string)>();
        for (int i = 0; i < specs.Count; i++)
        {
            string net = "Net" + i;
            source.Append($"[BackpropGen.Network(\"nets/{net}.json\")]\npublic {(specs[i].Frozen ? "static " : string.Empty)}partial class {net} {{ }}\n\n");
            source.Append(Adapter(net, specs[i].Json.Contains("\"float\"", StringComparison.Ordinal) ? "float" : "double", specs[i].Frozen));
            files.Add(($"/p/nets/{net}.json", specs[i].Json));
        }

        var reference = MetadataReference.CreateFromFile(typeof(IBatchCheckable).Assembly.Location);
        var compilation = GeneratorHarness.CreateCompilation(new[] { source.ToString() }, new[] { reference }, "BatchUnderTest");
        GeneratorRun run = GeneratorHarness.Run(compilation, files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Item1, f.Item2)).ToArray());
        Assert.True(run.GeneratorDiagnostics.IsEmpty, string.Join("\n", run.GeneratorDiagnostics.Take(10)));
        var assembly = GeneratorHarness.EmitAndLoad(run.OutputCompilation);
        return specs.Select((s, i) => (s.Name, Type: assembly.GetType($"BatchUnderTest.Net{i}Adapter", throwOnError: true)!)).ToDictionary(p => p.Name, p => p.Type);
    }

    private const string Support = """
        internal static class Cast
        {
            public static double[] To(double[] values, double unused) => values;

            public static float[] To(double[] values, float unused) => global::System.Array.ConvertAll(values, v => (float)v);

            public static double[] Widen(double[] values) => values;

            public static double[] Widen(float[] values) => global::System.Array.ConvertAll(values, v => (double)v);
        }


        """;

    private static string Adapter(string net, string t, bool frozen)
    {
        string single = frozen ? $"{net}.Predict" : "_net.Forward", batch = frozen ? $"{net}.PredictBatch" : "_net.ForwardBatch";
        string parameters = frozen
            ? string.Empty
            : $$"""
                var values = new double[{{net}}.ParameterCount];
                for (int i = 0; i < values.Length; i++) values[i] = (random.NextDouble() * 2) - 1;
                _net.SetParameters(Cast.To(values, default({{t}})));
            """;
        return $$"""
            public sealed class {{net}}Adapter : global::BackpropGen.Generator.Tests.Batch.IBatchCheckable
            {
                {{(frozen ? string.Empty : $"private readonly {net} _net = new {net}();")}}
                public int InputCount => {{net}}.InputCount;
                public int OutputCount => {{net}}.OutputCount;
                public void SetParameters(global::System.Random random)
                {
                    {{parameters}}
                }
                public double[] Single(double[] input)
                {
                    var output = new {{t}}[{{net}}.OutputCount];
                    {{single}}(Cast.To(input, default({{t}})), output);
                    return Cast.Widen(output);
                }
                public double[] Batch(double[] inputs, int outputLength)
                {
                    var outputs = new {{t}}[outputLength];
                    global::System.Array.Fill(outputs, {{t}}.NaN);
                    {{batch}}(Cast.To(inputs, default({{t}})), outputs);
                    return Cast.Widen(outputs);
                }
            }


            """;
    }

    private static IBatchCheckable Create(string name) => (IBatchCheckable)Activator.CreateInstance(Networks.Value[name])!;

    /// <summary>Random inputs with extremes mixed in: zeros of both signs, huge and tiny magnitudes, infinities and NaN.</summary>
    private static double[] Inputs(Random random, int rows, int inputCount)
    {
        double[] extremes = { 0.0, -0.0, 1e4, -1e4, 1e-300, -1e-30, 3e38, -1e300, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1.0, -1.0 };
        var values = new double[rows * inputCount];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.Next(6) == 0 ? extremes[random.Next(extremes.Length)] : (random.NextDouble() * 6) - 3;
        }

        return values;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_row_is_bit_for_bit_the_single_row_result(string name)
    {
        IBatchCheckable net = Create(name);
        var random = new Random(name.Length * 31);
        net.SetParameters(random);
        int inputCount = net.InputCount, outputCount = net.OutputCount;
        foreach (int rows in RowCounts)
        {
            double[] inputs = Inputs(random, rows, inputCount);
            // One value more than needed: it must stay untouched.
            double[] batch = net.Batch(inputs, (rows * outputCount) + 1);
            for (int r = 0; r < rows; r++)
            {
                double[] single = net.Single(inputs.AsSpan(r * inputCount, inputCount).ToArray());
                for (int k = 0; k < outputCount; k++)
                {
                    double actual = batch[(r * outputCount) + k];
                    Assert.True(
                        BitConverter.DoubleToInt64Bits(single[k]) == BitConverter.DoubleToInt64Bits(actual),
                        $"{name}: {rows} rows, row {r}, output {k}: batch {actual:R}, single {single[k]:R}");
                }
            }

            Assert.True(double.IsNaN(batch[rows * outputCount]), $"{name}: {rows} rows wrote past its rows");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Lengths_are_checked(string name)
    {
        IBatchCheckable net = Create(name);
        int inputCount = net.InputCount, outputCount = net.OutputCount;
        Assert.Empty(net.Batch(Array.Empty<double>(), 0));
        var partial = Assert.Throws<ArgumentException>(() => net.Batch(new double[(2 * inputCount) + 1], 3 * outputCount));
        Assert.Equal("inputs", partial.ParamName);
        var shortOutput = Assert.Throws<ArgumentException>(() => net.Batch(new double[3 * inputCount], (3 * outputCount) - 1));
        Assert.Equal("outputs", shortOutput.ParamName);
    }
}
