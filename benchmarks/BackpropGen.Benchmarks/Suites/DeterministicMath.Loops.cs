using System;
using System.Runtime.Intrinsics;

namespace BackpropGen.Benchmarks.Suites;

/// <summary>Loops over the emitted (private) functions of DeterministicMath.g.cs, one element or one vector at a time.</summary>
internal static partial class DeterministicMath
{
    /// <summary>
    /// A hash of every function's bits (scalar, double and float) over 200,000 arguments (random bit patterns, [-750, 750],
    /// [-2, 2]), and how many vector lanes (Vector128/256/512) differ from the scalar. For running under different ISAs
    /// (DOTNET_EnableAVX512=0, DOTNET_EnableAVX2=0, DOTNET_EnableHWIntrinsic=0, NativeAOT): the hash must not change.
    /// </summary>
    public static (ulong Hash, int Mismatches) Fingerprint()
    {
        ulong hash = 1469598103934665603UL;
        void Mix(ulong value) => hash = (hash ^ value) * 1099511628211UL;
        var random = new Random(42);
        const int n = 200_000;
        var d = new double[n];
        var f = new float[n];
        for (int i = 0; i < n; i++)
        {
            d[i] = (i % 3) switch { 0 => BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue)), 1 => (random.NextDouble() - 0.5) * 1500, _ => (random.NextDouble() - 0.5) * 4 };
            f[i] = (i % 3) switch { 0 => BitConverter.Int32BitsToSingle(random.Next() * (random.Next(2) == 0 ? 1 : -1)), 1 => (float)((random.NextDouble() - 0.5) * 220), _ => (float)((random.NextDouble() - 0.5) * 4) };
        }

        Func<double, double>[] sd = { Exp, ExpM1, Log, Log1P };
        Func<float, float>[] sf = { Exp, ExpM1, Log, Log1P };
        Func<Vector128<double>, Vector128<double>>[] v128d = { Exp, ExpM1, Log, Log1P };
        Func<Vector256<double>, Vector256<double>>[] v256d = { Exp, ExpM1, Log, Log1P };
        Func<Vector512<double>, Vector512<double>>[] v512d = { Exp, ExpM1, Log, Log1P };
        Func<Vector128<float>, Vector128<float>>[] v128f = { Exp, ExpM1, Log, Log1P };
        Func<Vector256<float>, Vector256<float>>[] v256f = { Exp, ExpM1, Log, Log1P };
        Func<Vector512<float>, Vector512<float>>[] v512f = { Exp, ExpM1, Log, Log1P };
        int mismatches = 0;
        for (int fn = 0; fn < 4; fn++)
        {
            for (int i = 0; i + 16 <= n; i += 16)
            {
                Vector128<double> a = v128d[fn](Vector128.Create(d.AsSpan(i)));
                Vector256<double> b = v256d[fn](Vector256.Create(d.AsSpan(i)));
                Vector512<double> c = v512d[fn](Vector512.Create(d.AsSpan(i)));
                Vector128<float> af = v128f[fn](Vector128.Create(f.AsSpan(i)));
                Vector256<float> bf = v256f[fn](Vector256.Create(f.AsSpan(i)));
                Vector512<float> cf = v512f[fn](Vector512.Create(f.AsSpan(i)));
                for (int j = 0; j < 16; j++)
                {
                    long s = BitConverter.DoubleToInt64Bits(sd[fn](d[i + j]));
                    Mix((ulong)s);
                    mismatches += (j < 8 && BitConverter.DoubleToInt64Bits(c[j]) != s ? 1 : 0) + (j < 4 && BitConverter.DoubleToInt64Bits(b[j]) != s ? 1 : 0) + (j < 2 && BitConverter.DoubleToInt64Bits(a[j]) != s ? 1 : 0);
                    int t = BitConverter.SingleToInt32Bits(sf[fn](f[i + j]));
                    Mix((uint)t);
                    mismatches += (BitConverter.SingleToInt32Bits(cf[j]) != t ? 1 : 0) + (j < 8 && BitConverter.SingleToInt32Bits(bf[j]) != t ? 1 : 0) + (j < 4 && BitConverter.SingleToInt32Bits(af[j]) != t ? 1 : 0);
                }
            }
        }

        return (hash, mismatches);
    }

    public static void ExpScalar(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = Exp(x[i]);
        }
    }

    public static void ExpScalar(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = Exp(x[i]);
        }
    }

    public static void Exp256(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i <= x.Length - Vector256<double>.Count; i += Vector256<double>.Count)
        {
            Exp(Vector256.Create(x.Slice(i))).CopyTo(y.Slice(i));
        }
    }

    public static void Exp256(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            Exp(Vector256.Create(x.Slice(i))).CopyTo(y.Slice(i));
        }
    }

    public static void Exp512(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i <= x.Length - Vector512<double>.Count; i += Vector512<double>.Count)
        {
            Exp(Vector512.Create(x.Slice(i))).CopyTo(y.Slice(i));
        }
    }

    public static void Exp512(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
        {
            Exp(Vector512.Create(x.Slice(i))).CopyTo(y.Slice(i));
        }
    }
}
