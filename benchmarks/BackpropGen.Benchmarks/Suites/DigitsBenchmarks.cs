using BackpropGen.Benchmarks.HandWritten;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace BackpropGen.Benchmarks.Suites;

/// <summary>
/// 64-32-10 (loops layout; plus the forced unrolled layout in double): generated vs idiomatic (baseline) vs best-effort, for Forward, Backward and TrainStep in double and float.
/// One category per method and precision, so each ratio compares implementations within one run.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class DigitsBenchmarks
{
    private readonly DigitsD _generatedD = new();
    private readonly DigitsF _generatedF = new();
    private readonly DigitsUnrolledD _unrolledD = new();
    private Fixture<double> _d = null!;
    private Fixture<float> _f = null!;

    [GlobalSetup]
    public void Setup()
    {
        _d = new Fixture<double>(NetworkSpec.Digits, _generatedD);
        _f = new Fixture<float>(NetworkSpec.Digits, _generatedF);
        _d.Verify(_unrolledD);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Forward double")]
    public void Forward_Double_Idiomatic() => _d.Idiomatic.Forward(_d.Input, _d.Output);

    [Benchmark, BenchmarkCategory("Forward double")]
    public void Forward_Double_Generated() => _generatedD.Forward(_d.Input, _d.Output);

    [Benchmark, BenchmarkCategory("Forward double")]
    public void Forward_Double_BestEffort() => _d.BestEffort.Forward(_d.Input, _d.Output);

    /// <summary>The same network generated with "codegen": "unrolled" (as samples/Digits is).</summary>
    [Benchmark, BenchmarkCategory("Forward double")]
    public void Forward_Double_GeneratedUnrolled() => _unrolledD.Forward(_d.Input, _d.Output);

    [Benchmark(Baseline = true), BenchmarkCategory("Forward float")]
    public void Forward_Float_Idiomatic() => _f.Idiomatic.Forward(_f.Input, _f.Output);

    [Benchmark, BenchmarkCategory("Forward float")]
    public void Forward_Float_Generated() => _generatedF.Forward(_f.Input, _f.Output);

    [Benchmark, BenchmarkCategory("Forward float")]
    public void Forward_Float_BestEffort() => _f.BestEffort.Forward(_f.Input, _f.Output);

    [Benchmark(Baseline = true), BenchmarkCategory("Backward double")]
    public double Backward_Double_Idiomatic() => _d.Idiomatic.Backward(_d.Input, _d.Target);

    [Benchmark, BenchmarkCategory("Backward double")]
    public double Backward_Double_Generated() => _generatedD.Backward(_d.Input, _d.Target, _d.Gradient);

    [Benchmark, BenchmarkCategory("Backward double")]
    public double Backward_Double_BestEffort() => _d.BestEffort.Backward(_d.Input, _d.Target, _d.Gradient);

    /// <summary>The same network generated with "codegen": "unrolled" (as samples/Digits is).</summary>
    [Benchmark, BenchmarkCategory("Backward double")]
    public double Backward_Double_GeneratedUnrolled() => _unrolledD.Backward(_d.Input, _d.Target, _d.Gradient);

    [Benchmark(Baseline = true), BenchmarkCategory("Backward float")]
    public float Backward_Float_Idiomatic() => _f.Idiomatic.Backward(_f.Input, _f.Target);

    [Benchmark, BenchmarkCategory("Backward float")]
    public float Backward_Float_Generated() => _generatedF.Backward(_f.Input, _f.Target, _f.Gradient);

    [Benchmark, BenchmarkCategory("Backward float")]
    public float Backward_Float_BestEffort() => _f.BestEffort.Backward(_f.Input, _f.Target, _f.Gradient);

    [Benchmark(Baseline = true), BenchmarkCategory("TrainStep double")]
    public double TrainStep_Double_Idiomatic() => _d.Idiomatic.TrainStep(_d.Input, _d.Target, Fixture<double>.BenchmarkLearningRate);

    [Benchmark, BenchmarkCategory("TrainStep double")]
    public double TrainStep_Double_Generated() => _generatedD.TrainStep(_d.Input, _d.Target, Fixture<double>.BenchmarkLearningRate);

    [Benchmark, BenchmarkCategory("TrainStep double")]
    public double TrainStep_Double_BestEffort() => _d.BestEffort.TrainStep(_d.Input, _d.Target, Fixture<double>.BenchmarkLearningRate);

    /// <summary>The same network generated with "codegen": "unrolled" (as samples/Digits is).</summary>
    [Benchmark, BenchmarkCategory("TrainStep double")]
    public double TrainStep_Double_GeneratedUnrolled() => _unrolledD.TrainStep(_d.Input, _d.Target, Fixture<double>.BenchmarkLearningRate);

    [Benchmark(Baseline = true), BenchmarkCategory("TrainStep float")]
    public float TrainStep_Float_Idiomatic() => _f.Idiomatic.TrainStep(_f.Input, _f.Target, Fixture<float>.BenchmarkLearningRate);

    [Benchmark, BenchmarkCategory("TrainStep float")]
    public float TrainStep_Float_Generated() => _generatedF.TrainStep(_f.Input, _f.Target, Fixture<float>.BenchmarkLearningRate);

    [Benchmark, BenchmarkCategory("TrainStep float")]
    public float TrainStep_Float_BestEffort() => _f.BestEffort.TrainStep(_f.Input, _f.Target, Fixture<float>.BenchmarkLearningRate);
}
