using System.Numerics;

namespace BackpropGen.Generator.Tests.Numerics.Activations;

/// <summary>
/// Every activation of a double, computed independently of the generated code in binary floating point with a
/// 320-bit BigInteger significand (Taylor series for exp, atanh series for ln, ln 2 from its series), then rounded
/// correctly to double or float. The reference is within about 2^-300 relative of the exact value, so its rounding is
/// the correctly rounded result for every input a test meets.
/// </summary>
public static class ActivationReference
{
    private const int Precision = 320;

    /// <summary>The correctly rounded f(x) for the activation spelled as in JSON; alpha for leaky_relu and elu.</summary>
    public static double Evaluate(string activation, double x, double alpha, bool isFloat)
    {
        if (double.IsNaN(x))
        {
            return activation == "relu" ? 0 : double.NaN; // the rule's net > 0 ? net : 0 sends NaN to 0, as it always has
        }

        // Beyond |x| = 2^20 every exp in these formulas is 0 or infinite in any format: the limits, exactly rounded.
        if (System.Math.Abs(x) > 1048576)
        {
            return Limit(activation, x, alpha, isFloat);
        }

        Big net = Big.Of(x);
        Big result = activation switch
        {
            "logistic" => Big.One.Divide(Big.One.Add(Exp(net.Negate()))),
            "tanh" => Tanh(net),
            "relu" => x > 0 ? net : Big.Zero,
            "leaky_relu" => x > 0 ? net : Big.Of(alpha).Multiply(net),
            "identity" => net,
            "softplus" => (x > 0 ? net : Big.Zero).Add(Log1P(Exp(Big.Of(-System.Math.Abs(x))))),
            "silu" => net.Divide(Big.One.Add(Exp(net.Negate()))),
            "elu" => x > 0 ? net : Big.Of(alpha).Multiply(ExpM1(net)),
            _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
        };
        double rounded = result.Round(isFloat);
        // ±0: the sign IEEE arithmetic would give (relu of -0 is 0; tanh, identity, silu keep -0).
        return rounded == 0 && x == 0 && activation is "tanh" or "identity" or "silu" or "leaky_relu" or "elu" ? x * 1.0 : rounded;
    }

    private static double Limit(string activation, double x, double alpha, bool isFloat) => (activation, x > 0) switch
    {
        ("logistic", true) => 1,
        ("logistic", false) => 0,
        ("tanh", _) => System.Math.Sign(x),
        ("relu", true) or ("leaky_relu", true) or ("identity", _) or ("softplus", true) or ("silu", true) or ("elu", true) => isFloat ? (float)x : x,
        ("relu", false) or ("softplus", false) => 0,
        ("leaky_relu", false) => double.IsInfinity(x) ? x : Big.Of(alpha).Multiply(Big.Of(x)).Round(isFloat),
        ("silu", false) => double.IsInfinity(x) ? double.NaN : -0.0, // -inf / (1 + inf) is NaN in IEEE arithmetic, in the generated code too
        ("elu", false) => isFloat ? -(float)alpha : -alpha,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };

    /// <summary>tanh x = sign(x) (1 - e^-2|x|) / (1 + e^-2|x|), with e^-2|x| - 1 kept relative near 0.</summary>
    private static Big Tanh(Big x)
    {
        Big a = x.Abs(), m = ExpM1(a.Multiply(Big.Of(-2)));
        Big r = m.Negate().Divide(m.Add(Big.Of(2)));
        return x.Sign < 0 ? r.Negate() : r;
    }

    private static readonly Big Ln2 = ComputeLn2();

    /// <summary>ln 2 = sum over n of 1 / (n 2^n).</summary>
    private static Big ComputeLn2()
    {
        int bits = Precision + 32;
        BigInteger sum = BigInteger.Zero;
        for (int n = 1; n < bits; n++)
        {
            sum += (BigInteger.One << (bits - n)) / n;
        }

        return new Big(sum, -bits);
    }

    /// <summary>e^x: x = k ln 2 + r with |r| &lt;= ln 2 / 2, e^r by its Taylor series.</summary>
    private static Big Exp(Big x)
    {
        double approximate = x.ToDouble();
        if (System.Math.Abs(approximate) < 0.5)
        {
            return Big.One.Add(ExpM1Series(x));
        }

        long k = (long)System.Math.Round(approximate / 0.6931471805599453);
        Big r = x.Add(Ln2.Multiply(Big.Of(-k)));
        return Big.One.Add(ExpM1Series(r)).Scale((int)k);
    }

    private static Big ExpM1(Big x) => System.Math.Abs(x.ToDouble()) < 0.5 ? ExpM1Series(x) : Exp(x).Add(Big.Of(-1));

    /// <summary>x + x^2/2! + x^3/3! + ..., for |x| &lt; 1: relative to x however small.</summary>
    private static Big ExpM1Series(Big x)
    {
        Big sum = x, term = x;
        for (int n = 2; n < 400; n++)
        {
            term = term.Multiply(x).DivideBy(n);
            if (term.IsNegligibleAgainst(sum))
            {
                break;
            }

            sum = sum.Add(term);
        }

        return sum;
    }

