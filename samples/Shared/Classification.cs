using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

// Shared by samples/Iris, samples/Digits and samples/IrisFrozen (linked into each project): a CSV loader, a seeded
// stratified split, feature standardisation, a per-sample SGD training loop and an evaluation.
// Everything random is seeded and all numbers are formatted with the invariant culture, so the
// printed output is the same on every run and machine (timings are only printed with --timings).
namespace BackpropGen.Samples;

/// <summary>One epoch of training: the mean training loss (before each step) and the held-out accuracy after it.</summary>
public readonly record struct EpochRecord(int Epoch, double MeanLoss, double HeldOutAccuracy);

/// <summary>What the samples need from a generated network; the generated members implement it.</summary>
public interface IClassifierNetwork
{
    void Forward(ReadOnlySpan<double> input, Span<double> output);
    double Loss(ReadOnlySpan<double> input, ReadOnlySpan<double> target);
    double TrainStep(ReadOnlySpan<double> input, ReadOnlySpan<double> target, double learningRate);
    double TrainBatch(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, double learningRate);
    string ToDiagramSvg();
}

/// <summary>
/// A network's forward pass as a function: a trainable network's <c>Forward</c>, or a frozen network's static
/// <c>Predict</c> (which has no instance, so cannot implement <see cref="IClassifierNetwork"/>).
/// </summary>
public delegate void ForwardFunction(ReadOnlySpan<double> input, Span<double> output);

/// <summary>Rows of features with an integer class label (0 .. ClassCount-1).</summary>
public sealed record LabelledData(double[][] Features, int[] Labels, int ClassCount)
{
    public int Count => Labels.Length;

    /// <summary>Reads a CSV file of numbers whose last column is the class; <paramref name="skipHeader"/> skips line 1.</summary>
    public static LabelledData LoadCsv(string path, bool skipHeader)
    {
        var features = new List<double[]>();
        var labels = new List<int>();
        foreach (string line in File.ReadLines(path).Skip(skipHeader ? 1 : 0))
        {
            if (line.Length == 0)
            {
                continue;
            }

            string[] cells = line.Split(',');
            features.Add(cells[..^1].Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray());
            labels.Add(int.Parse(cells[^1], CultureInfo.InvariantCulture));
        }

        return new LabelledData(features.ToArray(), labels.ToArray(), labels.Max() + 1);
    }

    /// <summary>A copy of the given rows (the feature arrays are copied too).</summary>
    public LabelledData Rows(IEnumerable<int> rows)
    {
        int[] r = rows.ToArray();
        return new LabelledData(r.Select(i => (double[])Features[i].Clone()).ToArray(), r.Select(i => Labels[i]).ToArray(), ClassCount);
    }

    /// <summary>
    /// Splits the rows into a training and a test part, stratified: from every class, a seeded
    /// random <paramref name="testFraction"/> of its rows (rounded) goes to the test part.
    /// </summary>
    public (LabelledData Train, LabelledData Test) StratifiedSplit(double testFraction, int seed)
    {
        var random = new Random(seed);
        var train = new List<int>();
        var test = new List<int>();
        for (int c = 0; c < ClassCount; c++)
        {
            int[] rows = Enumerable.Range(0, Count).Where(i => Labels[i] == c).ToArray();
            Shuffle(rows, random);
            int testRows = (int)Math.Round(rows.Length * testFraction, MidpointRounding.AwayFromZero);
            test.AddRange(rows[..testRows]);
            train.AddRange(rows[testRows..]);
        }

        train.Sort();
        test.Sort();
        return (Rows(train), Rows(test));
    }

    /// <summary>Applies (x - mean) / std per column in place; std 0 (a constant column) leaves the column centred.</summary>
    public void Standardise(double[] mean, double[] std)
    {
        foreach (double[] row in Features)
        {
            for (int j = 0; j < row.Length; j++)
            {
                row[j] = std[j] > 0 ? (row[j] - mean[j]) / std[j] : row[j] - mean[j];
            }
        }
    }

    /// <summary>Per-column mean and (population) standard deviation of these rows.</summary>
    public (double[] Mean, double[] Std) ColumnStatistics()
    {
        int columns = Features[0].Length;
        var mean = new double[columns];
        var std = new double[columns];
        for (int j = 0; j < columns; j++)
        {
            mean[j] = Features.Average(row => row[j]);
            std[j] = Math.Sqrt(Features.Average(row => (row[j] - mean[j]) * (row[j] - mean[j])));
        }

        return (mean, std);
    }

    /// <summary>Fisher-Yates shuffle driven by <paramref name="random"/>.</summary>
    public static void Shuffle(int[] items, Random random)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}

