using BackpropGen.Generator.Common;

namespace BackpropGen.Generator.Emit.Math
{
    /// <summary>
    /// exp and expm1 from +, -, *, /, compares, selects and integer operations on the bit pattern only (fdlibm's
    /// algorithms, made branch-free): the same bits on every machine, in every vector width.
    /// </summary>
    internal static class ExpAlgorithms
    {
        /// <summary>The double exp's table (<see cref="ExpTable.WithTails128"/>).</summary>
        public const string TableName = "ExpTable128";

        /// <summary>The double exp's path for |x| &gt;= 512, infinities and NaN.</summary>
        public const string FarName = "ExpFar";

        /// <summary>The float exp's body, computed in double.</summary>
        /// <summary>
        /// exp(x), ARM optimized-routines' design (glibc 2.28+ exp.c) without FMA: k = round(x * 128/ln2) by the shifter
        /// trick, r = x - k*ln2/128 (Cody-Waite, ln2/128 = hi + lo with hi's trailing zeros making k*hi exact),
        /// exp(x) = 2^(k/128) * (1 + tmp), tmp = tail_j + r + r^2*(C2 + r*C3) + r^4*(C4 + r*C5), j = k mod 128, 2^(k/128) read
        /// from the table (0.513 ulp, no division, a short dependency chain). |x| &lt; 512 (every lane) keeps the result and
        /// its intermediate products normal, so the scale is one integer add; anything else goes to <see cref="FarName"/>,
        /// which gives the same bits wherever both apply. Float has its own all-float form (<see cref="WriteFloatExp"/>).
        /// </summary>
        public static void WriteExp(SourceWriter w, Lanes v)
        {
            if (v.IsFloat)
            {
                WriteFloatExp(w, v);
                return;
            }

            using (w.Block($"if (!({v.AllLess(v.Abs("x"), v.C(512))}))"))
            {
                w.Line($"return {FarName}(x);", "huge |x|, infinities and NaN");
            }

            w.Line();
            WriteTableReduction(w, v, "x");
            w.Line($"{v.T} scale = {v.FromBits($"{v.Load(TableName, "j", 1)} + (ki << 45)")};", "2^(k/128): H_j with k / 128 added to its exponent");
            w.Line("return scale + scale * tmp;");
        }

        /// <summary>
        /// exp(x) for any x, branch-free: x clamped (NaN to the top, so every integer stays small) to where the result is
        /// already 0 or +inf beyond; y = H_j * (1 + tmp) then scaled by 2^(k div 128) as two exact powers of two, so a
        /// subnormal result is rounded once and an overflow becomes +inf. Where the result is normal this is
        /// <see cref="WriteExp"/>'s bits (a power-of-two scale commutes with rounding there).
        /// </summary>
        public static void WriteExpFar(SourceWriter w, Lanes v)
        {
            Constants c = Constants.For(v);
            w.Line($"{v.T} c = {v.Select(v.Less("x", v.C(c.ExpHigh)), "x", v.C(c.ExpHigh))};", "NaN to the top: the result is replaced below");
            w.Line($"c = {v.Select(v.Greater("c", v.C(c.ExpLow)), "c", v.C(c.ExpLow))};");
            WriteTableReduction(w, v, "c");
            w.Line($"{v.T} h = {v.FromBits($"{v.Load(TableName, "j", 1)} + ((ki & {v.CI(127)}) << 45)")};", "H_j, in [1, 2)");
            w.Line($"{v.I} k = (ki - {v.CI(c.ShifterBits)}) >> 7;", "floor(k / 128)");
            w.Line($"return {v.Select(v.NotNaN("x"), Scale(v, c, "(h + h * tmp)"), "x")};");
        }

