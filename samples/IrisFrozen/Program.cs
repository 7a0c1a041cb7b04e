using System;
using System.Globalization;
using System.IO;
using System.Linq;
using BackpropGen.Samples;

namespace IrisFrozen;

/// <summary>
/// Classifies the held-out Iris rows with the frozen <see cref="IrisClassifier"/>: the same rows as the trainer
/// (samples/Iris) held out, standardised with the trainer's statistics (<see cref="IrisPreprocessing"/>). Prints the
/// confusion matrix and the accuracy, and checks every row's predicted class and all outputs, bit for bit, against
/// the trainer's (iris-trained.heldout.csv). Exits with 1 on any difference, or if the accuracy is not the one given
/// with --expect-accuracy (k/n, e.g. 30/30, or a fraction to 4 decimals, e.g. 0.9667); 2 on a bad command line.
/// </summary>
internal static class Program
{
    private const string Usage = "IrisFrozen [--expect-accuracy 30/30]";

    private static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        string? expected = null;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--expect-accuracy" && i + 1 < args.Length && expected is null)
            {
                expected = args[++i];
            }
            else
            {
                Console.Error.WriteLine($"Unexpected argument \"{args[i]}\". Usage: {Usage}");
                Console.Error.WriteLine("  --expect-accuracy A  exit with 1 unless the held-out accuracy is A: k/n (e.g. 29/30) or a fraction to 4 decimals (e.g. 0.9667)");
                return 2;
            }
        }

        // The same data file, the same seeded split and the same standardisation as the trainer.
        string path = Path.Combine(AppContext.BaseDirectory, "data", "iris.csv");
        string[] classNames = File.ReadLines(path).First().Split(',')[2..];
        LabelledData all = LabelledData.LoadCsv(path, skipHeader: true);
        (_, LabelledData test) = all.StratifiedSplit(IrisPreprocessing.TestFraction, IrisPreprocessing.SplitSeed);
        test.Standardise(IrisPreprocessing.Mean, IrisPreprocessing.Std);

        Console.WriteLine("BackpropGen sample: the trained Iris classifier, frozen (iris-trained.json, exported by samples/Iris).");
        Console.WriteLine($"IrisClassifier.Predict: {IrisClassifier.InputCount} inputs -> {IrisClassifier.OutputCount} outputs, " +
                          $"{IrisClassifier.ParameterCount} parameters compiled to constants.");
        Console.WriteLine($"Rows: {all.Count}; the trainer's stratified split (seed {IrisPreprocessing.SplitSeed}): {test.Count} held out, " +
                          "standardised with the trainer's statistics.");
        Console.WriteLine();

        int[][] matrix = Classifier.ConfusionMatrix(IrisClassifier.Predict, test);
        int correct = matrix.Select((row, c) => row[c]).Sum();
        double accuracy = (double)correct / test.Count;
        Classifier.PrintConfusionMatrix(matrix, classNames);
        Console.WriteLine($"Held-out accuracy: {accuracy:0.00%} ({correct}/{test.Count})");

        int exit = CompareWithTrainer(test, Path.Combine(AppContext.BaseDirectory, "iris-trained.heldout.csv"));
        if (expected is not null)
        {
            bool? ok = MatchesExpected(expected, correct, test.Count);
            if (ok is null)
            {
                Console.Error.WriteLine($"--expect-accuracy: \"{expected}\" is neither k/n nor a fraction. Usage: {Usage}");
                return 2;
            }

            Console.WriteLine($"{(ok.Value ? "OK" : "FAILED")}: held-out accuracy {correct}/{test.Count} " +
                              $"{(ok.Value ? "is" : "is not")} the expected {expected} (--expect-accuracy)");
            exit = ok.Value ? exit : 1;
        }

        return exit;
    }

    /// <summary>
    /// Every held-out row against the trainer's line in <paramref name="csvPath"/> (row, actual, predicted, outputs
    /// in round-trip format): the same class label (so the same split), the same predicted class and the same bits in
    /// every output. Returns 0 if all agree, else 1.
    /// </summary>
    private static int CompareWithTrainer(LabelledData test, string csvPath)
    {
        string[] lines = File.ReadAllLines(csvPath).Skip(1).Where(l => l.Length > 0).ToArray();
        if (lines.Length != test.Count)
        {
            Console.WriteLine($"FAILED: the trainer's file has {lines.Length} held-out rows, this split has {test.Count}");
            return 1;
        }

        Span<double> output = stackalloc double[IrisClassifier.OutputCount];
        int sameRows = 0;
        for (int i = 0; i < test.Count; i++)
        {
            string[] cells = lines[i].Split(',');
            int predicted = Classifier.Predict(IrisClassifier.Predict, test.Features[i], output);
            bool same = cells.Length == 3 + output.Length
                        && int.Parse(cells[0], CultureInfo.InvariantCulture) == i
                        && int.Parse(cells[1], CultureInfo.InvariantCulture) == test.Labels[i]
                        && int.Parse(cells[2], CultureInfo.InvariantCulture) == predicted;
            for (int k = 0; same && k < output.Length; k++)
            {
                double trainer = double.Parse(cells[3 + k], NumberStyles.Float, CultureInfo.InvariantCulture);
                same = BitConverter.DoubleToInt64Bits(trainer) == BitConverter.DoubleToInt64Bits(output[k]);
            }

            if (same)
            {
                sameRows++;
            }
            else
            {
                string mine = string.Join(",", output.ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
                Console.WriteLine($"  row {i}: trainer {lines[i]}; frozen {i},{test.Labels[i]},{predicted},{mine}");
            }
        }

        bool ok = sameRows == test.Count;
        Console.WriteLine($"{(ok ? "OK" : "FAILED")}: {sameRows}/{test.Count} held-out rows agree with the trainer's " +
                          $"(iris-trained.heldout.csv): the same class and the same {output.Length} outputs, bit for bit");
        return ok ? 0 : 1;
    }

    /// <summary>k/n: exactly; a fraction: within half a unit of its 4th decimal. Null if <paramref name="text"/> is neither.</summary>
    private static bool? MatchesExpected(string text, int correct, int count)
    {
        string[] parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
        {
            return k == correct && n == count;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double fraction) && fraction >= 0 && fraction <= 1)
        {
            return Math.Abs(fraction - (double)correct / count) <= 0.00005;
        }

        return null;
    }
}
