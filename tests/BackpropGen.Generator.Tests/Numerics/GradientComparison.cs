namespace BackpropGen.Generator.Tests.Numerics;

/// <summary>Step and tolerances for central differences of a loss evaluated in double or in float.</summary>
public sealed record FiniteDifferenceSettings(double Step, double Relative, double Absolute, bool InFloat)
{
    // double: h = 1e-6 leaves truncation (~h^2) and rounding (~1e-16 |E| / h) errors near 1e-10. Measured over all
    // networks, the worst correct component uses under 0.1% of the tolerance; a 5%-wrong one exceeds it 5000-fold.
    public static readonly FiniteDifferenceSettings Double = new(1e-6, 1e-6, 1e-6, InFloat: false);

    // float: the loss itself rounds at ~1e-7 |E|, so h must be large; at h = 1e-2 the h^2 truncation is ~1e-5.
    // Measured: the worst correct component uses ~7% of the tolerance; a 5%-wrong gradient exceeds it 6-fold or more.
    public static readonly FiniteDifferenceSettings Float = new(1e-2, 5e-3, 5e-4, InFloat: true);

    public static FiniteDifferenceSettings For(NetworkSpec spec) => spec.IsFloat ? Float : Double;
}

/// <summary>Central finite differences, and the comparison of an analytic gradient against them.</summary>
public static class GradientComparison
{
    /// <summary>dE/dp_i ~ (E(p + h e_i) - E(p - h e_i)) / (p_i+ - p_i-), stepping by values the network's type can hold.</summary>
    public static double[] CentralDifferences(double[] parameters, Func<double[], double> loss, FiniteDifferenceSettings settings)
    {
        var gradient = new double[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            double[] plus = (double[])parameters.Clone(), minus = (double[])parameters.Clone();
            plus[i] = Representable(parameters[i] + settings.Step, settings);
            minus[i] = Representable(parameters[i] - settings.Step, settings);
            gradient[i] = (loss(plus) - loss(minus)) / (plus[i] - minus[i]);
        }

        return gradient;
    }

    /// <summary>Central differences of a generated network's own Loss at the given point.</summary>
    public static double[] CentralDifferences(IGradientCheckable network, double[] parameters, double[] input, double[] target, FiniteDifferenceSettings settings) =>
        CentralDifferences(parameters, p =>
        {
            network.SetParameters(p);
            return network.Loss(input, target);
        }, settings);

    /// <summary>Indices where |analytic - numeric| exceeds relative * max(|analytic|, |numeric|) + absolute.</summary>
    public static IReadOnlyList<int> Mismatches(double[] analytic, double[] numeric, FiniteDifferenceSettings settings) =>
        Enumerable.Range(0, analytic.Length)
            .Where(i => !(Math.Abs(analytic[i] - numeric[i]) <= (settings.Relative * Math.Max(Math.Abs(analytic[i]), Math.Abs(numeric[i]))) + settings.Absolute))
            .ToList();

    /// <summary>The analytic gradient with its largest component off by 5% of the gradient's norm: a wrong derivative the check must catch.</summary>
    public static double[] Wrong(double[] analytic)
    {
        double[] wrong = (double[])analytic.Clone();
        int largest = Array.IndexOf(analytic, analytic.MaxBy(Math.Abs));
        wrong[largest] += 0.05 * Norm(analytic);
        return wrong;
    }

    public static double Norm(double[] values) => Math.Sqrt(values.Sum(v => v * v));

    public static double Representable(double value, FiniteDifferenceSettings settings) => settings.InFloat ? (float)value : value;
}
