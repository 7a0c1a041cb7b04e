using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace BackpropGen.Benchmarks.Suites;

/// <summary>
/// Where the loops layout loses time against the best-effort version, kernel by kernel (double, 784-128-10 sizes):
/// the generated kernels (copied here verbatim from the generated VectorKernels: System.Numerics.Vector&lt;T&gt;, four
/// accumulators in Dot) against TensorPrimitives, and the generated per-neuron scalar Math.Tanh against
/// TensorPrimitives.Tanh over the layer. Baseline: the generated kernel.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class KernelBenchmarks
{
    private readonly double[] _row = new double[784];
    private readonly double[] _input = new double[784];
    private readonly double[] _net = new double[128];
    private readonly double[] _out = new double[128];

    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < _row.Length; i++)
        {
            _row[i] = ((i * 7919) % 1000) / 10000.0 - 0.05;
            _input[i] = ((i * 37 + 11) % 101) / 100.0;
        }

        for (int i = 0; i < _net.Length; i++)
        {
            _net[i] = ((i * 13) % 40) / 10.0 - 2.0;
        }

        if (Math.Abs(GeneratedDot(_row, _input) - TensorPrimitives.Dot<double>(_row, _input)) > 1e-12)
        {
            throw new InvalidOperationException("Dot kernels disagree");
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Dot 784")]
    public double Dot784_Generated() => GeneratedDot(_row, _input);

    [Benchmark, BenchmarkCategory("Dot 784")]
    public double Dot784_TensorPrimitives() => TensorPrimitives.Dot<double>(_row, _input);

    [Benchmark(Baseline = true), BenchmarkCategory("AddScaled 784")]
    public void AddScaled784_Generated() => GeneratedAddScaled(_row, _input, 1e-12);

    [Benchmark, BenchmarkCategory("AddScaled 784")]
    public void AddScaled784_TensorPrimitives() => TensorPrimitives.MultiplyAdd(_input, 1e-12, _row, _row);

    [Benchmark(Baseline = true), BenchmarkCategory("Tanh 128")]
    public void Tanh128_GeneratedScalar()
    {
        for (int n = 0; n < _net.Length; n++)
        {
            _out[n] = Math.Tanh(_net[n]);
        }
    }

    [Benchmark, BenchmarkCategory("Tanh 128")]
    public void Tanh128_TensorPrimitives() => TensorPrimitives.Tanh<double>(_net, _out);

    // The generated kernels, as VectorKernels.Write emits them.
    private static double GeneratedDot(ReadOnlySpan<double> left, ReadOnlySpan<double> right)
    {
        double sum = 0.0;
        int i = 0;
        if (Vector.IsHardwareAccelerated && left.Length >= 4 * Vector<double>.Count)
        {
            var l = MemoryMarshal.Cast<double, Vector<double>>(left);
            var r = MemoryMarshal.Cast<double, Vector<double>>(right.Slice(0, left.Length));
            Vector<double> s0 = default, s1 = default, s2 = default, s3 = default;
            int v = 0;
            for (; v <= l.Length - 4; v += 4)
            {
                s0 += l[v] * r[v];
                s1 += l[v + 1] * r[v + 1];
                s2 += l[v + 2] * r[v + 2];
                s3 += l[v + 3] * r[v + 3];
            }

            for (; v < l.Length; v++)
            {
                s0 += l[v] * r[v];
            }

            sum = Vector.Sum((s0 + s1) + (s2 + s3));
            i = l.Length * Vector<double>.Count;
        }

        for (; i < left.Length; i++)
        {
            sum += left[i] * right[i];
        }

        return sum;
    }

    private static void GeneratedAddScaled(Span<double> destination, ReadOnlySpan<double> source, double scale)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && destination.Length >= Vector<double>.Count)
        {
            var d = MemoryMarshal.Cast<double, Vector<double>>(destination);
            var s = MemoryMarshal.Cast<double, Vector<double>>(source.Slice(0, destination.Length));
            var factor = new Vector<double>(scale);
            for (int v = 0; v < d.Length; v++)
            {
                d[v] += s[v] * factor;
            }

            i = d.Length * Vector<double>.Count;
        }

        for (; i < destination.Length; i++)
        {
            destination[i] += source[i] * scale;
        }
    }
}
