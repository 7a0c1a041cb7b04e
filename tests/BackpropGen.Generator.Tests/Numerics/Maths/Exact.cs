using System.Numerics;

namespace BackpropGen.Generator.Tests.Numerics.Maths;

/// <summary>A real number <c>M * 2^E</c>: the reference values, exact or within 2^-118 relative (far below an ulp).</summary>
public readonly record struct Exact(BigInteger M, int E);

/// <summary>
/// exp, expm1, log and log1p of a double, computed independently of the code under test in 128-bit fixed point with
/// BigInteger (Taylor series for exp, atanh series for log, ln 2 from its series), and the error of a computed result
/// in units in the last place of the exact value, as the format (double or float) holds it.
/// </summary>
public static class ExactMath
{
    private const int P = 128;
    private static readonly BigInteger One = BigInteger.One << P;
    private static readonly BigInteger Ln2 = ComputeLn2();

    /// <summary>ln 2 = sum 1 / (n 2^n), with 24 guard bits.</summary>
    private static BigInteger ComputeLn2()
    {
        const int bits = P + 24;
        BigInteger sum = BigInteger.Zero;
        for (int n = 1; n < bits; n++)
        {
            sum += (BigInteger.One << (bits - n)) / n;
        }

        return sum >> 24;
    }

    /// <summary>x = m * 2^e exactly (m signed, at most 53 bits).</summary>
    public static (BigInteger M, int E) Decompose(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        BigInteger m = exponent == 0 ? fraction : fraction | (1L << 52);
        int e = exponent == 0 ? -1074 : exponent - 1075;
        return (bits < 0 ? -m : m, e);
    }

    private static BigInteger Fixed(double x)
    {
        (BigInteger m, int e) = Decompose(x);
        return e + P >= 0 ? m << (e + P) : m / BigInteger.Pow(2, -(e + P));
    }

    /// <summary>e^r * 2^P for |r| &lt;= 2^P (Taylor series).</summary>
    private static BigInteger ExpFixed(BigInteger r)
    {
        BigInteger sum = One, term = One;
        for (int n = 1; !term.IsZero; n++)
        {
            term = Truncate(term * r) / n;
            sum += term;
        }

        return sum;
    }

    /// <summary>ln(n * 2^e) * 2^P for n &gt; 0: n * 2^e = 2^j * y, y in [sqrt(1/2), sqrt(2)), ln y = 2 atanh((y - 1) / (y + 1)).</summary>
    private static BigInteger LogFixed(BigInteger n, int e)
    {
        int j = (int)(n.GetBitLength() - 1);
        BigInteger y = j <= P ? n << (P - j) : n >> (j - P);
        int power = e + j;
        if (y * y > (One * One) << 1)
        {
            y >>= 1;
            power++;
        }

        BigInteger s = ((y - One) << P) / (y + One), s2 = s * s >> P, term = s, sum = s;
        for (int k = 1; !term.IsZero; k++)
        {
            term = Truncate(term * s2);
            sum += term / (2 * k + 1);
        }

        return power * Ln2 + 2 * sum;
    }

    /// <summary>value / 2^P rounded toward zero (a floor would leave a negative series term stuck at -1).</summary>
    private static BigInteger Truncate(BigInteger value) => value.Sign < 0 ? -(-value >> P) : value >> P;

    private static bool Tiny(double x) => System.Math.Abs(x) < System.Math.ScaleB(1, -40);

    /// <summary>x + sign * x^2 / 2, exactly: what the series leave of expm1 and log1p below 2^-40.</summary>
    private static Exact PlusHalfSquare(double x, int sign)
    {
        (BigInteger m, int e) = Decompose(x);
        return new Exact((m << (1 - e)) + sign * m * m, 2 * e - 1);
    }

    public static Exact Exp(double x)
    {
        if (Tiny(x))
        {
            (BigInteger m, int e) = Decompose(x);
            return new Exact((BigInteger.One << -e) + m, e);
        }

        int k = (int)System.Math.Round(x / 0.6931471805599453);
        return new Exact(ExpFixed(Fixed(x) - k * Ln2), k - P);
    }