        /// <summary>kd, ki (the shifter's bits, k in the low ones), j = 2*(k mod 128) and tmp of the table-driven exp, from <paramref name="x"/>.</summary>
        private static void WriteTableReduction(SourceWriter w, Lanes v, string x)
        {
            Constants c = Constants.For(v);
            w.Line($"{v.T} kd = {x} * {v.C(TableExp.InvLn2N)} + {v.C(c.Shifter)};", "k = round(x * 128/ln2) in the low mantissa bits");
            w.Line($"{v.I} ki = {v.Bits("kd")};");
            WriteIndex(w, v, $"(ki & {v.CI(127)}) << 1");
            w.Line($"kd -= {v.C(c.Shifter)};", "k as a floating-point number, exactly");
            w.Line($"{v.T} r = ({x} + kd * {v.C(TableExp.NegLn2HiN)}) + kd * {v.C(TableExp.NegLn2LoN)};", "x - k*ln2/128, |r| <= ln2/256");
            w.Line($"{v.T} r2 = r * r;");
            string tail = v.FromBits(v.Load(TableName, "j", 0));
            w.Line($"{v.T} tmp = (({tail} + r) + r2 * ({v.C(TableExp.C2)} + r * {v.C(TableExp.C3)})) + (r2 * r2) * ({v.C(TableExp.C4)} + r * {v.C(TableExp.C5)});", "exp(r)*(1 + tail) - 1");
        }

        /// <summary>int j (scalar) or j0, j1, ... (one per lane) from <paramref name="lanes"/>, an integer-lanes expression.</summary>
        private static void WriteIndex(SourceWriter w, Lanes v, string lanes)
        {
            if (v.Count == 1)
            {
                w.Line(v.IndexLine("j", lanes));
                return;
            }

            w.Line($"{v.I} jLanes = {lanes};");
            w.Line(v.IndexLine("j", "jLanes"), "per-lane table loads: exact, so each lane has the scalar's bits");
        }

        /// <summary>
        /// float exp, all in float (a vector of floats stays one vector: computing in double would widen it to two, which
        /// measured 1.4x slower at Vector256/512): k = round(x / ln2), r = x - k*ln2 in [-ln2/2, ln2/2] (Cody-Waite: ln2 =
        /// hi + lo, hi with trailing zeros so k*hi and x - k*hi are exact). exp(r) = 1 + r + r*c/(2 - c), c = r - r^2*P(r^2)
        /// (fdlibm's Remez fit, error under 2^-27). 2^k is applied as two exact powers of two, so a subnormal result is
        /// rounded once and an overflow becomes +inf without a branch.
        /// </summary>
        private static void WriteFloatExp(SourceWriter w, Lanes v)
        {
            Constants c = Constants.For(v);
            // Clamped so k stays small; beyond the clamps the result is already 0 or +inf. NaN fails every compare.
            w.Line($"{v.T} c = {v.Select(v.Greater("x", v.C(c.ExpHigh)), v.C(c.ExpHigh), "x")};");
            w.Line($"c = {v.Select(v.Less("c", v.C(c.ExpLow)), v.C(c.ExpLow), "c")};");
            WriteReduction(w, v, c, c.ExpLn2Hi, c.ExpLn2Lo);
            w.Line($"{v.T} t = r * r;");
            w.Line($"{v.T} p = r - t * {Horner(v, "t", c.ExpP)};");
            w.Line($"{v.T} y = {v.C(1)} - ((lo - (r * p) / ({v.C(2)} - p)) - hi);");
            w.Line($"return {v.Select(v.NotNaN("x"), Scale(v, c, "y"), "x")};");
        }

