using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using BackpropGen.Samples;

namespace Iris;

/// <summary>
/// Trains the generated <see cref="IrisNet"/> (4-8-3, tanh hidden layer, softmax output,
/// cross-entropy) on 80% of Fisher's Iris data and reports its accuracy on the other 20%.
/// Exits with 1 if that accuracy is below --min-accuracy. With --export PATH, then writes the trained
/// network as a frozen description for samples/IrisFrozen (see <see cref="Export"/>).
/// </summary>
internal static class Program
{
    private const int SplitSeed = 2024;    // which rows are held out
    private const int ShuffleSeed = 7;     // the order of the training rows in every epoch
    private const double TestFraction = 0.2;
    private const int Epochs = 100;
    private const double LearningRate = 0.01;

    private static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        SampleOptions? options = SampleOptions.Parse(args, "Iris [--min-accuracy 0.95] [--timings] [--export path.json]", acceptsExport: true);
        if (options is null)
        {
            return 2;
        }

        // data/iris.csv: a header line "150,4,setosa,versicolor,virginica", then 150 rows of
        // sepal length, sepal width, petal length, petal width (cm), class 0..2.
        string path = Path.Combine(AppContext.BaseDirectory, "data", "iris.csv");
        string[] classNames = File.ReadLines(path).First().Split(',')[2..];
        LabelledData all = LabelledData.LoadCsv(path, skipHeader: true);
        (LabelledData train, LabelledData test) = all.StratifiedSplit(TestFraction, SplitSeed);

        // Standardise every feature with the mean and standard deviation of the training rows only.
        (double[] mean, double[] std) = train.ColumnStatistics();
        train.Standardise(mean, std);
        test.Standardise(mean, std);

        Console.WriteLine("BackpropGen sample: Fisher's Iris data (R. A. Fisher, 1936), 3 classes.");
        Console.WriteLine($"Network IrisNet (from iris.json): {IrisNet.InputCount} inputs -> 8 tanh -> {IrisNet.OutputCount} softmax, " +
                          $"cross-entropy loss, {IrisNet.ParameterCount} parameters.");
        Console.WriteLine($"Rows: {all.Count}; stratified split (seed {SplitSeed}): {train.Count} for training, {test.Count} held out.");
        Console.WriteLine("Features standardised with the training rows' statistics:");
        string[] featureNames = { "sepal length", "sepal width", "petal length", "petal width" };
        for (int j = 0; j < featureNames.Length; j++)
        {
            Console.WriteLine($"  {featureNames[j],-13} mean {mean[j]:0.0000} cm, std {std[j]:0.0000} cm");
        }

        Console.WriteLine($"Training: plain SGD, one TrainStep per row, {Epochs} epochs, eta = {LearningRate}, " +
                          $"rows shuffled every epoch (seed {ShuffleSeed}).");
        Console.WriteLine();

        var net = new IrisNet();
        Console.WriteLine($"before training: held-out accuracy {Classifier.Accuracy(net, test):0.00%}");
        var history = new List<EpochRecord>();
        double seconds = Classifier.Train(net, train, test, Epochs, _ => LearningRate, ShuffleSeed, reportEvery: 10, options.Timings, history);
        Console.WriteLine();

        double trainAccuracy = Classifier.Accuracy(net, train);
        double testAccuracy = Classifier.Accuracy(net, test);
        int[][] confusion = Classifier.ConfusionMatrix(net, test);
        Classifier.PrintConfusionMatrix(confusion, classNames);
        Console.WriteLine($"Training accuracy: {trainAccuracy:0.00%} ({Math.Round(trainAccuracy * train.Count)}/{train.Count})");
        Console.WriteLine($"Held-out accuracy: {testAccuracy:0.00%} ({Math.Round(testAccuracy * test.Count)}/{test.Count})   (published for small networks: about 96-98%)");
        if (options.Timings)
        {
            Console.WriteLine($"Training time: {seconds:0.000} s, {seconds * 1000 / Epochs:0.000} ms per epoch");
        }

        if (options.Export is string exportPath)
        {
            Export.Write(exportPath, net, SplitSeed, TestFraction, mean, std, test, classNames);
        }

        options.WritePlot("iris-training.svg", SvgPlot.TrainingCurve("Iris, 4-8-3 (tanh, softmax), plain SGD: training curve", history));
        options.WritePlot("iris-network.svg", net.ToDiagramSvg());
        options.WritePlot("iris-confusion.svg", SvgPlot.ConfusionMatrix($"Iris: held-out confusion matrix ({test.Count} rows)", confusion, classNames));

        return Classifier.Verdict(testAccuracy, options.MinAccuracy);
    }
}