/// <summary>Per-sample stochastic gradient descent with the generated TrainStep, and evaluation.</summary>
public static class Classifier
{
    /// <summary>
    /// Trains for <paramref name="epochs"/> passes over <paramref name="train"/>, visiting the rows in a
    /// fresh seeded random order each epoch, one TrainStep per row. Prints the mean training loss
    /// (cross-entropy before each step) every <paramref name="reportEvery"/> epochs, with the
    /// held-out accuracy. With <paramref name="history"/>, adds every epoch's mean loss and held-out accuracy to it
    /// (for the training curve). Returns the seconds spent in training steps.
    /// </summary>
    public static double Train(IClassifierNetwork net, LabelledData train, LabelledData test, int epochs,
                               Func<int, double> learningRate, int seed, int reportEvery, bool timings,
                               List<EpochRecord>? history = null, int batchSize = 1)
    {
        var random = new Random(seed);
        int[] order = Enumerable.Range(0, train.Count).ToArray();
        int features = train.Features[0].Length;
        double[] target = new double[train.ClassCount];
        // A mini-batch's rows one after another, as TrainBatch takes them.
        double[] batchInputs = new double[batchSize * features], batchTargets = new double[batchSize * train.ClassCount];
        var clock = new Stopwatch();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            LabelledData.Shuffle(order, random);
            double eta = learningRate(epoch);
            double lossSum = 0;
            long before = clock.ElapsedTicks;
            clock.Start();
            if (batchSize == 1)
            {
                foreach (int i in order)
                {
                    target[train.Labels[i]] = 1;
                    lossSum += net.TrainStep(train.Features[i], target, eta);
                    target[train.Labels[i]] = 0;
                }
            }
            else
            {
                for (int start = 0; start < order.Length; start += batchSize)
                {
                    int rows = Math.Min(batchSize, order.Length - start);
                    Array.Clear(batchTargets);
                    for (int r = 0; r < rows; r++)
                    {
                        int i = order[start + r];
                        train.Features[i].CopyTo(batchInputs, r * features);
                        batchTargets[(r * train.ClassCount) + train.Labels[i]] = 1;
                    }

                    // TrainBatch returns the mean loss of its rows.
                    lossSum += rows * net.TrainBatch(batchInputs.AsSpan(0, rows * features), batchTargets.AsSpan(0, rows * train.ClassCount), eta);
                }
            }

            clock.Stop();
            bool report = epoch % reportEvery == 0 || epoch == 1 || epoch == epochs;
            double accuracy = report || history is not null ? Accuracy(net, test) : 0;
            history?.Add(new EpochRecord(epoch, lossSum / train.Count, accuracy));
            if (report)
            {
                string line = FormattableString.Invariant(
                    $"epoch {epoch,4}  eta {eta,-7:0.#####}  mean training loss {lossSum / train.Count,9:0.000000}  held-out accuracy {accuracy,7:0.00%}");
                if (timings)
                {
                    line += FormattableString.Invariant($"  ({(clock.ElapsedTicks - before) * 1000.0 / Stopwatch.Frequency:0.00} ms)");
                }

                Console.WriteLine(line);
            }
        }

        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>The class with the largest output (the first one on a tie).</summary>
    public static int Predict(IClassifierNetwork net, double[] input, Span<double> output) => Predict(net.Forward, input, output);

    /// <summary>The class with the largest output of <paramref name="forward"/> (the first one on a tie).</summary>
    public static int Predict(ForwardFunction forward, double[] input, Span<double> output)
    {
        forward(input, output);
        int best = 0;
        for (int k = 1; k < output.Length; k++)
        {
            if (output[k] > output[best])
            {
                best = k;
            }
        }

        return best;
    }

    public static double Accuracy(IClassifierNetwork net, LabelledData data) => Accuracy(net.Forward, data);

    public static double Accuracy(ForwardFunction forward, LabelledData data) =>
        (double)ConfusionMatrix(forward, data).Select((row, c) => row[c]).Sum() / data.Count;

    /// <summary>matrix[actual][predicted] = number of rows.</summary>
    public static int[][] ConfusionMatrix(IClassifierNetwork net, LabelledData data) => ConfusionMatrix(net.Forward, data);

    /// <summary>matrix[actual][predicted] = number of rows.</summary>
    public static int[][] ConfusionMatrix(ForwardFunction forward, LabelledData data)
    {
        int[][] matrix = Enumerable.Range(0, data.ClassCount).Select(_ => new int[data.ClassCount]).ToArray();
        Span<double> output = stackalloc double[data.ClassCount];
        for (int i = 0; i < data.Count; i++)
        {
            matrix[data.Labels[i]][Predict(forward, data.Features[i], output)]++;
        }

        return matrix;
    }

