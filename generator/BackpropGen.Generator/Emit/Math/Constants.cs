namespace BackpropGen.Generator.Emit.Math
{
    /// <summary>
    /// The constants of the algorithms for double and for float (fdlibm / FreeBSD msun / musl, whose decimal forms
    /// round to the intended binary values).
    /// </summary>
    internal sealed class Constants
    {
        private static readonly Constants Double = new Constants
        {
            BiasValue = 1023,
            MantissaBits = "52",
            InvLn2 = 1.44269504088896338700e+00,
            Shifter = 6755399441055744.0, // 1.5 * 2^52: adding it rounds to an integer, kept in the low mantissa bits
            ShifterBits = 4843621399236968448, // 0x4338000000000000
            // ln2 = Ln2Hi + Ln2Lo; Ln2Hi has 32 significant bits, so k * Ln2Hi is exact for |k| < 2^21.
            Ln2Hi = 6.93147180369123816490e-01,
            Ln2Lo = 1.90821492927058770002e-10,
            ExpLn2Hi = 6.93147180369123816490e-01,
            ExpLn2Lo = 1.90821492927058770002e-10,
            ExpP = new[] { 1.66666666666666019037e-01, -2.77777777770155933842e-03, 6.61375632143793436117e-05, -1.65339022054652515390e-06, 4.13813679705723846039e-08 },
            ExpHigh = 710, // exp(710) > double.MaxValue
            ExpLow = -746, // exp(-746) < half the smallest subnormal
            ExpM1Low = -60, // expm1(-60) rounds to -1
            ExpM1Q = new[] { -3.33333333333331316428e-02, 1.58730158725481460165e-03, -7.93650757867487942473e-05, 4.00821782732936239552e-06, -2.01099218183624371326e-07 },
            ExpM1SmallK = 20,
            // log: m = x / 2^k in [sqrt(2)/2, sqrt(2)), f = m - 1, s = f / (2 + f), log(m) = f - f^2/2 + s*(f^2/2 + R(s^2)).
            LogP = new[] { 6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01, 2.222219843214978396e-01, 1.818357216161805012e-01, 1.531383769920937332e-01, 1.479819860511658591e-01 },
            SqrtHalfBits = 4604544269498187776, // 0x3FE6A09E00000000: just below sqrt(2)/2
            OneMinusSqrtHalfBits = 2638149301829632, // 0x3FF0000000000000 - 0x3FE6A09E00000000
            MantissaMask = 4503599627370495, // 0x000FFFFFFFFFFFFF
            SmallestNormal = 2.2250738585072014E-308,
            SubnormalScale = 18014398509481984.0, // 2^54
            SubnormalShift = 54,
        };

        private static readonly Constants Float = new Constants
        {
            BiasValue = 127,
            MantissaBits = "23",
            InvLn2 = 1.4426950216e+00,
            Shifter = 12582912.0, // 1.5 * 2^23
            ShifterBits = 1262485504, // 0x4B400000
            Ln2Hi = 6.9313812256e-01, // 0x3F317180: k * Ln2Hi exact for |k| <= 128
            Ln2Lo = 9.0580006145e-06,
            ExpLn2Hi = 6.9314575195e-01, // 0x3F317200
            ExpLn2Lo = 1.4286067653e-06,
            ExpP = new[] { 1.6666625440e-1, -2.7667332906e-3 },
            ExpHigh = 89, // expf(89) > float.MaxValue
            ExpLow = -110, // expf(-110) < half the smallest subnormal
            ExpM1Low = -30, // expm1f(-30) rounds to -1
            ExpM1Q = new[] { -3.3333212137e-2, 1.5807170421e-3 },
            ExpM1SmallK = 23,
            LogP = new[] { 0.66666662693, 0.40000972152, 0.28498786688, 0.24279078841 },
            SqrtHalfBits = 1060439283, // 0x3F3504F3
            OneMinusSqrtHalfBits = 4913933, // 0x3F800000 - 0x3F3504F3
            MantissaMask = 8388607, // 0x007FFFFF
            SmallestNormal = 1.17549435E-38,
            SubnormalScale = 33554432.0, // 2^25
            SubnormalShift = 25,
        };

        private Constants()
        {
        }

        public long BiasValue { get; private set; }

        public string MantissaBits { get; private set; } = string.Empty;

        public double InvLn2 { get; private set; }

        public double Shifter { get; private set; }

        public long ShifterBits { get; private set; }

        public double Ln2Hi { get; private set; }

        public double Ln2Lo { get; private set; }

        public double ExpLn2Hi { get; private set; }

        public double ExpLn2Lo { get; private set; }

        public double[] ExpP { get; private set; } = System.Array.Empty<double>();

        public double ExpHigh { get; private set; }

        public double ExpLow { get; private set; }

        public double ExpM1Low { get; private set; }

        public double[] ExpM1Q { get; private set; } = System.Array.Empty<double>();

        public double ExpM1SmallK { get; private set; }

        public double[] LogP { get; private set; } = System.Array.Empty<double>();

        public long SqrtHalfBits { get; private set; }

        public long OneMinusSqrtHalfBits { get; private set; }

        public long MantissaMask { get; private set; }

        public double SmallestNormal { get; private set; }

        public double SubnormalScale { get; private set; }

        public double SubnormalShift { get; private set; }

        public static Constants For(Lanes v) => v.IsFloat ? Float : Double;
    }
}

namespace BackpropGen.Generator.Emit.Math
{
    /// <summary>
    /// The constants of the table-driven exp (ARM optimized-routines exp_data.c, N = 128, and exp2f_data.c, N = 32),
    /// from their bit patterns (hex-float forms in the comments).
    /// </summary>
    internal static class TableExp
    {
        public static readonly double InvLn2N = Of(0x40671547652B82FE); // 0x1.71547652b82fep0 * 128
        public static readonly double NegLn2HiN = Of(unchecked((long)0xBF762E42FEFA0000)); // -0x1.62e42fefa0000p-8: k * it is exact
        public static readonly double NegLn2LoN = Of(unchecked((long)0xBD0CF79ABC9E3B3A)); // -0x1.cf79abc9e3b3ap-47

        // exp(r) - 1 - r ~ r^2*(C2 + r*C3) + r^4*(C4 + r*C5) on |r| <= ln2/256: abs error 1.555*2^-66.
        public static readonly double C2 = Of(0x3FDFFFFFFFFFFDBD); // 0x1.ffffffffffdbdp-2
        public static readonly double C3 = Of(0x3FC555555555543C); // 0x1.555555555543cp-3
        public static readonly double C4 = Of(0x3FA55555CF172B91); // 0x1.55555cf172b91p-5
        public static readonly double C5 = Of(0x3F81111167A4D017); // 0x1.1111167a4d017p-7

        public static readonly double InvLn2N32 = Of(0x40471547652B82FE); // 0x1.71547652b82fep0 * 32

        // 2^(r/32) ~ (P0*r + P1)*r^2 + (P2*r + 1) on |r| <= 1/2: relative error 1.69*2^-34.
        public static readonly double P0 = Of(0x3EBC6AF84B912394); // 0x1.c6af84b912394p-5 / 32^3
        public static readonly double P1 = Of(0x3F2EBFCE50FAC4F3); // 0x1.ebfce50fac4f3p-3 / 32^2
        public static readonly double P2 = Of(0x3F962E42FF0C52D6); // 0x1.62e42ff0c52d6p-1 / 32

        private static double Of(long bits) => System.BitConverter.Int64BitsToDouble(bits);
    }
}
