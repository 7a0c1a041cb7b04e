using System;
using System.Runtime.Intrinsics;

namespace BackpropGen.Benchmarks.Suites;

/// <summary>Loops over the emitted (private) functions of DeterministicMath.g.cs, one element or one vector at a time.</summary>
internal static partial class DeterministicMath
{
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
