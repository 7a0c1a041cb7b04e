using System.Reflection;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Emit;
using BackpropGen.Generator.Model;
using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace BackpropGen.Generator.Tests.Numerics;

/// <summary>
/// Issue 14: the emitted Dot and Dot2 sum in the canonical order, bit for bit, on every code path: each .NET 8 path
/// (Vector512, Vector256, Vector128, scalar) is forced by rewriting the IsHardwareAccelerated tests in the source, so all run here
/// whatever this machine has (an unaccelerated vector computes in software, with the same IEEE roundings); the pre-.NET 8
/// path compiles without NET8_0_OR_GREATER. Data of mixed magnitudes and signs, so any other order gives other bits.
/// </summary>
public class CanonicalDotTests
{
    private static readonly string[] Widths = { "Vector512", "Vector256", "Vector128" };

    public static IEnumerable<object[]> Paths() =>
        from isFloat in new[] { false, true }
        from path in new[] { "Vector512", "Vector256", "Vector128", "scalar", "pre-NET8" }
        select new object[] { isFloat, path };

    private static readonly int[] Lengths = Enumerable.Range(0, 201).Concat(new[] { 255, 256, 257, 511, 784, 1000, 1023, 1024, 4097 }).ToArray();

    [Theory]
    [MemberData(nameof(Paths))]
    public void EmittedDotIsTheCanonicalOrderBitForBit(bool isFloat, string path)
    {
        (MethodInfo dot, MethodInfo dot2) = CompileDot(isFloat ? NumericType.Float : NumericType.Double, path);
        var random = new Random(14);
        foreach (int length in Lengths)
        {
            for (int trial = 0; trial < 3; trial++)
            {
                // Dot(left, right), and Dot2(left, other, right): both of Dot2's sums must be Dot's, bit for bit.
                double[] left = MixedMagnitudes(random, length), other = MixedMagnitudes(random, length + trial), right = MixedMagnitudes(random, length + trial);
                if (isFloat)
                {
                    float[] l = Floats(left), o = Floats(other), r = Floats(right);
                    var arguments = new object?[] { l, o, r, null };
                    float sum0 = (float)dot2.Invoke(null, arguments)!;
                    AssertSame(CanonicalFloat(l, r), (float)dot.Invoke(null, new object[] { l, r })!, $"{path} Dot, length {length}");
                    AssertSame(CanonicalFloat(l, r), sum0, $"{path} Dot2 (first), length {length}");
                    AssertSame(CanonicalFloat(o.AsSpan(0, length).ToArray(), r), (float)arguments[3]!, $"{path} Dot2 (second), length {length}");
                }
                else
                {
                    var arguments = new object?[] { left, other, right, null };
                    double sum0 = (double)dot2.Invoke(null, arguments)!;
                    AssertSame(CanonicalDouble(left, right), (double)dot.Invoke(null, new object[] { left, right })!, $"{path} Dot, length {length}");
                    AssertSame(CanonicalDouble(left, right), sum0, $"{path} Dot2 (first), length {length}");
                    AssertSame(CanonicalDouble(other.AsSpan(0, length).ToArray(), right), (double)arguments[3]!, $"{path} Dot2 (second), length {length}");
                }
            }
        }
    }

    private static float[] Floats(double[] values) => values.Select(v => (float)v).ToArray();

