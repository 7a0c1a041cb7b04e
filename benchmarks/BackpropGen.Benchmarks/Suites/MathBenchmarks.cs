using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace BackpropGen.Benchmarks.Suites;

/// <summary>
/// The emitted deterministic exp (DeterministicMath.g.cs, identical to what the generator writes) against Math.Exp and
/// MathF.Exp: 1024 arguments in [-20, 20], scalar and Vector256/Vector512 loops. Baseline: the runtime's scalar exp.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class MathBenchmarks
{
    private readonly double[] _x = new double[1024];
    private readonly double[] _y = new double[1024];
    private readonly float[] _xf = new float[1024];
    private readonly float[] _yf = new float[1024];

    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < _x.Length; i++)
        {
            _x[i] = (((i * 7919) % 1024) / 25.6) - 20;
            _xf[i] = (float)_x[i];
        }

        DeterministicMath.Exp512(_x, _y);
        for (int i = 0; i < _x.Length; i++)
        {
            if (Math.Abs(_y[i] - Math.Exp(_x[i])) > 1e-15 * _y[i])
            {
                throw new InvalidOperationException($"exp({_x[i]}) = {_y[i]}, Math.Exp says {Math.Exp(_x[i])}");
            }
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("double")]
    public void MathExp()
    {
        for (int i = 0; i < _x.Length; i++)
        {
            _y[i] = Math.Exp(_x[i]);
        }
    }

    [Benchmark, BenchmarkCategory("double")]
    public void Scalar() => DeterministicMath.ExpScalar(_x, _y);

    [Benchmark, BenchmarkCategory("double")]
    public void Vector256() => DeterministicMath.Exp256(_x, _y);

    [Benchmark, BenchmarkCategory("double")]
    public void Vector512() => DeterministicMath.Exp512(_x, _y);

    [Benchmark(Baseline = true), BenchmarkCategory("float")]
    public void MathFExp()
    {
        for (int i = 0; i < _xf.Length; i++)
        {
            _yf[i] = MathF.Exp(_xf[i]);
        }
    }

    [Benchmark, BenchmarkCategory("float")]
    public void ScalarFloat() => DeterministicMath.ExpScalar(_xf, _yf);

    [Benchmark, BenchmarkCategory("float")]
    public void Vector256Float() => DeterministicMath.Exp256(_xf, _yf);

    [Benchmark, BenchmarkCategory("float")]
    public void Vector512Float() => DeterministicMath.Exp512(_xf, _yf);
}