    /// <summary>ln(1 + y) for y &gt;= 0: the series y - y^2/2 + ... when small, else ln of 1 + y formed exactly.</summary>
    private static Big Log1P(Big y)
    {
        if (y.ToDouble() < 1e-3)
        {
            Big sum = y, power = y;
            for (int n = 2; n < 400; n++)
            {
                power = power.Multiply(y).Negate();
                Big term = power.DivideBy(n);
                if (term.IsNegligibleAgainst(sum))
                {
                    break;
                }

                sum = sum.Add(term);
            }

            return sum;
        }

        return Log(Big.One.Add(y));
    }

    /// <summary>ln z for z &gt; 0: z = 2^j w, w in [1/sqrt 2, sqrt 2), ln w = 2 atanh((w - 1) / (w + 1)).</summary>
    private static Big Log(Big z)
    {
        int j = z.Exponent2;
        Big w = z.Scale(-j);
        if (w.ToDouble() > 1.4142135623730951)
        {
            w = w.Scale(-1);
            j++;
        }

        Big s = w.Add(Big.Of(-1)).Divide(w.Add(Big.One)), s2 = s.Multiply(s), power = s, sum = s;
        for (int k = 1; k < 2000; k++)
        {
            power = power.Multiply(s2);
            Big term = power.DivideBy((2 * k) + 1);
            if (term.IsNegligibleAgainst(sum))
            {
                break;
            }

            sum = sum.Add(term);
        }

        return Ln2.Multiply(Big.Of(j)).Add(sum.Scale(1));
    }

    /// <summary>A binary floating-point number M * 2^E with M kept to <see cref="Precision"/> bits.</summary>
    private readonly struct Big
    {
        public static readonly Big Zero = new Big(BigInteger.Zero, 0);
        public static readonly Big One = new Big(BigInteger.One, 0);

        public Big(BigInteger m, int e)
        {
            long excess = m.GetBitLength() - Precision;
            if (excess > 0)
            {
                m >>= (int)excess; // truncation: far below the reference's error budget
                e += (int)excess;
            }

            M = m;
            E = e;
        }

        public BigInteger M { get; }

        public int E { get; }

        public int Sign => M.Sign;

        /// <summary>floor(log2 |this|).</summary>
        public int Exponent2 => (int)(BigInteger.Abs(M).GetBitLength() - 1) + E;

        public static Big Of(double value)
        {
            long bits = BitConverter.DoubleToInt64Bits(value);
            int exponent = (int)((bits >> 52) & 0x7FF);
            long fraction = bits & 0xFFFFFFFFFFFFFL;
            BigInteger m = exponent == 0 ? fraction : fraction | (1L << 52);
            int e = exponent == 0 ? -1074 : exponent - 1075;
            return new Big(bits < 0 ? -m : m, e);
        }

        public Big Negate() => new Big(-M, E);

        public Big Abs() => new Big(BigInteger.Abs(M), E);

        public Big Scale(int power) => new Big(M, E + power);

        public Big Add(Big other)
        {
            if (M.IsZero)
            {
                return other;
            }

            if (other.M.IsZero)
            {
                return this;
            }

            // Operands far apart: the smaller only matters as a sticky bit far below the precision.
            if (Exponent2 - other.Exponent2 > Precision + 8)
            {
                return this;
            }

            if (other.Exponent2 - Exponent2 > Precision + 8)
            {
                return other;
            }

            int common = System.Math.Min(E, other.E);
            return new Big((M << (E - common)) + (other.M << (other.E - common)), common);
        }

        public Big Multiply(Big other) => new Big(M * other.M, E + other.E);

        public Big DivideBy(int n) => Divide(new Big(n, 0));

        public Big Divide(Big other)
        {
            int shift = Precision + 8 + (int)other.M.GetBitLength() - (int)M.GetBitLength();
            shift = System.Math.Max(shift, 0);
            return new Big((M << shift) / other.M, E - shift - other.E);
        }

        public bool IsNegligibleAgainst(Big sum) => M.IsZero || sum.Exponent2 - Exponent2 > Precision + 4;

        public double ToDouble() => M.IsZero ? 0 : System.Math.ScaleB((double)(M >> System.Math.Max(0, (int)BigInteger.Abs(M).GetBitLength() - 60)), E + System.Math.Max(0, (int)BigInteger.Abs(M).GetBitLength() - 60));

        /// <summary>Rounded to nearest, ties to even, into double or float (subnormals and overflow included).</summary>
        public double Round(bool isFloat)
        {
            if (M.IsZero)
            {
                return 0;
            }

            int precision = isFloat ? 24 : 53, minUlp = isFloat ? -149 : -1074;
            BigInteger magnitude = BigInteger.Abs(M);
            int ulp = System.Math.Max(Exponent2 - (precision - 1), minUlp);
            BigInteger q;
            int shift = ulp - E;
            if (shift <= 0)
            {
                q = magnitude << -shift;
            }
            else
            {
                q = magnitude >> shift;
                BigInteger remainder = magnitude - (q << shift), half = BigInteger.One << (shift - 1);
                if (remainder > half || (remainder == half && !q.IsEven))
                {
                    q += 1;
                }
            }

            double value = System.Math.ScaleB((double)q, ulp);
            value = isFloat ? (float)value : value;
            return M.Sign < 0 ? -value : value;
        }
    }
}
