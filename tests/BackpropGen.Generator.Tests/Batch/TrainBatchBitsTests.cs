using BackpropGen.Generator.Tests.Numerics;

namespace BackpropGen.Generator.Tests.Batch;

/// <summary>
/// TrainBatch (SPEC: the mean over the rows of each row's gradient, then one optimizer step) against that very definition,
/// bit for bit: each row's public Backward, summed in row order, divided by the rows, then ApplyGradient on a twin; and
/// TrainStep, which the loops layout fuses, against Backward then ApplyGradient. The loops layout sums whole blocks of
/// rows at once and sums up to 32 rows per pass over the gradient, so the row counts (1..37) take every block remainder
/// and a second pass; fan-ins of 37 and 19, and 46 (double) and 30 (float), which take a one-vector step at every vector width,
/// leave tails after the vector kernels' whole vectors; outputs and losses take every output delta rule; bias modes and
/// optimizers each appear; both numeric types. Unrolled and split networks check the shared body the same way.
/// </summary>
public class TrainBatchBitsTests
{
    private const double LearningRate = 0.05;

    private static readonly NetworkSpec[] Specs =
    {
        Loops("softmax cross-entropy | sgd", "double", "cross_entropy", null, new LayerSpec(19, "tanh"), new LayerSpec(3, "softmax")),
        Loops("softmax cross-entropy | adam", "float", "cross_entropy", """{ "type": "adam" }""", new LayerSpec(19, "relu", "shared"), new LayerSpec(4, "softmax")),
        Loops("softmax squared error | momentum", "float", "half_squared_error", """{ "type": "sgd", "momentum": 0.9 }""", new LayerSpec(19, "logistic", "none"), new LayerSpec(3, "softmax")),
        Loops("logistic cross-entropy | nesterov", "double", "cross_entropy", """{ "type": "sgd", "momentum": 0.8, "nesterov": true, "weightDecay": 0.01 }""", new LayerSpec(19, "elu", "shared", 0.5), new LayerSpec(2, "logistic", "none")),
        Loops("two hidden | sgd", "float", "mean_squared_error", null, new LayerSpec(21, "silu"), new LayerSpec(30, "leaky_relu", "none", 0.05), new LayerSpec(3, "identity", "shared")),
        Loops("two hidden | adamw", "double", "half_squared_error", """{ "type": "adamw" }""", new LayerSpec(17, "softplus", "shared"), new LayerSpec(46, "tanh"), new LayerSpec(1, "logistic")),
        Loops("biases frozen | sgd", "double", "half_squared_error", null, new LayerSpec(19, "tanh"), new LayerSpec(2, "identity")) with { TrainBiases = false },
        Small("unrolled", "double"),
        Small("split", "float"),
    };

