using BackpropGen.Benchmarks.HandWritten;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace BackpropGen.Benchmarks.Suites;

/// <summary>
/// Issue 7: a frozen network's static Predict (parameters compiled to constants) vs the trainable twin's Forward vs
/// the idiomatic hand-written Forward (baseline), for the worked example and 64-32-10, in double and float.
/// GlobalSetup checks that Predict equals the trainable Forward bit for bit.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class FrozenBenchmarks
{
    private readonly WorkedD _workedD = new();
    private readonly WorkedF _workedF = new();
    private readonly DigitsD _digitsD = new();
    private readonly DigitsF _digitsF = new();
    private Fixture<double> _wd = null!;
    private Fixture<float> _wf = null!;
    private Fixture<double> _dd = null!;
    private Fixture<float> _df = null!;
    private Rows<double> _rows = null!;

    [GlobalSetup]
    public void Setup()
    {
        _wd = new Fixture<double>(NetworkSpec.Worked, _workedD);
        _wf = new Fixture<float>(NetworkSpec.Worked, _workedF);
        _dd = new Fixture<double>(NetworkSpec.Digits, _digitsD);
        _df = new Fixture<float>(NetworkSpec.Digits, _digitsF);
        _wd.VerifyFrozen(nameof(WorkedFrozenD), WorkedFrozenD.Predict, _workedD);
        _wf.VerifyFrozen(nameof(WorkedFrozenF), WorkedFrozenF.Predict, _workedF);
        _dd.VerifyFrozen(nameof(DigitsFrozenD), DigitsFrozenD.Predict, _digitsD);
        _df.VerifyFrozen(nameof(DigitsFrozenF), DigitsFrozenF.Predict, _digitsF);
        _rows = new Rows<double>(_wd, 64);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("2-2-2 double")]
    public void Worked_Double_IdiomaticForward() => _wd.Idiomatic.Forward(_wd.Input, _wd.Output);

    [Benchmark, BenchmarkCategory("2-2-2 double")]
    public void Worked_Double_TrainableForward() => _workedD.Forward(_wd.Input, _wd.Output);

    [Benchmark, BenchmarkCategory("2-2-2 double")]
    public void Worked_Double_FrozenPredict() => WorkedFrozenD.Predict(_wd.Input, _wd.Output);

    [Benchmark(Baseline = true), BenchmarkCategory("2-2-2 float")]
    public void Worked_Float_IdiomaticForward() => _wf.Idiomatic.Forward(_wf.Input, _wf.Output);

    [Benchmark, BenchmarkCategory("2-2-2 float")]
    public void Worked_Float_TrainableForward() => _workedF.Forward(_wf.Input, _wf.Output);

    [Benchmark, BenchmarkCategory("2-2-2 float")]
    public void Worked_Float_FrozenPredict() => WorkedFrozenF.Predict(_wf.Input, _wf.Output);

    [Benchmark(Baseline = true), BenchmarkCategory("64-32-10 double")]
    public void Digits_Double_IdiomaticForward() => _dd.Idiomatic.Forward(_dd.Input, _dd.Output);

    [Benchmark, BenchmarkCategory("64-32-10 double")]
    public void Digits_Double_TrainableForward() => _digitsD.Forward(_dd.Input, _dd.Output);

    [Benchmark, BenchmarkCategory("64-32-10 double")]
    public void Digits_Double_FrozenPredict() => DigitsFrozenD.Predict(_dd.Input, _dd.Output);

    [Benchmark(Baseline = true), BenchmarkCategory("64-32-10 float")]
    public void Digits_Float_IdiomaticForward() => _df.Idiomatic.Forward(_df.Input, _df.Output);

    [Benchmark, BenchmarkCategory("64-32-10 float")]
    public void Digits_Float_TrainableForward() => _digitsF.Forward(_df.Input, _df.Output);

    [Benchmark, BenchmarkCategory("64-32-10 float")]
    public void Digits_Float_FrozenPredict() => DigitsFrozenF.Predict(_df.Input, _df.Output);

    // The frozen worked example's PredictBatch per row against Predict per row (64 rows per invocation on both sides).
    [Benchmark(Baseline = true, OperationsPerInvoke = 64), BenchmarkCategory("2-2-2 double rows")]
    public void Worked_Double_PredictRows()
    {
        for (int r = 0; r < 64; r++) WorkedFrozenD.Predict(_rows.Input(r), _rows.Output(r));
    }

    [Benchmark(OperationsPerInvoke = 64), BenchmarkCategory("2-2-2 double rows")]
    public void Worked_Double_PredictBatch() => WorkedFrozenD.PredictBatch(_rows.Inputs, _rows.Outputs);
}
