using System;
using System.Collections.Generic;

namespace BackpropGen.Benchmarks.HandWritten;

/// <summary>The activations the benchmarked networks use.</summary>
public enum Act
{
    Logistic,
    Tanh,
    Softmax,
}

/// <summary>The losses the benchmarked networks use.</summary>
public enum LossKind
{
    /// <summary>E = sum_k 1/2 (t_k - o_k)^2.</summary>
    HalfSquaredError,

    /// <summary>E = -sum_k t_k ln(o_k), softmax outputs only.</summary>
    CrossEntropy,
}

/// <summary>One dense layer: its size, activation, and whether it has one bias per neuron or one shared bias.</summary>
public readonly record struct LayerSpec(int Size, Act Activation, bool SharedBias = false);

/// <summary>
/// A network as the hand-written implementations see it: the same topology as the JSON description. Parameters are
/// exchanged in BackpropGen's canonical order (each layer's weights neuron by neuron, one row of fan-in weights per
/// neuron; then every layer's biases), so they can be copied from the generated class's GetParameters.
/// </summary>
public sealed class NetworkSpec
{
    public NetworkSpec(string name, int inputs, LossKind loss, bool trainBiases, params LayerSpec[] layers)
    {
        Name = name;
        Inputs = inputs;
        Loss = loss;
        TrainBiases = trainBiases;
        Layers = layers;
        if (loss == LossKind.CrossEntropy && layers[^1].Activation != Act.Softmax)
        {
            throw new ArgumentException("cross_entropy is implemented here for softmax outputs only");
        }

        var fanIns = new List<int>();
        int fanIn = inputs, weights = 0, biases = 0;
        foreach (LayerSpec layer in layers)
        {
            fanIns.Add(fanIn);
            weights += layer.Size * fanIn;
            biases += layer.SharedBias ? 1 : layer.Size;
            fanIn = layer.Size;
        }

        FanIns = fanIns.ToArray();
        WeightCount = weights;
        ParameterCount = weights + biases;
    }

    public string Name { get; }

    public int Inputs { get; }

    public LossKind Loss { get; }

    public bool TrainBiases { get; }

    public IReadOnlyList<LayerSpec> Layers { get; }

    /// <summary>Number of values feeding each layer.</summary>
    public int[] FanIns { get; }

    public int WeightCount { get; }

    public int ParameterCount { get; }

    public int Outputs => Layers[^1].Size;

    /// <summary>Same as Networks/worked*.json.</summary>
    public static NetworkSpec Worked { get; } = new("2-2-2", 2, LossKind.HalfSquaredError, trainBiases: false,
        new LayerSpec(2, Act.Logistic, SharedBias: true), new LayerSpec(2, Act.Logistic, SharedBias: true));

    /// <summary>Same as Networks/digits*.json.</summary>
    public static NetworkSpec Digits { get; } = new("64-32-10", 64, LossKind.CrossEntropy, trainBiases: true,
        new LayerSpec(32, Act.Tanh), new LayerSpec(10, Act.Softmax));

    /// <summary>Same as Networks/small.*.json.</summary>
    public static NetworkSpec Small { get; } = new("16-32-10", 16, LossKind.CrossEntropy, trainBiases: true,
        new LayerSpec(32, Act.Tanh), new LayerSpec(10, Act.Softmax));

    /// <summary>Same as Networks/narrow.*.json.</summary>
    public static NetworkSpec Narrow { get; } = new("4-64-3", 4, LossKind.CrossEntropy, trainBiases: true,
        new LayerSpec(64, Act.Tanh), new LayerSpec(3, Act.Softmax));

    /// <summary>Same as Networks/mnist*.json.</summary>
    public static NetworkSpec Mnist { get; } = new("784-128-10", 784, LossKind.CrossEntropy, trainBiases: true,
        new LayerSpec(128, Act.Tanh), new LayerSpec(10, Act.Softmax));
}
