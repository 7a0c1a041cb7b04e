namespace BackpropGen.Generator.Tests.Numerics;

/// <summary>
/// Optimizers against the reference written from PyTorch's documented update rules, mini-batches, and checkpoints that
/// resume bit for bit; every optimizer setting in every layout and numeric type.
/// </summary>
public class OptimizerTests
{
    private const double LearningRate = 0.05;
    private static readonly int[] BatchSizes = { 1, 3, 2, 4, 1, 5 };

    public static IEnumerable<object[]> Networks => OptimizerNetworks.Names;

    [Theory]
    [MemberData(nameof(Networks))]
    public void TrainBatch_follows_the_PyTorch_update_rules(string network)
    {
        NetworkSpec spec = OptimizerNetworks.Networks.Spec(network);
        IGradientCheckable net = OptimizerNetworks.Networks.Create(network), twin = OptimizerNetworks.Networks.Create(network);
        var p = new double[net.ParameterCount];
        net.GetParameters(p);
        var reference = new ReferenceOptimizer(OptimizerNetworks.SettingOf(network), p.Length);
        var random = new Random(17);

        for (int step = 0; step < BatchSizes.Length; step++)
        {
            var (inputs, targets) = Batch(spec, BatchSizes[step], random);

            // The reference: the mean of the rows' gradients (the network's own Backward, checked against finite
            // differences elsewhere), then one step by PyTorch's rules.
            var mean = new double[p.Length];
            twin.SetParameters(p);
            for (int r = 0; r < BatchSizes[step]; r++)
            {
                var g = new double[p.Length];
                twin.Backward(inputs.Skip(r * spec.Inputs).Take(spec.Inputs).ToArray(), targets.Skip(r * spec.Outputs).Take(spec.Outputs).ToArray(), g);
                for (int i = 0; i < g.Length; i++)
                {
                    mean[i] += g[i];
                }
            }

            for (int i = 0; i < mean.Length; i++)
            {
                mean[i] /= BatchSizes[step];
            }

            reference.Step(p, mean, LearningRate, i => spec.TrainsBiases || i < spec.WeightCount);
            net.TrainBatch(inputs, targets, LearningRate);

            var actual = new double[p.Length];
            net.GetParameters(actual);
            // Double: the same arithmetic up to the order of a few roundings. Float: the network rounds every operation to
            // float, the reference keeps double parameters between steps.
            double relative = spec.IsFloat ? 2e-5 : 1e-12, absolute = spec.IsFloat ? 1e-6 : 1e-15;
            var wrong = Enumerable.Range(0, p.Length).Where(i => Math.Abs(actual[i] - p[i]) > (relative * Math.Max(Math.Abs(actual[i]), Math.Abs(p[i]))) + absolute).ToList();
            Assert.True(wrong.Count == 0, $"step {step + 1}: " + string.Join("; ", wrong.Take(5).Select(i => $"{net.ParameterName(i)} network {actual[i]:R}, reference {p[i]:R}")));
            if (spec.IsFloat)
            {
                // Keep the reference on the network's float parameters, so the rounding of one step does not compound.
                p = actual;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void A_batch_of_one_row_is_TrainStep_bit_for_bit(string network)
    {
        NetworkSpec spec = OptimizerNetworks.Networks.Spec(network);
        IGradientCheckable stepped = OptimizerNetworks.Networks.Create(network), batched = OptimizerNetworks.Networks.Create(network);
        var random = new Random(5);
        for (int step = 0; step < 4; step++)
        {
            var (input, target) = Batch(spec, 1, random);
            Assert.Equal(stepped.TrainStep(input, target, LearningRate), batched.TrainBatch(input, target, LearningRate));
        }

        AssertSameState(stepped, batched);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void A_batch_of_several_rows_is_the_mean_of_their_Backward_then_ApplyGradient(string network)
    {
        NetworkSpec spec = OptimizerNetworks.Networks.Spec(network);
        IGradientCheckable batched = OptimizerNetworks.Networks.Create(network), manual = OptimizerNetworks.Networks.Create(network);
        var random = new Random(9);
        for (int step = 0; step < 3; step++)
        {
            const int Rows = 3;
            var (inputs, targets) = Batch(spec, Rows, random);
            double loss = 0;
            var mean = new double[manual.ParameterCount];
            for (int r = 0; r < Rows; r++)
            {
                var g = new double[manual.ParameterCount];
                loss += manual.Backward(inputs.Skip(r * spec.Inputs).Take(spec.Inputs).ToArray(), targets.Skip(r * spec.Outputs).Take(spec.Outputs).ToArray(), g);
                for (int i = 0; i < g.Length; i++)
                {
                    mean[i] = Round(spec, Round(spec, mean[i]) + g[i]);
                }
            }

            for (int i = 0; i < mean.Length; i++)
            {
                mean[i] = Round(spec, mean[i] / Rows);
            }

            manual.ApplyGradient(mean, LearningRate);
            double batchLoss = batched.TrainBatch(inputs, targets, LearningRate);
            Assert.Equal(loss / Rows, batchLoss, spec.IsFloat ? 1e-6 : 1e-15);
        }

        AssertSameState(manual, batched);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Training_resumed_from_a_checkpoint_is_the_run_that_never_stopped(string network)
    {
        NetworkSpec spec = OptimizerNetworks.Networks.Spec(network);
        IGradientCheckable unbroken = OptimizerNetworks.Networks.Create(network), resumed = OptimizerNetworks.Networks.Create(network);
        var batches = Enumerable.Range(0, 8).Select(i => Batch(spec, 1 + (i % 3), new Random(100 + i))).ToList();
        foreach (var (inputs, targets) in batches.Take(4))
        {
            unbroken.TrainBatch(inputs, targets, LearningRate);
        }

        // The checkpoint: parameters and optimizer state, into a fresh instance.
        var parameters = new double[unbroken.ParameterCount];
        var state = new double[unbroken.OptimizerStateCount];
        unbroken.GetParameters(parameters);
        unbroken.GetOptimizerState(state);
        resumed.SetParameters(parameters);
        resumed.SetOptimizerState(state);
        Assert.True(state.Length == 0 || state.Any(v => v != 0), "the optimizer state should hold moments by now");

        foreach (var (inputs, targets) in batches.Skip(4))
        {
            Assert.Equal(unbroken.TrainBatch(inputs, targets, LearningRate), resumed.TrainBatch(inputs, targets, LearningRate));
        }

        AssertSameState(unbroken, resumed);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ResetOptimizer_starts_the_optimizer_afresh(string network)
    {
        NetworkSpec spec = OptimizerNetworks.Networks.Spec(network);
        IGradientCheckable used = OptimizerNetworks.Networks.Create(network), fresh = OptimizerNetworks.Networks.Create(network);
        var (inputs, targets) = Batch(spec, 2, new Random(3));
        used.TrainBatch(inputs, targets, LearningRate);
        used.ResetOptimizer();
        var parameters = new double[used.ParameterCount];
        used.GetParameters(parameters);
        fresh.SetParameters(parameters);

        used.TrainBatch(inputs, targets, LearningRate);
        fresh.TrainBatch(inputs, targets, LearningRate);

        AssertSameState(fresh, used);
        var state = new double[used.OptimizerStateCount];
        Assert.Equal(spec.Optimizer!.Contains("adam", StringComparison.Ordinal) ? 1 + (2 * Trained(spec)) : spec.Optimizer.Contains("momentum", StringComparison.Ordinal) ? Trained(spec) : 0, state.Length);
    }

    private static int Trained(NetworkSpec spec) => spec.TrainsBiases ? spec.ParameterCount : spec.WeightCount;

    private static double Round(NetworkSpec spec, double value) => spec.IsFloat ? (float)value : value;

    private static void AssertSameState(IGradientCheckable expected, IGradientCheckable actual)
    {
        var a = new double[expected.ParameterCount];
        var b = new double[actual.ParameterCount];
        expected.GetParameters(a);
        actual.GetParameters(b);
        Assert.Equal(a.Select(BitConverter.DoubleToInt64Bits), b.Select(BitConverter.DoubleToInt64Bits));
        var sa = new double[expected.OptimizerStateCount];
        var sb = new double[actual.OptimizerStateCount];
        expected.GetOptimizerState(sa);
        actual.GetOptimizerState(sb);
        Assert.Equal(sa.Select(BitConverter.DoubleToInt64Bits), sb.Select(BitConverter.DoubleToInt64Bits));
    }

    private static (double[] Inputs, double[] Targets) Batch(NetworkSpec spec, int rows, Random random)
    {
        double[] inputs = Enumerable.Range(0, rows * spec.Inputs).Select(_ => Round(spec, (random.NextDouble() * 2) - 1)).ToArray();
        double[] targets = Enumerable.Range(0, rows * spec.Outputs).Select(_ => Round(spec, random.NextDouble())).ToArray();
        return (inputs, targets);
    }
}
