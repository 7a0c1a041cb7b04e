using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using BackpropGen.Samples;

namespace Digits;

/// <summary>
/// Trains the generated <see cref="DigitsNet"/> (64-32-10, tanh hidden layer, softmax output,
/// cross-entropy) on 80% of the 8x8 handwritten digits and reports its accuracy on the other 20%.
/// Exits with 1 if that accuracy is below --min-accuracy.
/// </summary>
internal static class Program
{
    private const int SplitSeed = 2024;    // which rows are held out
    private const int ShuffleSeed = 7;     // the order of the training rows in every epoch
    private const double TestFraction = 0.2;
    private const int Epochs = 30;
    private const double LearningRate = 0.02;        // plain SGD, one row per step
    private const double AdamLearningRate = 0.002;   // Adam, one step per mini-batch

    private static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        SampleOptions? options = SampleOptions.Parse(args, "Digits [--min-accuracy 0.95] [--timings] [--optimizer sgd|adam] [--batch-size N]", acceptsOptimizer: true);
        if (options is null)
        {
            return 2;
        }

        // data/digits.csv: 1797 rows (no header) of 64 pixel values 0..16 (8x8, row by row), then the digit.
        string path = Path.Combine(AppContext.BaseDirectory, "data", "digits.csv");
        LabelledData all = LabelledData.LoadCsv(path, skipHeader: false);

        // Scale the pixels from 0..16 to [0, 1] (a fixed scale: nothing is learnt from the held-out rows).
        foreach (double[] row in all.Features)
        {
            for (int j = 0; j < row.Length; j++)
            {
                row[j] /= 16.0;
            }
        }

        (LabelledData train, LabelledData test) = all.StratifiedSplit(TestFraction, SplitSeed);

        Console.WriteLine("BackpropGen sample: optical recognition of handwritten digits (Alpaydin & Kaynak, 1998, UCI), 8x8 pixels, 10 classes.");
        Console.WriteLine($"Network DigitsNet (from digits.json): {DigitsNet.InputCount} inputs -> 32 tanh -> {DigitsNet.OutputCount} softmax, " +
                          $"cross-entropy loss, {DigitsNet.ParameterCount} parameters.");
        Console.WriteLine($"Rows: {all.Count}; stratified split (seed {SplitSeed}): {train.Count} for training, {test.Count} held out. Pixels scaled from 0..16 to [0, 1].");
        bool adam = options.Optimizer == "adam";
        string method = adam ? $"Adam (torch.optim.Adam's defaults), eta = {AdamLearningRate}" : $"plain SGD, eta = {LearningRate}";
        string steps = options.BatchSize == 1 ? "one TrainStep per row" : $"one TrainBatch per {options.BatchSize} rows (the mean of their gradients)";
        Console.WriteLine($"Training: {method}, {steps}, {Epochs} epochs, rows shuffled every epoch (seed {ShuffleSeed}).");
        Console.WriteLine();

        IClassifierNetwork net = adam ? new DigitsAdamNet() : new DigitsNet();
        Console.WriteLine($"before training: held-out accuracy {Classifier.Accuracy(net, test):0.00%}");
        var history = new List<EpochRecord>();
        double seconds = Classifier.Train(net, train, test, Epochs, _ => adam ? AdamLearningRate : LearningRate, ShuffleSeed, reportEvery: 1, options.Timings, history, options.BatchSize);
        Console.WriteLine();

        double trainAccuracy = Classifier.Accuracy(net, train);
        double testAccuracy = Classifier.Accuracy(net, test);
        string[] classNames = Enumerable.Range(0, 10).Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray();
        int[][] confusion = Classifier.ConfusionMatrix(net, test);
        Classifier.PrintConfusionMatrix(confusion, classNames);
        Console.WriteLine($"Training accuracy: {trainAccuracy:0.00%} ({Math.Round(trainAccuracy * train.Count)}/{train.Count})");
        Console.WriteLine($"Held-out accuracy: {testAccuracy:0.00%} ({Math.Round(testAccuracy * test.Count)}/{test.Count})   (published for one hidden layer: about 97%)");
        if (options.Timings)
        {
            Console.WriteLine($"Training time: {seconds:0.000} s, {seconds * 1000 / Epochs:0.0} ms per epoch");
        }

        string name = adam ? "Adam" : "plain SGD";
        options.WritePlot("digits-training.svg", SvgPlot.TrainingCurve($"Digits, 64-32-10 (tanh, softmax), {name}: training curve", history));
        options.WritePlot("digits-network.svg", net.ToDiagramSvg());
        options.WritePlot("digits-confusion.svg", SvgPlot.ConfusionMatrix($"Digits: held-out confusion matrix ({test.Count} rows)", confusion, classNames));

        int verdict = Classifier.Verdict(testAccuracy, options.MinAccuracy);
        if (adam)
        {
            // Plain SGD beside it, on the same rows in the same order, so the two can be compared.
            Console.WriteLine();
            Console.WriteLine("Plain SGD on the same split, for comparison (one TrainStep per row):");
            var plain = new DigitsNet();
            var plainHistory = new List<EpochRecord>();
            Classifier.Train(plain, train, test, Epochs, _ => LearningRate, ShuffleSeed, reportEvery: 10, timings: false, plainHistory);
            double floor = options.MinAccuracy ?? 0.95;
            Console.WriteLine();
            Console.WriteLine($"| training | held-out accuracy after {Epochs} epochs | first epoch at {floor:0%} or more |");
            Console.WriteLine("|---|---|---|");
            Console.WriteLine($"| Adam, {options.BatchSize} rows per step | {testAccuracy:0.00%} | {FirstEpochAt(history, floor)} |");
            Console.WriteLine($"| plain SGD, 1 row per step | {plainHistory[^1].HeldOutAccuracy:0.00%} | {FirstEpochAt(plainHistory, floor)} |");
            verdict = Math.Max(verdict, Classifier.Verdict(plainHistory[^1].HeldOutAccuracy, options.MinAccuracy));
        }

        return verdict;
    }

    private static string FirstEpochAt(List<EpochRecord> history, double floor) =>
        history.FirstOrDefault(e => e.HeldOutAccuracy >= floor) is { Epoch: > 0 } first ? first.Epoch.ToString(CultureInfo.InvariantCulture) : "never";
}