    private static void AssertSame(double expected, double actual, string what) =>
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), $"{what}: {actual:R} instead of {expected:R}");

    private static void AssertSame(float expected, float actual, string what) =>
        Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual), $"{what}: {actual:R} instead of {expected:R}");

    /// <summary>The test can fail: the data is such that plain left-to-right summation differs from the canonical order.</summary>
    [Fact]
    public void TheDataTellsOrdersApart()
    {
        var random = new Random(14);
        int differing = 0;
        int[] lengths = { 32, 48, 64, 100, 128, 200, 256, 300, 512, 784 };
        foreach (int length in lengths)
        {
            double[] left = MixedMagnitudes(random, length), right = MixedMagnitudes(random, length);
            double sequential = 0;
            for (int i = 0; i < length; i++)
            {
                sequential += left[i] * right[i];
            }

            differing += BitConverter.DoubleToInt64Bits(sequential) != BitConverter.DoubleToInt64Bits(CanonicalDouble(left, right)) ? 1 : 0;
        }

        Assert.True(differing >= lengths.Length / 2, $"only {differing} of {lengths.Length} lengths tell the orders apart");
    }

    /// <summary>
    /// The test can fail on the tail: the rule before this one (whole blocks, halving, then every element past the blocks
    /// added one at a time) gives other bits for many lengths whose tail has a 16-byte step, in both types.
    /// </summary>
    [Fact]
    public void TheDataTellsTailRulesApart()
    {
        var random = new Random(14);
        int differingDouble = 0, differingFloat = 0, lengths = 0;
        for (int length = 1; length <= 300; length++)
        {
            if (length % 32 < 4)
            {
                continue; // no float tail step of 16 bytes or more: the rules agree by construction
            }

            lengths++;
            double[] left = MixedMagnitudes(random, length), right = MixedMagnitudes(random, length);
            float[] l = Floats(left), r = Floats(right);
            differingDouble += BitConverter.DoubleToInt64Bits(CanonicalDouble(left, right)) != BitConverter.DoubleToInt64Bits(TailOneByOne(left, right, 16)) ? 1 : 0;
            differingFloat += BitConverter.SingleToInt32Bits(CanonicalFloat(l, r)) != BitConverter.SingleToInt32Bits(TailOneByOne(l, r, 32)) ? 1 : 0;
        }

        Assert.True(differingDouble >= lengths / 3 && differingFloat >= lengths / 3, $"only {differingDouble} (double) and {differingFloat} (float) of {lengths} lengths tell the tail rules apart");
    }

    /// <summary>Signs, and magnitudes over 2^-20 .. 2^20, so roundings depend on the order of the adds.</summary>
    private static double[] MixedMagnitudes(Random random, int length) =>
        Enumerable.Range(0, length).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-20, 21))).ToArray();

    // The definition (issue 14), written plainly: L lanes at +0, whole blocks into s[j]; then for w = L/2 .. 1, s[j] += s[j + w]
    // and, if w elements are left, the next w into s[0..w).
    private static double CanonicalDouble(double[] left, double[] right)
    {
        const int L = 16;
        var s = new double[L];
        int whole = left.Length - left.Length % L, i = 0;
        for (; i < whole; i++)
        {
            s[i % L] += left[i] * right[i];
        }

        for (int w = L / 2; w >= 1; w /= 2)
        {
            for (int j = 0; j < w; j++)
            {
                s[j] += s[j + w];
            }

            if (left.Length - i >= w)
            {
                for (int j = 0; j < w; j++)
                {
                    s[j] += left[i + j] * right[i + j];
                }

                i += w;
            }
        }

        return s[0];
    }

    private static float CanonicalFloat(float[] left, float[] right)
    {
        const int L = 32;
        var s = new float[L];
        int whole = left.Length - left.Length % L, i = 0;
        for (; i < whole; i++)
        {
            s[i % L] += left[i] * right[i];
        }

        for (int w = L / 2; w >= 1; w /= 2)
        {
            for (int j = 0; j < w; j++)
            {
                s[j] += s[j + w];
            }

            if (left.Length - i >= w)
            {
                for (int j = 0; j < w; j++)
                {
                    s[j] += left[i + j] * right[i + j];
                }

                i += w;
            }
        }

        return s[0];
    }

    // The previous rule, only to show the tests tell it apart: blocks, halving, then the tail one element at a time.
    private static double TailOneByOne(double[] left, double[] right, int lanes)
    {
        var s = new double[lanes];
        int whole = left.Length - left.Length % lanes;
        for (int i = 0; i < whole; i++)
        {
            s[i % lanes] += left[i] * right[i];
        }

        for (int h = lanes / 2; h >= 1; h /= 2)
        {
            for (int j = 0; j < h; j++)
            {
                s[j] += s[j + h];
            }
        }

        double sum = s[0];
        for (int i = whole; i < left.Length; i++)
        {
            sum += left[i] * right[i];
        }

        return sum;
    }

    private static float TailOneByOne(float[] left, float[] right, int lanes)
    {
        var s = new float[lanes];
        int whole = left.Length - left.Length % lanes;
        for (int i = 0; i < whole; i++)
        {
            s[i % lanes] += left[i] * right[i];
        }

        for (int h = lanes / 2; h >= 1; h /= 2)
        {
            for (int j = 0; j < h; j++)
            {
                s[j] += s[j + h];
            }
        }

        float sum = s[0];
        for (int i = whole; i < left.Length; i++)
        {
            sum += left[i] * right[i];
        }

        return sum;
    }

    private static (MethodInfo Dot, MethodInfo Dot2) CompileDot(NumericType numeric, string path)
    {
        var w = new SourceWriter();
        VectorKernels.Write(w, numeric, dotOnly: true);
        string kernels = w.ToString();
        int forced = Array.IndexOf(Widths, path);
        for (int k = 0; k < Widths.Length; k++)
        {
            string condition = $"global::System.Runtime.Intrinsics.{Widths[k]}.IsHardwareAccelerated";
            Assert.Contains(condition, kernels);
            kernels = kernels.Replace(condition, k == forced ? "true" : "false");
        }

        string t = numeric.Keyword;
        string source = $"public static class Kernels\n{{\n    public static {t} Call({t}[] left, {t}[] right) => Dot(left, right);\n    public static {t} Call2({t}[] left0, {t}[] left1, {t}[] right, out {t} sum1) {{ Dot2(left0, left1, right, out {t} sum0, out sum1); return sum0; }}\n{kernels}}}\n";
        CSharpParseOptions options = path == "pre-NET8" ? new CSharpParseOptions(LanguageVersion.CSharp8) : GeneratorHarness.ParseOptions;
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Array.Empty<string>())
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, options))
            .WithOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, allowUnsafe: false));
        Assembly assembly = GeneratorHarness.EmitAndLoad(compilation);
        return (assembly.GetType("Kernels")!.GetMethod("Call")!, assembly.GetType("Kernels")!.GetMethod("Call2")!);
    }
}
