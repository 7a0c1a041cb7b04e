using System;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace BackpropGen.Benchmarks.Suites;

/// <summary>
/// How close the 784-128-10 dot products come to what this machine can do (issue 14's ForwardBatch and TrainBatch
/// targets): the clock (a chain of dependent scalar additions), the peak of 512-bit multiply-then-add pairs with no memory
/// operand, and the generated kernels at the layer's real sizes. The single-row pass takes weight rows in pairs (Dot2, one
/// row of values); the batch pass takes the same pairs against 4 rows of values at once (DotRows2). Each reports the time
/// per operation: per addition, per 8-lane pair, per multiply-add of a weight and a value. TrainBatch's gradient sums
/// (AddOuterRows, 32 rows into the 128 x 784 sums) are the other half of its arithmetic.
/// </summary>
[MemoryDiagnoser]
public class ThroughputBenchmarks
{
    private const int FanIn = 784, Neurons = 128, Rows = 4, Chain = 4096, PeakIterations = 1024, GradientRows = 32;
    private readonly double[] _weights = new double[Neurons * FanIn];
    private readonly double[] _values = new double[Rows * FanIn];
    private readonly double[] _results = new double[Rows * Neurons];
    private readonly double[] _sums = new double[Neurons * FanIn];
    private readonly double[] _feed = new double[GradientRows * FanIn];
    private readonly double[] _deltas = new double[GradientRows * Neurons];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(14);
        for (int i = 0; i < _weights.Length; i++)
        {
            _weights[i] = random.NextDouble() - 0.5;
        }

        for (int i = 0; i < _values.Length; i++)
        {
            _values[i] = random.NextDouble();
        }

        for (int i = 0; i < _feed.Length; i++)
        {
            _feed[i] = random.NextDouble();
        }

        for (int i = 0; i < _deltas.Length; i++)
        {
            _deltas[i] = (random.NextDouble() - 0.5) * 1e-9;
        }

        // The batch kernel's results are the single-row kernel's, bit for bit (the canonical order).
        DotRows2_Batch();
        MnistD.Dot2Kernel(_weights.AsSpan(2 * FanIn, FanIn), _weights.AsSpan(3 * FanIn, FanIn), _values.AsSpan(FanIn, FanIn), out double sum0, out double sum1);
        if (sum0 != _results[Neurons + 2] || sum1 != _results[Neurons + 3])
        {
            throw new InvalidOperationException("DotRows2 and Dot2 disagree");
        }
    }

    /// <summary>Dependent scalar additions: each waits for the last (3 cycles each on AMD Zen 4), so the time per addition gives the clock.</summary>
    [Benchmark(OperationsPerInvoke = Chain)]
    public double Clock_DependentAdds()
    {
        double x = 0, y = 1e-300;
        for (int i = 0; i < Chain; i += 8)
        {
            x += y; x += y; x += y; x += y; x += y; x += y; x += y; x += y;
        }

        return x;
    }

    /// <summary>16 independent chains of a 512-bit multiply, then an add (8 lanes each): the most pairs per cycle with no loads.</summary>
    [Benchmark(OperationsPerInvoke = 16 * PeakIterations)]
    public Vector512<double> Peak_MultiplyAddPairs512()
    {
        Vector512<double> m = Vector512.Create(1.0000000001), b = Vector512.Create(1e-300);
        Vector512<double> a0 = m, a1 = m + b, a2 = m - b, a3 = m * m, a4 = b, a5 = b + b, a6 = m + m, a7 = b * m;
        Vector512<double> a8 = a0 + b, a9 = a1 + b, a10 = a2 + b, a11 = a3 + b, a12 = a4 + m, a13 = a5 + m, a14 = a6 + b, a15 = a7 + b;
        for (int i = 0; i < PeakIterations; i++)
        {
            a0 = a0 * m + b; a1 = a1 * m + b; a2 = a2 * m + b; a3 = a3 * m + b; a4 = a4 * m + b; a5 = a5 * m + b; a6 = a6 * m + b; a7 = a7 * m + b;
            a8 = a8 * m + b; a9 = a9 * m + b; a10 = a10 * m + b; a11 = a11 * m + b; a12 = a12 * m + b; a13 = a13 * m + b; a14 = a14 * m + b; a15 = a15 * m + b;
        }

        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15;
    }

    /// <summary>Forward's kernel for 4 rows: each row's 128 x 784 multiply-adds, weight rows in pairs.</summary>
    [Benchmark(OperationsPerInvoke = Rows * Neurons * FanIn)]
    public double Dot2_RowByRow()
    {
        double total = 0;
        for (int r = 0; r < Rows; r++)
        {
            ReadOnlySpan<double> row = _values.AsSpan(r * FanIn, FanIn);
            for (int n = 0; n < Neurons; n += 2)
            {
                MnistD.Dot2Kernel(_weights.AsSpan(n * FanIn, FanIn), _weights.AsSpan((n + 1) * FanIn, FanIn), row, out double sum0, out double sum1);
                total += sum0 + sum1;
            }
        }

        return total;
    }

    /// <summary>ForwardBatch's kernel: the same multiply-adds, each pair of weight rows against the 4 rows at once.</summary>
    [Benchmark(OperationsPerInvoke = Rows * Neurons * FanIn)]
    public void DotRows2_Batch()
    {
        for (int n = 0; n < Neurons; n += 2)
        {
            MnistD.DotRows2Kernel(_weights.AsSpan(n * FanIn, FanIn), _weights.AsSpan((n + 1) * FanIn, FanIn), ref _values[0], FanIn, ref _results[n], Neurons);
        }
    }

    /// <summary>TrainBatch's gradient sums: 32 rows' products added to the 128 x 784 sums, in row order.</summary>
    [Benchmark(OperationsPerInvoke = GradientRows * Neurons * FanIn)]
    public void AddOuterRows_GradientSums() => MnistD.AddOuterRowsKernel(_sums, Neurons, FanIn, ref _feed[0], FanIn, ref _deltas[0], Neurons, GradientRows);
}
