namespace BackpropGen.Generator.Tests.Numerics;

/// <summary>TrainStep is one plain gradient-descent step: p+ = p - eta * dE/dp, every gradient taken before any update.</summary>
public class TrainStepTests
{
    private const double LearningRate = 0.37; // not a power of two, so the product rounds like any real step

    private static readonly string?[] Layouts = { null, "loops", "split" };

    private static readonly IReadOnlyList<NetworkSpec> Specs =
        (from layout in Layouts
         from numeric in new[] { "double", "float" }
         from train in new bool?[] { true, false, null }
         select Network($"tanh-logistic-identity, biases shared/per_neuron/shared | trainBiases {train?.ToString() ?? "omitted"}", 3,
             new[] { new LayerSpec(4, "tanh", "shared"), new LayerSpec(3, "logistic"), new LayerSpec(2, "identity", "shared") }, "mean_squared_error", numeric, train, layout))
        .Concat(
            from layout in Layouts
            from numeric in new[] { "double", "float" }
            select Network("tanh-softmax, cross_entropy | trainBiases omitted", 3, new[] { new LayerSpec(4, "tanh", "shared"), new LayerSpec(3, "softmax") }, "cross_entropy", numeric, null, layout))
        .Concat(
            from layout in Layouts
            from numeric in new[] { "double", "float" }
            select Network("softplus-leaky_relu, no biases | trainBiases false", 2, new[] { new LayerSpec(3, "softplus", "none"), new LayerSpec(2, "leaky_relu", "none") }, "half_squared_error", numeric, false, layout))
        .ToList();

    private static readonly Lazy<CompiledNetworks> Compiled = new(() => CompiledNetworks.Compile(Specs, "TrainStepNetworks"));

    public static IEnumerable<object[]> Networks => Specs.Select(s => new object[] { s.Name });

    [Theory]
    [MemberData(nameof(Networks))]
    public void TrainStep_subtracts_learning_rate_times_the_pre_step_gradient(string network)
    {
        NetworkSpec spec = Compiled.Value.Spec(network);
        Step step = Step.Take(Compiled.Value.Create(network), spec);

        // double: the same two roundings as p - eta * g computed here; float: computed here in float, the network's type.
        double relative = spec.IsFloat ? 1e-6 : 1e-15;
        for (int i = 0; i < spec.ParameterCount; i++)
        {
            bool frozenBias = i >= spec.WeightCount && !spec.TrainsBiases;
            double expected = frozenBias ? step.Before[i]
                : spec.IsFloat ? (float)step.Before[i] - ((float)LearningRate * (float)step.Gradient[i])
                : step.Before[i] - (LearningRate * step.Gradient[i]);
            double tolerance = frozenBias ? 0 : relative * Math.Max(Math.Abs(step.Before[i]), Math.Abs(LearningRate * step.Gradient[i]));
            Assert.True(Math.Abs(step.After[i] - expected) <= tolerance, $"parameter {i}: before {step.Before[i]:R}, gradient {step.Gradient[i]:R}, after {step.After[i]:R}, expected {expected:R}");
        }

        Assert.True(Enumerable.Range(0, spec.WeightCount).All(i => step.After[i] != step.Before[i]), "every weight has a non-zero gradient here, so every weight must move");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Biases_move_exactly_when_trainBiases_is_not_false(string network)
    {
        NetworkSpec spec = Compiled.Value.Spec(network);
        Step step = Step.Take(Compiled.Value.Create(network), spec);

        var biases = Enumerable.Range(spec.WeightCount, spec.BiasCount).ToList();
        // So that a bias that should move visibly would. (Not true of a shared bias on a softmax layer: softmax ignores
        // a shift of all its nets, so that bias's gradient is always 0.)
        Assert.All(biases, i => Assert.True(Math.Abs(step.Gradient[i]) > 1e-3, $"gradient of parameter {i} is {step.Gradient[i]}"));
        Assert.All(biases, i => Assert.Equal(spec.TrainsBiases, step.After[i] != step.Before[i]));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void TrainStep_returns_the_loss_before_the_step(string network)
    {
        NetworkSpec spec = Compiled.Value.Spec(network);
        Step step = Step.Take(Compiled.Value.Create(network), spec);

        Assert.Equal(step.LossBefore, step.Returned);
        Assert.NotEqual(step.LossBefore, step.LossAfter); // the step did change the network
    }

    private static NetworkSpec Network(string what, int inputs, LayerSpec[] layers, string loss, string numeric, bool? train, string? layout) =>
        new($"{what} | {numeric} | {layout ?? "auto"}", inputs, layers, loss, numeric, train, Codegen: layout);

    /// <summary>One TrainStep from a drawn point, with what Backward and Loss said before and after it.</summary>
    private sealed record Step(double[] Before, double[] Gradient, double LossBefore, double Returned, double[] After, double LossAfter)
    {
        public static Step Take(IGradientCheckable net, NetworkSpec spec)
        {
            CheckPoint point = CheckPoint.Draw(spec);
            net.SetParameters(point.Parameters);
            var before = new double[spec.ParameterCount];
            net.GetParameters(before);
            var gradient = new double[spec.ParameterCount];
            net.Backward(point.Input, point.Target, gradient);
            double lossBefore = net.Loss(point.Input, point.Target);
            double returned = net.TrainStep(point.Input, point.Target, LearningRate);
            var after = new double[spec.ParameterCount];
            net.GetParameters(after);
            return new Step(before, gradient, lossBefore, returned, after, net.Loss(point.Input, point.Target));
        }
    }
}
