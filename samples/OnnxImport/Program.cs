using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;

namespace OnnxImport;

/// <summary>
/// Runs the imported PyTorch model (IrisMlp.Predict, generated code) and ONNX Runtime on the same file on all 150 Iris
/// rows: agreement first (deterministic lines; exit code 1 if a class differs or an output is off by more than 1e-5),
/// then the time per prediction of both, measured in this process (not deterministic).
/// Options: --no-timing (agreement only), --rounds N (timing repetitions, default 7).
/// </summary>
internal static class Program
{
    private const double Tolerance = 1e-5;

    private static int Main(string[] args)
    {
        bool timing = !args.Contains("--no-timing");
        int rounds = args.SkipWhile(a => a != "--rounds").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(7);
        string folder = AppContext.BaseDirectory;
        (float[][] rows, int[] labels) = ReadIris(Path.Combine(folder, "data", "iris.csv"));
        string[] classes = { "setosa", "versicolor", "virginica" };

        using var onnx = new OnnxModel(Path.Combine(folder, "iris_mlp.onnx"));
        var ours = new float[rows.Length][];
        var theirs = new float[rows.Length][];
        for (int r = 0; r < rows.Length; r++)
        {
            ours[r] = new float[IrisMlp.OutputCount];
            IrisMlp.Predict(rows[r], ours[r]);
            theirs[r] = onnx.Predict(rows[r]);
        }

        double worst = 0;
        int sameClass = 0, oursRight = 0, theirsRight = 0, heldOut = 0, heldOutRight = 0;
        for (int r = 0; r < rows.Length; r++)
        {
            for (int k = 0; k < IrisMlp.OutputCount; k++)
            {
                worst = Math.Max(worst, Math.Abs(ours[r][k] - theirs[r][k]));
            }

            int a = ArgMax(ours[r]), b = ArgMax(theirs[r]);
            sameClass += a == b ? 1 : 0;
            oursRight += a == labels[r] ? 1 : 0;
            theirsRight += b == labels[r] ? 1 : 0;
            if (r % 5 == 4)
            {
                heldOut++;
                heldOutRight += a == labels[r] ? 1 : 0;
            }
        }

        Console.WriteLine($"Iris MLP trained in PyTorch (train.py), exported to ONNX, imported by backpropgen: {IrisMlp.InputCount}-16-{IrisMlp.OutputCount}, {IrisMlp.ParameterCount} parameters, float");
        Console.WriteLine($"Rows: {rows.Length} (every 5th held out from training: {heldOut})");
        Console.WriteLine($"Same class as ONNX Runtime: {sameClass}/{rows.Length}");
        Console.WriteLine($"Largest |difference| of a probability: {(worst == 0 ? "0" : worst.ToString("0.0E+0", CultureInfo.InvariantCulture))} (tolerance {Tolerance.ToString("0E+0", CultureInfo.InvariantCulture)}; float32 rounding)");
        Console.WriteLine($"Accuracy, BackpropGen: {oursRight}/{rows.Length} (held out {heldOutRight}/{heldOut}); ONNX Runtime: {theirsRight}/{rows.Length}");
        Console.WriteLine($"Row 1 ({classes[labels[0]]}): BackpropGen [{Format(ours[0])}], ONNX Runtime [{Format(theirs[0])}]");
        bool agree = sameClass == rows.Length && worst <= Tolerance;
        Console.WriteLine(agree ? "AGREE" : "DISAGREE");

        if (timing)
        {
            Time(rows, onnx, rounds);
        }

        return agree ? 0 : 1;
    }

