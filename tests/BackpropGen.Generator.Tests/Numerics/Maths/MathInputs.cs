namespace BackpropGen.Generator.Tests.Numerics.Maths;

/// <summary>
/// The inputs of the accuracy sweeps and the vector tests: dense random sweeps over each function's whole domain, denser
/// where it matters (around 0, near overflow and underflow, subnormal results and inputs), plus the edges.
/// </summary>
public static class MathInputs
{
    /// <summary>Sweep points per function and type (the BigInteger reference costs a few microseconds each).</summary>
    public const int SweepSize = 50_000;

    public static double[] Sweep(string function, bool isFloat, int count = SweepSize)
    {
        var random = new Random(HashCode(function) ^ (isFloat ? 1 : 0));
        double high = isFloat ? 88.8 : 709.9, low = isFloat ? -104.0 : -745.2;
        double Uniform(double a, double b) => a + (random.NextDouble() * (b - a));
        double LogUniform(int minExponent, int maxExponent) => (random.Next(2) == 0 ? -1 : 1) * System.Math.Pow(2, Uniform(minExponent, maxExponent));
        // Any positive finite value, uniform in the bit pattern: every binade equally, subnormals included.
        double AnyPositive() => isFloat
            ? BitConverter.Int32BitsToSingle(random.Next(1, 0x7F800000))
            : BitConverter.Int64BitsToDouble(random.NextInt64(1, 0x7FF0000000000000));
        double Generate(int i) => (function, i % 4) switch
        {
            ("Exp", 0) => Uniform(low, high),
            ("Exp", 1) => LogUniform(-70, 3),
            ("Exp", 2) => Uniform(high - 2, high),
            ("Exp", _) => Uniform(low, low + (isFloat ? 18 : 40)),               // subnormal results
            ("ExpM1", 0) => Uniform(isFloat ? -20 : -40, high),
            ("ExpM1", 1) => LogUniform(-70, 3),
            ("ExpM1", 2) => Uniform(-3, 3),
            ("ExpM1", _) => Uniform(high - 2, high),
            ("Log", 0 or 1) => AnyPositive(),
            ("Log", 2) => 1 + LogUniform(-60, -1),
            ("Log", _) => Uniform(0.5, 4),
            ("Log1P", 0) => AnyPositive(),
            ("Log1P", 1) => LogUniform(-70, 0) * 0.999,                          // around 0, down to -0.999
            ("Log1P", 2) => -1 + System.Math.Pow(2, Uniform(-53, -1)),          // near -1
            ("Log1P", _) => Uniform(-0.5, 3),
            _ => throw new ArgumentOutOfRangeException(nameof(function), function, null),
        };
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            double value = Generate(i);
            values[i] = isFloat ? (float)value : value;
        }

        return values;
    }

    /// <summary>Edges and thresholds (±1 ulp) in the function's domain, finite or not; the type's own values.</summary>
    public static double[] Edges(string function, bool isFloat)
    {
        var values = new List<double> { 0.0, -0.0, 1, -1, 2, 0.5, -0.5, double.PositiveInfinity, double.NegativeInfinity };
        if (isFloat)
        {
            values.AddRange(new double[] { float.MaxValue, -float.MaxValue, float.Epsilon, -float.Epsilon, 1.17549435E-38f, 1.1754942E-38f, (float)System.Math.ScaleB(1, -130) });
            values.AddRange(Around(88.72283f, 3, true).Concat(Around(-87.33655f, 3, true)).Concat(Around(-103.27893f, 3, true)).Concat(Around(-103.972084f, 3, true)));
            values.AddRange(Around(89f, 2, true).Concat(Around(-110f, 2, true)).Concat(Around(-30f, 2, true)).Concat(Around(0.34657359f, 2, true)).Concat(Around(1.03972077f, 2, true)));
        }
        else
        {
            values.AddRange(new[] { double.MaxValue, -double.MaxValue, double.Epsilon, -double.Epsilon, 2.2250738585072014E-308, 2.2250738585072009E-308, System.Math.ScaleB(1, -1060) });
            values.AddRange(Around(709.782712893384, 3, false).Concat(Around(-708.3964185322641, 3, false)).Concat(Around(-744.4400719213812, 3, false)).Concat(Around(-745.1332191019411, 3, false)));
            values.AddRange(Around(710, 2, false).Concat(Around(-746, 2, false)).Concat(Around(-60, 2, false)).Concat(Around(0.34657359027997264, 2, false)).Concat(Around(1.0397207708399179, 2, false)));
        }

        foreach (double scale in new[] { -1, -10, -24, -27, -29, -53, -54, -60, -126, -1022 }.Select(n => System.Math.ScaleB(1, n)))
        {
            values.Add(scale);
            values.Add(-scale);
        }

        values.AddRange(Around(1, 3, isFloat).Concat(Around(-1, 3, isFloat)));
        return values.Select(v => isFloat ? (float)v : v).Distinct().ToArray();
    }

    /// <summary>NaNs with different payloads and signs.</summary>
    public static double[] NaNs(bool isFloat) => isFloat
        ? new double[] { float.NaN, -float.NaN }
        : new[] { double.NaN, -double.NaN, BitConverter.Int64BitsToDouble(0x7FF0000000000001), BitConverter.Int64BitsToDouble(0x7FF8DEADBEEF0000) };

    private static IEnumerable<double> Around(double value, int ulps, bool isFloat)
    {
        double up = value, down = value;
        yield return value;
        for (int i = 0; i < ulps; i++)
        {
            up = isFloat ? MathF.BitIncrement((float)up) : System.Math.BitIncrement(up);
            down = isFloat ? MathF.BitDecrement((float)down) : System.Math.BitDecrement(down);
            yield return up;
            yield return down;
        }
    }

    private static int HashCode(string text) => text.Aggregate(17, (h, c) => unchecked((h * 31) + c));
}
