using BackpropGen.Benchmarks.HandWritten;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace BackpropGen.Benchmarks.Suites;

/// <summary>
/// Where split and loops meet: 16-32-10 double in split, loops and forced unrolled (one method past the JIT's inlining
/// budget) vs idiomatic (baseline) vs best-effort, for Forward, Backward and TrainStep; and 4-64-3 (narrow inputs) in
/// split and loops.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class LayoutBenchmarks
{
    private readonly SmallSplitD _split = new();
    private readonly SmallLoopsD _loops = new();
    private readonly SmallUnrolledD _unrolled = new();
    private readonly NarrowSplitD _narrowSplit = new();
    private readonly NarrowLoopsD _narrowLoops = new();
    private Fixture<double> _d = null!;
    private Fixture<double> _narrow = null!;

    [GlobalSetup]
    public void Setup()
    {
        _d = new Fixture<double>(NetworkSpec.Small, _split);
        _d.Verify(_loops);
        _d.Verify(_unrolled);
        _narrow = new Fixture<double>(NetworkSpec.Narrow, _narrowSplit);
        _narrow.Verify(_narrowLoops);
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

    [Benchmark(Baseline = true), BenchmarkCategory("Narrow Forward")]
    public void NarrowForward_Idiomatic() => _narrow.Idiomatic.Forward(_narrow.Input, _narrow.Output);

    [Benchmark, BenchmarkCategory("Narrow Forward")]
    public void NarrowForward_Split() => _narrowSplit.Forward(_narrow.Input, _narrow.Output);

    [Benchmark, BenchmarkCategory("Narrow Forward")]
    public void NarrowForward_Loops() => _narrowLoops.Forward(_narrow.Input, _narrow.Output);

    [Benchmark(Baseline = true), BenchmarkCategory("Narrow TrainStep")]
    public double NarrowTrainStep_Idiomatic() => _narrow.Idiomatic.TrainStep(_narrow.Input, _narrow.Target, Fixture<double>.BenchmarkLearningRate);

    [Benchmark, BenchmarkCategory("Narrow TrainStep")]
    public double NarrowTrainStep_Split() => _narrowSplit.TrainStep(_narrow.Input, _narrow.Target, Fixture<double>.BenchmarkLearningRate);

    [Benchmark, BenchmarkCategory("Narrow TrainStep")]
    public double NarrowTrainStep_Loops() => _narrowLoops.TrainStep(_narrow.Input, _narrow.Target, Fixture<double>.BenchmarkLearningRate);
}
