using BackpropGen.Benchmarks.HandWritten;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace BackpropGen.Benchmarks.Suites;

/// <summary>
/// 16-32-10 double, where "auto" picks the split layout: split vs loops vs forced unrolled (one method past the JIT's
/// inlining budget) vs idiomatic (baseline) vs best-effort, for Forward, Backward and TrainStep.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class LayoutBenchmarks
{
    private readonly SmallSplitD _split = new();
    private readonly SmallLoopsD _loops = new();
    private readonly SmallUnrolledD _unrolled = new();
    private Fixture<double> _d = null!;

    [GlobalSetup]
    public void Setup()
    {
        _d = new Fixture<double>(NetworkSpec.Small, _split);
        _d.Verify(_loops);
        _d.Verify(_unrolled);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Forward")]
    public void Forward_Idiomatic() => _d.Idiomatic.Forward(_d.Input, _d.Output);

    [Benchmark, BenchmarkCategory("Forward")]
    public void Forward_Split() => _split.Forward(_d.Input, _d.Output);

    [Benchmark, BenchmarkCategory("Forward")]
    public void Forward_Loops() => _loops.Forward(_d.Input, _d.Output);

    [Benchmark, BenchmarkCategory("Forward")]
    public void Forward_Unrolled() => _unrolled.Forward(_d.Input, _d.Output);

    [Benchmark, BenchmarkCategory("Forward")]
    public void Forward_BestEffort() => _d.BestEffort.Forward(_d.Input, _d.Output);

    [Benchmark(Baseline = true), BenchmarkCategory("Backward")]
    public double Backward_Idiomatic() => _d.Idiomatic.Backward(_d.Input, _d.Target);

    [Benchmark, BenchmarkCategory("Backward")]
    public double Backward_Split() => _split.Backward(_d.Input, _d.Target, _d.Gradient);

    [Benchmark, BenchmarkCategory("Backward")]
    public double Backward_Loops() => _loops.Backward(_d.Input, _d.Target, _d.Gradient);

    [Benchmark, BenchmarkCategory("Backward")]
    public double Backward_Unrolled() => _unrolled.Backward(_d.Input, _d.Target, _d.Gradient);

    [Benchmark, BenchmarkCategory("Backward")]
    public double Backward_BestEffort() => _d.BestEffort.Backward(_d.Input, _d.Target, _d.Gradient);

    [Benchmark(Baseline = true), BenchmarkCategory("TrainStep")]
    public double TrainStep_Idiomatic() => _d.Idiomatic.TrainStep(_d.Input, _d.Target, Fixture<double>.BenchmarkLearningRate);

    [Benchmark, BenchmarkCategory("TrainStep")]
    public double TrainStep_Split() => _split.TrainStep(_d.Input, _d.Target, Fixture<double>.BenchmarkLearningRate);

    [Benchmark, BenchmarkCategory("TrainStep")]
    public double TrainStep_Loops() => _loops.TrainStep(_d.Input, _d.Target, Fixture<double>.BenchmarkLearningRate);

    [Benchmark, BenchmarkCategory("TrainStep")]
    public double TrainStep_Unrolled() => _unrolled.TrainStep(_d.Input, _d.Target, Fixture<double>.BenchmarkLearningRate);

    [Benchmark, BenchmarkCategory("TrainStep")]
    public double TrainStep_BestEffort() => _d.BestEffort.TrainStep(_d.Input, _d.Target, Fixture<double>.BenchmarkLearningRate);
}
