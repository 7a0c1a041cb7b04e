namespace BackpropGen.Generator.Tests.Numerics.Activations;

/// <summary>The inputs of the activation tests: the accuracy sweep and the vector-against-scalar checks.</summary>
public static class ActivationInputs
{
    /// <summary>
    /// A dense random sweep (fixed seed) over the whole range where the activations change, denser near 0, around the
    /// saturation and overflow points of exp, and tiny and subnormal inputs; then the edges, each ±1 ulp.
    /// </summary>
    public static IEnumerable<double> Sweep(string id, bool isFloat, int count = 8_000)
    {
        var random = new Random(id.Length * 7919 + (isFloat ? 1 : 0));
        double limit = isFloat ? 110 : 760;
        double Uniform(double a, double b) => a + (random.NextDouble() * (b - a));
        double Signed(double magnitude) => random.Next(2) == 0 ? magnitude : -magnitude;
        for (int i = 0; i < count; i++)
        {
            double x = (i % 5) switch
            {
                0 => Uniform(-limit, limit),
                1 => Uniform(-40, 40),
                2 => Uniform(-3, 3),
                3 => Signed(System.Math.Pow(2, Uniform(isFloat ? -150 : -1075, 2))),
                _ => Signed(Uniform(limit - 60, limit)),
            };
            yield return isFloat ? (float)x : x;
        }

        var edges = new List<double>
        {
            0, -0.0, 1, -1, 0.5, -0.5, 2, -2, double.PositiveInfinity, double.NegativeInfinity, double.NaN,
            System.Math.ScaleB(1, -27), System.Math.ScaleB(1, -28), System.Math.ScaleB(1, -12), System.Math.ScaleB(1, -13), System.Math.ScaleB(1, -26), 20, 36.7368005696771, 18.021826694558577, 0.34657359027997264,
            709.782712893384, 710, 744.4400719213812, 745.1332191019412, 746, 88.72283, 89, 103.27893, 103.972084, 104,
            isFloat ? float.Epsilon : double.Epsilon, isFloat ? float.MaxValue : double.MaxValue, isFloat ? 1.17549435E-38 : 2.2250738585072014E-308,
        };
        foreach (double edge in edges.ToArray())
        {
            edges.Add(-edge);
        }

        foreach (double edge in edges)
        {
            double e = isFloat ? (float)edge : edge;
            yield return e;
            if (double.IsFinite(e) && e != 0)
            {
                yield return isFloat ? MathF.BitIncrement((float)e) : System.Math.BitIncrement(e);
                yield return isFloat ? MathF.BitDecrement((float)e) : System.Math.BitDecrement(e);
            }
        }
    }
}
