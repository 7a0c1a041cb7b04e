using System;
using BackpropGen.Benchmarks.HandWritten;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace BackpropGen.Benchmarks.Suites;

/// <summary>
/// The worked example's generated Forward and TrainStep against the same network in C (gcc -O3 -march=native, glibc's
/// exp), in one run. The C rows include a P/Invoke without GC transition; <see cref="CallOverhead_C"/> measures it.
/// Setup checks that C and generated agree (1e-12 relative in double, 1e-5 in float) and throws otherwise.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public unsafe class NativeBaselineBenchmarks
{
    private readonly WorkedD _generatedD = new();
    private readonly WorkedF _generatedF = new();
    private readonly double[] _inputD = { 0.05, 0.10 }, _targetD = { 0.01, 0.99 }, _outputD = new double[2];
    private readonly float[] _inputF = { 0.05f, 0.10f }, _targetF = { 0.01f, 0.99f }, _outputF = new float[2];
    private NativeWorked.NetD* _cD;
    private NativeWorked.NetF* _cF;

    [GlobalSetup]
    public void Setup()
    {
        if (!NativeWorked.Available)
        {
            throw new InvalidOperationException("The C baseline was not built (gcc missing when the benchmark project was built).");
        }

        _cD = (NativeWorked.NetD*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc((nuint)sizeof(NativeWorked.NetD), 64);
        _cF = (NativeWorked.NetF*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc((nuint)sizeof(NativeWorked.NetF), 64);
        Span<double> pd = stackalloc double[10];
        Span<float> pf = stackalloc float[10];
        _generatedD.GetParameters(pd);
        _generatedF.GetParameters(pf);
        for (int i = 0; i < 8; i++)
        {
            _cD->W[i] = pd[i];
            _cF->W[i] = pf[i];
        }

        for (int i = 0; i < 2; i++)
        {
            _cD->B[i] = pd[8 + i];
            _cF->B[i] = pf[8 + i];
        }

        Verify();
    }

    /// <summary>One Forward and one TrainStep of each side on copies, compared; the benchmarked state is untouched.</summary>
    private void Verify()
    {
        var copyD = *_cD;
        var copyF = *_cF;
        var twinD = new WorkedD();
        var twinF = new WorkedF();
        double[] outD = new double[2];
        float[] outF = new float[2];
        fixed (double* input = _inputD, target = _targetD, output = outD)
        {
            NativeWorked.Forward(&copyD, input, output);
            twinD.Forward(_inputD, _outputD);
            Check(outD[0], _outputD[0], 1e-12, "Forward double");
            Check(NativeWorked.TrainStep(&copyD, input, target, 0.5), twinD.TrainStep(_inputD, _targetD, 0.5), 1e-12, "TrainStep double loss");
        }

        fixed (float* input = _inputF, target = _targetF, output = outF)
        {
            NativeWorked.Forward(&copyF, input, output);
            twinF.Forward(_inputF, _outputF);
            Check(outF[0], _outputF[0], 1e-5, "Forward float");
            Check(NativeWorked.TrainStep(&copyF, input, target, 0.5f), twinF.TrainStep(_inputF, _targetF, 0.5f), 1e-5, "TrainStep float loss");
        }

        Span<double> after = stackalloc double[10];
        twinD.GetParameters(after);
        Check(copyD.W[4], after[4], 1e-12, "w5 after one step");
    }

    private static void Check(double c, double generated, double tolerance, string what)
    {
        if (Math.Abs(c - generated) > tolerance * Math.Max(1, Math.Abs(c)))
        {
            throw new InvalidOperationException($"{what}: C {c:R} vs generated {generated:R}");
        }
    }

    [Benchmark, BenchmarkCategory("Call")]
    public void CallOverhead_C() => NativeWorked.Nop();

    [Benchmark, BenchmarkCategory("Forward double")]
    public void Forward_Double_Generated() => _generatedD.Forward(_inputD, _outputD);

    [Benchmark(Baseline = true), BenchmarkCategory("Forward double")]
    public void Forward_Double_C()
    {
        fixed (double* input = _inputD, output = _outputD)
        {
            NativeWorked.Forward(_cD, input, output);
        }
    }

    [Benchmark, BenchmarkCategory("Forward float")]
    public void Forward_Float_Generated() => _generatedF.Forward(_inputF, _outputF);

    [Benchmark(Baseline = true), BenchmarkCategory("Forward float")]
    public void Forward_Float_C()
    {
        fixed (float* input = _inputF, output = _outputF)
        {
            NativeWorked.Forward(_cF, input, output);
        }
    }

    [Benchmark, BenchmarkCategory("TrainStep double")]
    public double TrainStep_Double_Generated() => _generatedD.TrainStep(_inputD, _targetD, Fixture<double>.BenchmarkLearningRate);

    [Benchmark(Baseline = true), BenchmarkCategory("TrainStep double")]
    public double TrainStep_Double_C()
    {
        fixed (double* input = _inputD, target = _targetD)
        {
            return NativeWorked.TrainStep(_cD, input, target, Fixture<double>.BenchmarkLearningRate);
        }
    }

    [Benchmark, BenchmarkCategory("TrainStep float")]
    public float TrainStep_Float_Generated() => _generatedF.TrainStep(_inputF, _targetF, Fixture<float>.BenchmarkLearningRate);

    [Benchmark(Baseline = true), BenchmarkCategory("TrainStep float")]
    public float TrainStep_Float_C()
    {
        fixed (float* input = _inputF, target = _targetF)
        {
            return NativeWorked.TrainStep(_cF, input, target, Fixture<float>.BenchmarkLearningRate);
        }
    }
}
