using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace BackpropGen.Playground.Engine;

/// <summary>A starting point: a description, the walk-through's input, target and learning rate, training rows and steps.</summary>
public sealed record Preset(string Key, string Title, string Json, string Input, string Target, double LearningRate, Func<string> TrainingRows, int Steps);

public static class Presets
{
    public const string WorkedExampleJson = """
        {
          // The 2-2-2 logistic network of "A Step by Step Backpropagation Example" (Matt Mazur, 2015).
          "inputs": 2,
          "layers": [
            { "size": 2, "activation": "logistic", "bias": "shared" },
            { "size": 2, "activation": "logistic", "bias": "shared" }
          ],
          "loss": "half_squared_error",
          "numeric": "double",
          "trainBiases": false,
          "initial": {
            "weights": [0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55],
            "biases":  [0.35, 0.60]
          }
        }
        """;

    public static readonly Preset WorkedExample = new("worked", "worked example", WorkedExampleJson, "0.05, 0.10", "0.01, 0.99", 0.5,
        () => "0.05, 0.10 | 0.01, 0.99", 1000);

    public static readonly Preset Xor = new("xor", "XOR", """
        {
          // XOR: not linearly separable, so it needs the hidden layer.
          "inputs": 2,
          "layers": [
            { "size": 3, "activation": "tanh" },
            { "size": 1, "activation": "logistic" }
          ],
          "loss": "half_squared_error",
          "seed": 7
        }
        """, "1, 0", "1", 0.5, () => "0, 0 | 0\n0, 1 | 1\n1, 0 | 1\n1, 1 | 0", 4000);

    public static readonly Preset Iris = new("iris", "Iris 4-8-3 softmax", """
        {
          // Fisher's Iris: 4 standardised measurements -> 8 tanh hidden neurons -> 3 classes (softmax).
          "inputs": 4,
          "layers": [
            { "size": 8, "activation": "tanh" },
            { "size": 3, "activation": "softmax" }
          ],
          "loss": "cross_entropy",
          "numeric": "double",
          "seed": 1
        }
        """, "-0.898, 1.016, -1.336, -1.311", "1, 0, 0", 0.05, IrisRows, 1500);

    public static readonly Preset Mnist = new("mnist", "784-128-10 (loops)", """
        {
          // An MNIST-sized network: 784 pixels -> 128 relu -> 10 classes. Too big to unroll: the loops layout.
          "inputs": 784,
          "layers": [
            { "size": 128, "activation": "relu" },
            { "size": 10, "activation": "softmax" }
          ],
          "loss": "cross_entropy",
          "numeric": "float",
          "codegen": "loops",
          "seed": 1
        }
        """, NumberList.Format(SyntheticImage(0)), OneHot(0, 10), 0.01, SyntheticRows, 30);

    public static IReadOnlyList<Preset> All { get; } = new[] { WorkedExample, Xor, Iris, Mnist };

    public static Preset? Find(string key) => All.FirstOrDefault(p => p.Key == key);

    /// <summary>Fisher's Iris (samples/Iris/data/iris.csv), each measurement standardised, classes one-hot.</summary>
    private static string IrisRows()
    {
        using var reader = new StreamReader(typeof(Presets).Assembly.GetManifestResourceStream("data/iris.csv")!);
        var rows = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        double[] mean = Enumerable.Range(0, 4).Select(c => rows.Average(r => r[c])).ToArray();
        double[] sd = Enumerable.Range(0, 4).Select(c => Math.Sqrt(rows.Average(r => (r[c] - mean[c]) * (r[c] - mean[c])))).ToArray();
        var text = new StringBuilder();
        foreach (double[] r in rows)
        {
            text.Append(string.Join(", ", Enumerable.Range(0, 4).Select(c => ((r[c] - mean[c]) / sd[c]).ToString("0.###", CultureInfo.InvariantCulture))))
                .Append(" | ").Append(OneHot((int)r[4], 3)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Ten made-up 28x28 "images", one per class: a bar whose position is the class.</summary>
    private static string SyntheticRows() =>
        string.Join("\n", Enumerable.Range(0, 10).Select(k => NumberList.Format(SyntheticImage(k)) + " | " + OneHot(k, 10)));

    private static double[] SyntheticImage(int label) =>
        Enumerable.Range(0, 784).Select(p => (p % 28) / 3 == label || (p / 28) / 3 == label ? 1.0 : 0.0).ToArray();

    private static string OneHot(int index, int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => i == index ? "1" : "0"));
}
