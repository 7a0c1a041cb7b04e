using System.Linq;
using BackpropGen.Generator.Common;

namespace BackpropGen.Generator.Emit.Math
{
    /// <summary>
    /// log and log1p (fdlibm's, branch-free): the exponent and mantissa are read from the bits, so the reduction is exact;
    /// only +, -, *, / and integer operations on the bit pattern, the same bits on every machine and vector width.
    /// </summary>
    internal static class LogAlgorithms
    {
        /// <summary>log(x): subnormals are scaled into the normal range first; 0 gives -inf, negatives NaN.</summary>
        public static void WriteLog(SourceWriter w, Lanes v)
        {
            Constants c = Constants.For(v);
            string subnormal = v.Less("x", v.C(c.SmallestNormal));
            w.Line($"{v.T} u = {v.Select(subnormal, $"x * {v.C(c.SubnormalScale)}", "x")};", "exact");
            WriteCore(w, v, c, $" - {v.Select(subnormal, v.C(c.SubnormalShift), v.C(0))}");
            w.Line($"{v.T} result = dk * {v.C(c.Ln2Hi)} - ((hfsq - (s * (hfsq + R) + dk * {v.C(c.Ln2Lo)})) - f);");
            string edges =
                v.Select(v.Less("x", v.C(0)), Named(v, "NaN"),
                v.Select(v.Equal("x", v.C(0)), Named(v, "NegativeInfinity"),
                v.Select(v.Equal("x", Named(v, "PositiveInfinity")), "x", "result")));
            w.Line($"return {v.Select(v.NotNaN("x"), edges, "x")};");
        }

        /// <summary>
        /// log1p(x) = log(u) + c, u = 1 + x rounded and c = ((1 + x) - u) / u, the rounding error (exact, by TwoSum) over u:
        /// accurate near 0, where u - 1 alone would have lost the low bits of x.
        /// </summary>
        public static void WriteLog1P(SourceWriter w, Lanes v)
        {
            Constants c = Constants.For(v);
            w.Line($"{v.T} u = {v.C(1)} + x;");
            w.Line($"{v.T} b = u - {v.C(1)};");
            w.Line($"{v.T} correction = (({v.C(1)} - (u - b)) + (x - b)) / u;", "TwoSum: (1 + x) - u exactly, over u");
            WriteCore(w, v, c, string.Empty);
            w.Line($"{v.T} result = dk * {v.C(c.Ln2Hi)} - ((hfsq - (s * (hfsq + R) + (dk * {v.C(c.Ln2Lo)} + correction))) - f);");
            string edges =
                v.Select(v.Less("x", v.C(-1)), Named(v, "NaN"),
                v.Select(v.Equal("x", v.C(-1)), Named(v, "NegativeInfinity"),
                v.Select(v.Or(v.Equal("x", v.C(0)), v.Equal("x", Named(v, "PositiveInfinity"))), "x", "result")));
            w.Line($"return {v.Select(v.NotNaN("x"), edges, "x")};", "x == 0 keeps the sign of zero");
        }

        /// <summary>
        /// u = 2^k * m, m in [sqrt(2)/2, sqrt(2)) (adding 1 - sqrt(2)/2 to the bits carries into the exponent exactly when m
        /// would reach sqrt(2)); f = m - 1 exact; s = f / (2 + f); log(m) = f - f^2/2 + s*(f^2/2 + R), R a Remez fit in s^2
        /// (error under 2^-58 double, 2^-26 float) split in even and odd terms.
        /// </summary>
        private static void WriteCore(SourceWriter w, Lanes v, Constants c, string exponentAdjust)
        {
            w.Line($"{v.I} ix = {v.Bits("u")} + {v.CI(c.OneMinusSqrtHalfBits)};");
            w.Line($"{v.I} k = (ix >> {c.MantissaBits}) - {v.CI(c.BiasValue)};");
            w.Line($"{v.T} f = {v.FromBits($"(ix & {v.CI(c.MantissaMask)}) + {v.CI(c.SqrtHalfBits)}")} - {v.C(1)};");
            w.Line($"{v.T} hfsq = {v.C(0.5)} * f * f;");
            w.Line($"{v.T} s = f / ({v.C(2)} + f);");
            w.Line($"{v.T} z = s * s;");
            w.Line($"{v.T} w = z * z;");
            double[] odd = c.LogP.Where((_, i) => i % 2 == 0).ToArray(), even = c.LogP.Where((_, i) => i % 2 == 1).ToArray();
            w.Line($"{v.T} R = z * {ExpAlgorithms.Horner(v, "w", odd)} + w * {ExpAlgorithms.Horner(v, "w", even)};");
            w.Line($"{v.T} dk = {v.FromBits($"{v.CI(c.ShifterBits)} + k")} - {v.C(c.Shifter)}{exponentAdjust};", "k, exactly");
        }

        private static string Named(Lanes v, string name) => v.Constant($"{(v.IsFloat ? "float" : "double")}.{name}");
    }
}