    public static void PrintConfusionMatrix(int[][] matrix, IReadOnlyList<string> names)
    {
        int width = Math.Max(4, names.Max(n => n.Length) + 1);
        Console.WriteLine("Confusion matrix on the held-out rows (rows: actual class, columns: predicted):");
        Console.WriteLine(new string(' ', width + 2) + string.Concat(names.Select(n => n.PadLeft(width))));
        for (int c = 0; c < matrix.Length; c++)
        {
            Console.WriteLine("  " + names[c].PadRight(width) + string.Concat(matrix[c].Select(v => v.ToString(CultureInfo.InvariantCulture).PadLeft(width))));
        }
    }

    /// <summary>
    /// Prints the verdict and returns the exit code: 1 if <paramref name="accuracy"/> is below the
    /// --min-accuracy floor given on the command line (if any), else 0.
    /// </summary>
    public static int Verdict(double accuracy, double? minAccuracy)
    {
        if (minAccuracy is not double floor)
        {
            return 0;
        }

        bool ok = accuracy >= floor;
        Console.WriteLine(FormattableString.Invariant(
            $"{(ok ? "OK" : "FAILED")}: held-out accuracy {accuracy:0.00%} {(ok ? ">=" : "<")} the floor --min-accuracy {floor:0.00%}"));
        return ok ? 0 : 1;
    }
}

/// <summary>The samples' command line: [--min-accuracy 0.95] [--timings], and [--export path] where the sample offers it.</summary>
public sealed record SampleOptions(double? MinAccuracy, bool Timings, string? Export = null, string Plots = SampleOptions.DefaultPlots, string Optimizer = "sgd", int BatchSize = 1)
{
    /// <summary>Where the samples write their SVG plots unless --plots says otherwise (relative to the current directory).</summary>
    public const string DefaultPlots = "plots";

    /// <summary>Writes <paramref name="content"/> to <paramref name="name"/> in the plots directory (created if missing) and says so.</summary>
    public void WritePlot(string name, string content)
    {
        Directory.CreateDirectory(Plots);
        string path = Path.Combine(Plots, name);
        File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        Console.WriteLine($"wrote {path}");
    }

    public static SampleOptions? Parse(string[] args, string usage, bool acceptsExport = false, bool acceptsOptimizer = false)
    {
        string optimizer = "sgd";
        int batchSize = 1;
        double? minAccuracy = null;
        bool timings = false;
        string? export = null;
        string plots = DefaultPlots;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--min-accuracy" && i + 1 < args.Length
                && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out double floor)
                && floor >= 0 && floor <= 1)
            {
                minAccuracy = floor;
                i++;
            }
            else if (args[i] == "--timings")
            {
                timings = true;
            }
            else if (args[i] == "--plots" && i + 1 < args.Length && args[i + 1].Length > 0)
            {
                plots = args[i + 1];
                i++;
            }
            else if (acceptsOptimizer && args[i] == "--optimizer" && i + 1 < args.Length && args[i + 1] is "sgd" or "adam")
            {
                optimizer = args[i + 1];
                i++;
            }
            else if (acceptsOptimizer && args[i] == "--batch-size" && i + 1 < args.Length
                     && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int rows) && rows >= 1)
            {
                batchSize = rows;
                i++;
            }
            else if (acceptsExport && args[i] == "--export" && i + 1 < args.Length && args[i + 1].Length > 0)
            {
                export = args[i + 1];
                i++;
            }
            else
            {
                Console.Error.WriteLine($"Unexpected argument \"{args[i]}\". Usage: {usage}");
                Console.Error.WriteLine("  --min-accuracy F  exit with 1 if the held-out accuracy is below F (0..1), e.g. 0.95");
                Console.Error.WriteLine("  --timings         also print wall-clock times (the rest of the output is deterministic)");
                Console.Error.WriteLine($"  --plots DIR       where to write the training curve and confusion matrix as SVG (default: {DefaultPlots})");
                if (acceptsOptimizer)
                {
                    Console.Error.WriteLine("  --optimizer NAME  sgd (plain, the default) or adam; adam also trains plain SGD beside it for comparison");
                    Console.Error.WriteLine("  --batch-size N    rows per training step (TrainBatch: the mean gradient of N rows); 1 (TrainStep) by default");
                }

                if (acceptsExport)
                {
                    Console.Error.WriteLine("  --export PATH     after training, write the trained network as a frozen description to PATH (.json),");
                    Console.Error.WriteLine("                    with what a frozen app needs next to it (see README.md, \"Train, export, freeze\")");
                }

                return null;
            }
        }

        return new SampleOptions(minAccuracy, timings, export, plots, optimizer, batchSize);
    }
}