        /// <summary>
        /// expm1(x) = 2^k * (exp(r) - 1) + (2^k - 1) with fdlibm's rational approximation of exp(r) - 1 on [-ln2/2, ln2/2]
        /// (error under 2^-61 double, 2^-25 float) and its correction term for the rounding of r; the last step is the one of
        /// fdlibm's six forms (by k) that loses nothing to cancellation. Every form is written out and one selected.
        /// </summary>
        public static void WriteExpM1(SourceWriter w, Lanes v)
        {
            Constants c = Constants.For(v);
            // Below the low clamp the result is -1 after rounding; above the high one, +inf.
            w.Line($"{v.T} c = {v.Select(v.Greater("x", v.C(c.ExpHigh)), v.C(c.ExpHigh), "x")};");
            w.Line($"c = {v.Select(v.Less("c", v.C(c.ExpM1Low)), v.C(c.ExpM1Low), "c")};");
            WriteReduction(w, v, c, c.Ln2Hi, c.Ln2Lo);
            w.Line($"{v.T} correction = (hi - r) - lo;", "what r = hi - lo lost to rounding");
            w.Line($"{v.T} hfx = {v.C(0.5)} * r;");
            w.Line($"{v.T} hxs = r * hfx;");
            w.Line($"{v.T} r1 = {v.C(1)} + hxs * {Horner(v, "hxs", c.ExpM1Q)};");
            w.Line($"{v.T} t = {v.C(3)} - r1 * hfx;");
            w.Line($"{v.T} e = hxs * ((r1 - t) / ({v.C(6)} - r * t));");
            w.Line($"e = (r * (e - correction) - correction) - hxs;", "exp(r) - 1 = r - e");
            string shift = c.MantissaBits;
            string twoToMinusK = v.FromBits($"({v.CI(c.BiasValue)} - k) << {shift}");
            string twoToK = v.FromBits($"(k + {v.CI(c.BiasValue)}) << {shift}");
            string kEquals(double value) => v.Equal("kd", v.C(value));
            string far = v.Or(v.LessOrEqual("kd", v.C(-2)), v.Greater("kd", v.C(56)));
            string kOne = v.Select(v.Less("r", v.C(-0.25)), $"{v.C(-2)} * (e - (r + {v.C(0.5)}))", $"{v.C(1)} + {v.C(2)} * (r - e)");
            string nearForms = v.Select(
                v.Less("kd", v.C(c.ExpM1SmallK)),
                $"(({v.C(1)} - {twoToMinusK}) - (e - r)) * {twoToK}",
                $"(((r - (e + {twoToMinusK})) + {v.C(1)}) * {twoToK})");
            string result =
                v.Select(kEquals(0), "r - e",
                v.Select(kEquals(-1), $"{v.C(0.5)} * (r - e) - {v.C(0.5)}",
                v.Select(kEquals(1), kOne,
                v.Select(far, $"{Scale(v, c, $"({v.C(1)} - (e - r))")} - {v.C(1)}", nearForms))));
            w.Line($"return {v.Select(v.NotNaN("x"), result, "x")};");
        }

        /// <summary>k = round(c / ln2) by the shifter trick (no float-to-int conversion); hi - lo = r = c - k*ln2.</summary>
        private static void WriteReduction(SourceWriter w, Lanes v, Constants c, double ln2Hi, double ln2Lo)
        {
            w.Line($"{v.T} kd = c * {v.C(c.InvLn2)} + {v.C(c.Shifter)};", "k in the low mantissa bits");
            w.Line($"{v.I} k = {v.Bits("kd")} - {v.CI(c.ShifterBits)};");
            w.Line($"kd -= {v.C(c.Shifter)};", "k as a floating-point number, exactly");
            w.Line($"{v.T} hi = c - kd * {v.C(ln2Hi)};", "exact");
            w.Line($"{v.T} lo = kd * {v.C(ln2Lo)};");
            w.Line($"{v.T} r = hi - lo;");
        }

        /// <summary><paramref name="y"/> * 2^k as (y * 2^(k>>1)) * 2^(k - (k>>1)): both factors are normal powers of two.</summary>
        private static string Scale(Lanes v, Constants c, string y)
        {
            string half = v.FromBits($"((k >> 1) + {v.CI(c.BiasValue)}) << {c.MantissaBits}");
            string rest = v.FromBits($"((k - (k >> 1)) + {v.CI(c.BiasValue)}) << {c.MantissaBits}");
            return $"({y} * {half}) * {rest}";
        }

        /// <summary>a0 + x*(a1 + x*(a2 + ...)), parenthesised.</summary>
        internal static string Horner(Lanes v, string x, double[] coefficients)
        {
            string text = v.C(coefficients[coefficients.Length - 1]);
            for (int i = coefficients.Length - 2; i >= 0; i--)
            {
                text = $"({v.C(coefficients[i])} + {x} * {text})";
            }

            return text;
        }
    }
}