    private static readonly Lazy<CompiledNetworks> Compiled = new(() => CompiledNetworks.Compile(Specs, "TrainBatchBits"));

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (NetworkSpec spec in Specs)
        {
            names.Add(spec.Name);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TrainBatch_is_the_mean_of_the_rows_Backward_then_ApplyGradient_bit_for_bit(string network)
    {
        NetworkSpec spec = Compiled.Value.Spec(network);
        IGradientCheckable batched = Compiled.Value.Create(network), manual = Compiled.Value.Create(network);
        var random = new Random(31);
        // Several steps, so the optimizers' state and the block paths meet parameters that moved.
        for (int rows = 1; rows <= 37; rows++)
        {
            var (inputs, targets) = Batch(spec, rows, random);
            double loss = 0;
            var sum = new double[manual.ParameterCount];
            var gradient = new double[manual.ParameterCount];
            for (int r = 0; r < rows; r++)
            {
                loss = Round(spec, loss + manual.Backward(inputs.Skip(r * spec.Inputs).Take(spec.Inputs).ToArray(), targets.Skip(r * spec.Outputs).Take(spec.Outputs).ToArray(), gradient));
                for (int i = 0; i < sum.Length; i++)
                {
                    // Float: a double sum of two floats rounded to float is the float sum (and the same for the quotient below).
                    sum[i] = Round(spec, sum[i] + gradient[i]);
                }
            }

            double[] mean = sum.Select(s => Round(spec, s / rows)).ToArray();
            manual.ApplyGradient(mean, LearningRate);
            double batchLoss = batched.TrainBatch(inputs, targets, LearningRate);

            Assert.True(BitConverter.DoubleToInt64Bits(Round(spec, loss / rows)) == BitConverter.DoubleToInt64Bits(batchLoss), $"{rows} rows: loss {batchLoss:R}, expected {Round(spec, loss / rows):R}");
            AssertSameState(manual, batched, rows);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TrainStep_is_Backward_then_ApplyGradient_bit_for_bit(string network)
    {
        // The loops layout's TrainStep applies each gradient as it computes it: still Backward's gradient, then the step.
        NetworkSpec spec = Compiled.Value.Spec(network);
        IGradientCheckable stepped = Compiled.Value.Create(network), manual = Compiled.Value.Create(network);
        var random = new Random(47);
        var gradient = new double[manual.ParameterCount];
        for (int step = 1; step <= 6; step++)
        {
            var (input, target) = Batch(spec, 1, random);
            double loss = manual.Backward(input, target, gradient);
            manual.ApplyGradient(gradient, LearningRate);
            double stepLoss = stepped.TrainStep(input, target, LearningRate);

            Assert.Equal(BitConverter.DoubleToInt64Bits(loss), BitConverter.DoubleToInt64Bits(stepLoss));
            AssertSameState(manual, stepped, step);
        }
    }

    private static NetworkSpec Loops(string name, string numeric, string loss, string? optimizer, params LayerSpec[] layers) =>
        new($"loops | {numeric} | {name}", 37, layers, loss, numeric, Seed: 13, Codegen: "loops", Optimizer: optimizer);

    private static NetworkSpec Small(string layout, string numeric) =>
        new($"{layout} | {numeric} | softmax cross-entropy | adam", 5, new[] { new LayerSpec(6, "tanh", "shared"), new LayerSpec(3, "softmax") },
            "cross_entropy", numeric, Seed: 13, Codegen: layout, Optimizer: """{ "type": "adam" }""");

    private static double Round(NetworkSpec spec, double value) => spec.IsFloat ? (float)value : value;

    private static void AssertSameState(IGradientCheckable expected, IGradientCheckable actual, int call)
    {
        var a = new double[expected.ParameterCount];
        var b = new double[actual.ParameterCount];
        expected.GetParameters(a);
        actual.GetParameters(b);
        int wrong = Enumerable.Range(0, a.Length).FirstOrDefault(i => BitConverter.DoubleToInt64Bits(a[i]) != BitConverter.DoubleToInt64Bits(b[i]), -1);
        Assert.True(wrong < 0, $"call {call}: parameter {(wrong < 0 ? string.Empty : expected.ParameterName(wrong))} is {(wrong < 0 ? 0 : b[wrong]):R}, expected {(wrong < 0 ? 0 : a[wrong]):R}");
        var sa = new double[expected.OptimizerStateCount];
        var sb = new double[actual.OptimizerStateCount];
        expected.GetOptimizerState(sa);
        actual.GetOptimizerState(sb);
        Assert.Equal(sa.Select(BitConverter.DoubleToInt64Bits), sb.Select(BitConverter.DoubleToInt64Bits));
    }

    private static (double[] Inputs, double[] Targets) Batch(NetworkSpec spec, int rows, Random random)
    {
        double[] inputs = Enumerable.Range(0, rows * spec.Inputs).Select(_ => Round(spec, (random.NextDouble() * 4) - 2)).ToArray();
        double[] targets = new double[rows * spec.Outputs];
        for (int r = 0; r < rows; r++)
        {
            // One-hot rows for a softmax (and a soft one now and then), values in [0, 1] otherwise.
            bool softmax = spec.Layers[^1].Kind == "softmax";
            for (int k = 0; k < spec.Outputs; k++)
            {
                targets[(r * spec.Outputs) + k] = softmax ? (k == r % spec.Outputs ? (r % 5 == 4 ? 0.75 : 1) : (r % 5 == 4 ? Round(spec, 0.25 / (spec.Outputs - 1)) : 0)) : Round(spec, random.NextDouble());
            }
        }

        return (inputs, targets);
    }
}