    /// <summary>
    /// Time per prediction, one row at a time as an application calls it, median of <paramref name="rounds"/> rounds.
    /// ONNX Runtime gets its fastest path: one thread, input and output tensors allocated once and reused, no allocation
    /// per call. Its batched throughput (150 rows per call) is printed too.
    /// </summary>
    private static void Time(float[][] rows, OnnxModel onnx, int rounds)
    {
        var output = new float[IrisMlp.OutputCount];
        float sink = 0;
        double TimeOurs(int passes)
        {
            var watch = Stopwatch.StartNew();
            for (int p = 0; p < passes; p++)
            {
                foreach (float[] row in rows)
                {
                    IrisMlp.Predict(row, output);
                    sink += output[0];
                }
            }

            return watch.Elapsed.TotalNanoseconds / (passes * rows.Length);
        }

        double TimeTheirs(int passes)
        {
            var watch = Stopwatch.StartNew();
            for (int p = 0; p < passes; p++)
            {
                foreach (float[] row in rows)
                {
                    sink += onnx.Predict(row)[0];
                }
            }

            return watch.Elapsed.TotalNanoseconds / (passes * rows.Length);
        }

        double TimeBatch(int passes)
        {
            var watch = Stopwatch.StartNew();
            for (int p = 0; p < passes; p++)
            {
                sink += onnx.PredictBatch(rows);
            }

            return watch.Elapsed.TotalNanoseconds / (passes * rows.Length);
        }

        // Warm-up. Under the JIT, tiered compilation promotes a method to optimized code only after a quiet period
        // (100 ms with no new methods compiled), then 30 counted calls, then a background compile: the pauses let that
        // happen for all three before anything is timed, so both sides are measured in their steady state.
        for (int warmUp = 0; warmUp < 3; warmUp++)
        {
            TimeOurs(500);
            TimeTheirs(20);
            TimeBatch(50);
            System.Threading.Thread.Sleep(250);
        }

        double ours = Median(Enumerable.Range(0, rounds).Select(_ => TimeOurs(2000)));
        double theirs = Median(Enumerable.Range(0, rounds).Select(_ => TimeTheirs(50)));
        double batch = Median(Enumerable.Range(0, rounds).Select(_ => TimeBatch(200)));
        Console.WriteLine();
        Console.WriteLine($"Time per prediction ({(System.Runtime.JitInfo.GetCompiledMethodCount() > 0 ? "JIT" : "NativeAOT")}, median of {rounds} rounds; not deterministic):");
        Console.WriteLine($"  BackpropGen Predict, 1 row per call:   {Ns(ours),9}");
        Console.WriteLine($"  ONNX Runtime Run, 1 row per call:      {Ns(theirs),9}   ({(theirs / ours).ToString("0", CultureInfo.InvariantCulture)}x BackpropGen)");
        Console.WriteLine($"  ONNX Runtime Run, 150 rows per call:   {Ns(batch),9} per row   ({(batch / ours).ToString("0.0", CultureInfo.InvariantCulture)}x BackpropGen)");
        if (float.IsNaN(sink))
        {
            Console.WriteLine("(NaN)");
        }
    }

    private static string Ns(double nanoseconds) =>
        nanoseconds >= 1000
            ? (nanoseconds / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " us"
            : nanoseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ns";

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        return sorted[sorted.Length / 2];
    }

    private static int ArgMax(float[] values)
    {
        int best = 0;
        for (int k = 1; k < values.Length; k++)
        {
            best = values[k] > values[best] ? k : best;
        }

        return best;
    }

    private static string Format(float[] values) => string.Join(", ", values.Select(v => v.ToString("0.000000", CultureInfo.InvariantCulture)));

    private static (float[][] Rows, int[] Labels) ReadIris(string path)
    {
        string[] lines = File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).ToArray();
        var rows = new float[lines.Length][];
        var labels = new int[lines.Length];
        for (int i = 0; i < lines.Length; i++)
        {
            string[] cells = lines[i].Split(',');
            rows[i] = cells.Take(4).Select(c => float.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
            labels[i] = int.Parse(cells[4], CultureInfo.InvariantCulture);
        }

        return (rows, labels);
    }
}

/// <summary>ONNX Runtime on iris_mlp.onnx, one thread, with input and output tensors bound once (no allocation per call).</summary>
internal sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly float[] _input = new float[4];
    private readonly float[] _output = new float[3];
    private readonly OrtValue _inputValue;
    private readonly OrtValue _outputValue;
    private readonly string[] _inputNames = { "measurements" };
    private readonly string[] _outputNames = { "probabilities" };

    public OnnxModel(string path)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        _session = new InferenceSession(path, options);
        _inputValue = OrtValue.CreateTensorValueFromMemory(_input, new long[] { 1, 4 });
        _outputValue = OrtValue.CreateTensorValueFromMemory(_output, new long[] { 1, 3 });
    }

    public float[] Predict(float[] row)
    {
        row.CopyTo(_input, 0);
        _session.Run(_runOptions, _inputNames, new[] { _inputValue }, _outputNames, new[] { _outputValue });
        return (float[])_output.Clone();
    }

    /// <summary>All rows in one call; returns a checksum so the work cannot be skipped.</summary>
    public float PredictBatch(float[][] rows)
    {
        float[] input = rows.SelectMany(r => r).ToArray();
        using OrtValue inputValue = OrtValue.CreateTensorValueFromMemory(input, new long[] { rows.Length, 4 });
        using IDisposableReadOnlyCollection<OrtValue> results = _session.Run(_runOptions, _inputNames, new[] { inputValue }, _outputNames);
        return results[0].GetTensorDataAsSpan<float>()[0];
    }

    public void Dispose()
    {
        _inputValue.Dispose();
        _outputValue.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
