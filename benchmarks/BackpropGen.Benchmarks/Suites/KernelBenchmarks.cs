using System;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace BackpropGen.Benchmarks.Suites;

/// <summary>
/// Where the loops layout loses time against the best-effort version, kernel by kernel (double, 784-128-10 sizes):
/// the generated kernels (MnistD's own, see Networks.cs) against TensorPrimitives, and the generated per-neuron scalar Math.Tanh against
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

        if (Math.Abs(MnistD.DotKernel(_row, _input) - TensorPrimitives.Dot<double>(_row, _input)) > 1e-12)
        {
            throw new InvalidOperationException("Dot kernels disagree");
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Dot 784")]
    public double Dot784_Generated() => MnistD.DotKernel(_row, _input);

    [Benchmark, BenchmarkCategory("Dot 784")]
    public double Dot784_TensorPrimitives() => TensorPrimitives.Dot<double>(_row, _input);

    [Benchmark(Baseline = true), BenchmarkCategory("AddScaled 784")]
    public void AddScaled784_Generated() => MnistD.AddScaledKernel(_row, _input, 1e-12);

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
}
