namespace BackpropGen.Generator.Tests.Numerics;

/// <summary>Parameters (non-zero biases included), an input and a target at which a network's derivatives are checked.</summary>
public sealed record CheckPoint(double[] Parameters, double[] Input, double[] Target)
{
    private const int MaxAttempts = 1000;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CheckPoint> Drawn = new();

    /// <summary>
    /// A reproducible, well-conditioned point for <paramref name="spec"/>, judged by <see cref="ReferenceNetwork"/> only:
    /// no relu/leaky_relu net comes near its kink at 0 at any point the central differences evaluate, every relu
    /// layer passes some gradient, and the gradient is large enough that a 5% error in it stands out of the tolerances.
    /// </summary>
    public static CheckPoint Draw(NetworkSpec spec)
    {
        // Several tests check the same network at the same point; drawing it (kink checks included) is done once.
        CheckPoint point = Drawn.GetOrAdd(spec.Name, _ => DrawNew(spec));
        return new CheckPoint((double[])point.Parameters.Clone(), (double[])point.Input.Clone(), (double[])point.Target.Clone());
    }

    private static CheckPoint DrawNew(NetworkSpec spec)
    {
        var random = new Random(StableHash(spec.Name));
        FiniteDifferenceSettings settings = FiniteDifferenceSettings.For(spec);
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var point = new CheckPoint(
                Uniform(random, spec.ParameterCount, settings),
                Uniform(random, spec.Inputs, settings),
                Targets(random, spec, settings));
            if (point.StaysOffKinks(spec, settings) && point.SomeReluActive(spec) && GradientComparison.Norm(point.ReferenceGradient(spec)) >= 0.1)
            {
                return point;
            }
        }

        throw new InvalidOperationException($"No well-conditioned check point for {spec.Name} in {MaxAttempts} draws.");
    }

    /// <summary>Central differences (in double) of the reference loss: says nothing about the generated code.</summary>
    public double[] ReferenceGradient(NetworkSpec spec) =>
        GradientComparison.CentralDifferences(Parameters, p => ReferenceNetwork.Evaluate(spec, p, Input, Target).Loss, FiniteDifferenceSettings.Double);

    /// <summary>FNV-1a: string.GetHashCode differs from run to run, this does not.</summary>
    public static int StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash & 0x7FFFFFFF);
    }

    /// <summary>At the point and at every p +- h e_i, each kinked net keeps its sign and stays at least h from 0.</summary>
    private bool StaysOffKinks(NetworkSpec spec, FiniteDifferenceSettings settings)
    {
        if (!spec.Layers.Any(l => l.HasKink))
        {
            return true;
        }

        bool[] signs = KinkedNets(spec, Parameters).Select(net => net > 0).ToArray();
        for (int i = -1; i < Parameters.Length; i++)
        {
            foreach (double direction in new[] { -1.0, 1.0 })
            {
                double[] p = (double[])Parameters.Clone();
                if (i >= 0)
                {
                    p[i] = GradientComparison.Representable(p[i] + (direction * settings.Step), settings);
                }

                double[] nets = KinkedNets(spec, p);
                if (nets.Select((net, k) => Math.Abs(net) < settings.Step || (net > 0) != signs[k]).Any(bad => bad))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>A relu layer with every net negative would zero the gradient of everything before it.</summary>
    private bool SomeReluActive(NetworkSpec spec)
    {
        ReferenceNetwork.Evaluation evaluation = ReferenceNetwork.Evaluate(spec, Parameters, Input, Target);
        return spec.Layers.Select((layer, l) => layer.Kind != "relu" || evaluation.Nets[l].Any(net => net > 0)).All(ok => ok);
    }

    private double[] KinkedNets(NetworkSpec spec, double[] parameters)
    {
        ReferenceNetwork.Evaluation evaluation = ReferenceNetwork.Evaluate(spec, parameters, Input, Target);
        return spec.Layers.SelectMany((layer, l) => layer.HasKink ? evaluation.Nets[l] : Array.Empty<double>()).ToArray();
    }

    /// <summary>Cross-entropy targets are probabilities, not necessarily summing to 1 (the loss and its gradient are defined for any).</summary>
    private static double[] Targets(Random random, NetworkSpec spec, FiniteDifferenceSettings settings) =>
        spec.LossKind == "cross_entropy"
            ? Uniform(random, spec.Outputs, settings).Select(t => GradientComparison.Representable((t + 1) / 2, settings)).ToArray()
            : Uniform(random, spec.Outputs, settings);

    private static double[] Uniform(Random random, int count, FiniteDifferenceSettings settings) =>
        Enumerable.Range(0, count).Select(_ => GradientComparison.Representable((2 * random.NextDouble()) - 1, settings)).ToArray();
}