    public static Exact ExpM1(double x)
    {
        if (Tiny(x))
        {
            return PlusHalfSquare(x, 1);
        }

        int k = (int)System.Math.Round(x / 0.6931471805599453);
        BigInteger e = ExpFixed(Fixed(x) - k * Ln2);
        return k >= 0 ? new Exact((e << k) - One, -P) : new Exact(e - (One << -k), k - P);
    }

    /// <summary>ln x for x &gt; 0.</summary>
    public static Exact Log(double x)
    {
        (BigInteger m, int e) = Decompose(x);
        return new Exact(LogFixed(m, e), -P);
    }

    /// <summary>ln(1 + x) for x &gt; -1; 1 + x is formed exactly.</summary>
    public static Exact Log1P(double x)
    {
        if (Tiny(x))
        {
            return PlusHalfSquare(x, -1);
        }

        (BigInteger m, int e) = Decompose(x);
        return e >= 0 ? new Exact(LogFixed(1 + (m << e), 0), -P) : new Exact(LogFixed((BigInteger.One << -e) + m, e), -P);
    }

    /// <summary>A binary floating-point format: significand bits after the point, smallest exponent of an ulp.</summary>
    public sealed record Format(int MantissaBits, int MinUlpExponent, int MaxExponent)
    {
        public static readonly Format Double = new(52, -1074, 1023);
        public static readonly Format Single = new(23, -149, 127);
    }

    /// <summary>
    /// |computed - exact| in ulps of the exact value in <paramref name="format"/> (ulp of its binade, the subnormal ulp
    /// at most). An exact value that rounds to infinity expects infinity (error 0); otherwise infinity counts as 2^(max+1).
    /// </summary>
    public static double UlpError(double computed, Exact exact, Format format)
    {
        if (double.IsNaN(computed))
        {
            return double.PositiveInfinity;
        }

        if (exact.M.IsZero)
        {
            return computed == 0 ? 0 : double.PositiveInfinity;
        }

        int floorLog2 = (int)(BigInteger.Abs(exact.M).GetBitLength() - 1) + exact.E;
        // Rounds to infinity when |exact| >= (2^(p+1) - 1/2) * 2^(max - p): that is, 2^(max+1) - half an ulp of the largest.
        BigInteger overflowScaled = (BigInteger.One << (format.MantissaBits + 2)) - 1; // (2^(p+1) - 1/2) * 2, exponent max - p - 1
        int overflowE = format.MaxExponent - format.MantissaBits - 1;
        bool roundsToInfinity = floorLog2 >= format.MaxExponent && Compare(BigInteger.Abs(exact.M), exact.E, overflowScaled, overflowE) >= 0;
        if (roundsToInfinity)
        {
            return double.IsInfinity(computed) && (computed > 0) == (exact.M.Sign > 0) ? 0 : double.PositiveInfinity;
        }

        (BigInteger cm, int ce) = double.IsInfinity(computed) ? (computed > 0 ? BigInteger.One : BigInteger.MinusOne, format.MaxExponent + 1) : Decompose(computed);
        int ulpExponent = System.Math.Max(floorLog2 - format.MantissaBits, format.MinUlpExponent);
        int common = System.Math.Min(ce, exact.E);
        BigInteger difference = (cm << (ce - common)) - (exact.M << (exact.E - common));
        return System.Math.Abs(ScaleToDouble(difference, common - ulpExponent));
    }

    private static int Compare(BigInteger a, int ae, BigInteger b, int be)
    {
        int common = System.Math.Min(ae, be);
        return (a << (ae - common)).CompareTo(b << (be - common));
    }

    /// <summary>value * 2^shift as a double, without overflowing the conversion of a long BigInteger.</summary>
    private static double ScaleToDouble(BigInteger value, int shift)
    {
        long excess = System.Math.Max(0, value.GetBitLength() - 64);
        return System.Math.ScaleB((double)(value >> (int)excess), shift + (int)excess);
    }
}
