using BackpropGen.Benchmarks.HandWritten;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace BackpropGen.Benchmarks.Suites;

/// <summary>
/// 784-128-10 (loops layout): generated vs idiomatic (baseline) vs best-effort, for Forward, Backward and TrainStep in double and float.
/// One category per method and precision, so each ratio compares implementations within one run.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class MnistBenchmarks
{
    private readonly MnistD _generatedD = new();
    private readonly MnistF _generatedF = new();
    private Fixture<double> _d = null!;
    private Fixture<float> _f = null!;
    private Rows<double> _rowsD = null!;
    private Rows<float> _rowsF = null!;

    [GlobalSetup]
    public void Setup()
    {
        _d = new Fixture<double>(NetworkSpec.Mnist, _generatedD);
        _f = new Fixture<float>(NetworkSpec.Mnist, _generatedF);
        _rowsD = new Rows<double>(_d, 64);
        _rowsF = new Rows<float>(_f, 64);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Forward double")]
    public void Forward_Double_Idiomatic() => _d.Idiomatic.Forward(_d.Input, _d.Output);

    [Benchmark, BenchmarkCategory("Forward double")]
    public void Forward_Double_Generated() => _generatedD.Forward(_d.Input, _d.Output);

    [Benchmark, BenchmarkCategory("Forward double")]
    public void Forward_Double_BestEffort() => _d.BestEffort.Forward(_d.Input, _d.Output);

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

    [Benchmark(Baseline = true), BenchmarkCategory("TrainStep float")]
    public float TrainStep_Float_Idiomatic() => _f.Idiomatic.TrainStep(_f.Input, _f.Target, Fixture<float>.BenchmarkLearningRate);

    [Benchmark, BenchmarkCategory("TrainStep float")]
    public float TrainStep_Float_Generated() => _generatedF.TrainStep(_f.Input, _f.Target, Fixture<float>.BenchmarkLearningRate);

    [Benchmark, BenchmarkCategory("TrainStep float")]
    public float TrainStep_Float_BestEffort() => _f.BestEffort.TrainStep(_f.Input, _f.Target, Fixture<float>.BenchmarkLearningRate);

    // 784-128-10 ForwardBatch per row against Forward per row: 64 rows per invocation on both sides, so the ratio is per row.
    [Benchmark(Baseline = true, OperationsPerInvoke = 64), BenchmarkCategory("ForwardBatch double")]
    public void ForwardDouble_Rows_Generated()
    {
        for (int r = 0; r < 64; r++) _generatedD.Forward(_rowsD.Input(r), _rowsD.Output(r));
    }

    [Benchmark(OperationsPerInvoke = 64), BenchmarkCategory("ForwardBatch double")]
    public void ForwardBatch_Double_Generated() => _generatedD.ForwardBatch(_rowsD.Inputs, _rowsD.Outputs);

    // 784-128-10 ForwardBatch per row against Forward per row: 64 rows per invocation on both sides, so the ratio is per row.
    [Benchmark(Baseline = true, OperationsPerInvoke = 64), BenchmarkCategory("ForwardBatch float")]
    public void ForwardFloat_Rows_Generated()
    {
        for (int r = 0; r < 64; r++) _generatedF.Forward(_rowsF.Input(r), _rowsF.Output(r));
    }

    [Benchmark(OperationsPerInvoke = 64), BenchmarkCategory("ForwardBatch float")]
    public void ForwardBatch_Float_Generated() => _generatedF.ForwardBatch(_rowsF.Inputs, _rowsF.Outputs);

    // TrainBatch of 32 rows per row against TrainStep per row (32 steps per invocation on both sides).
    [Benchmark(Baseline = true, OperationsPerInvoke = 32), BenchmarkCategory("TrainBatch double")]
    public double TrainStepDouble_Rows_Generated()
    {
        double loss = 0;
        for (int r = 0; r < 32; r++) loss += _generatedD.TrainStep(_rowsD.Input(r), _rowsD.Target(r), Fixture<double>.BenchmarkLearningRate);
        return loss;
    }

    [Benchmark(OperationsPerInvoke = 32), BenchmarkCategory("TrainBatch double")]
    public double TrainBatch_Double_Generated() => _generatedD.TrainBatch(_rowsD.FirstInputs(32), _rowsD.FirstTargets(32), Fixture<double>.BenchmarkLearningRate);

    // TrainBatch of 32 rows per row against TrainStep per row (32 steps per invocation on both sides).
    [Benchmark(Baseline = true, OperationsPerInvoke = 32), BenchmarkCategory("TrainBatch float")]
    public float TrainStepFloat_Rows_Generated()
    {
        float loss = 0;
        for (int r = 0; r < 32; r++) loss += _generatedF.TrainStep(_rowsF.Input(r), _rowsF.Target(r), Fixture<float>.BenchmarkLearningRate);
        return loss;
    }

    [Benchmark(OperationsPerInvoke = 32), BenchmarkCategory("TrainBatch float")]
    public float TrainBatch_Float_Generated() => _generatedF.TrainBatch(_rowsF.FirstInputs(32), _rowsF.FirstTargets(32), Fixture<float>.BenchmarkLearningRate);
}
