using System;
using System.Collections.Generic;
using System.Linq;

namespace BackpropGen.Tool.Description;

/// <summary>How a layer's bias is stored (JSON <c>"bias"</c>).</summary>
internal enum LayerBias
{
    /// <summary><c>"per_neuron"</c>: one bias per neuron.</summary>
    PerNeuron,

    /// <summary><c>"shared"</c>: one bias for the whole layer (an ONNX scalar bias).</summary>
    Shared,

    /// <summary><c>"none"</c>: no bias.</summary>
    None,
}

/// <summary>One dense layer: <c>out = activation(W x + b)</c>.</summary>
/// <param name="Size">Neurons.</param>
/// <param name="FanIn">Inputs of each neuron.</param>
/// <param name="Activation">The JSON activation name (<c>relu</c>, <c>logistic</c>, ...).</param>
/// <param name="Alpha">The <c>alpha</c> of <c>leaky_relu</c> and <c>elu</c>; null for the others.</param>
/// <param name="Bias">How the bias is stored.</param>
/// <param name="Weights">Size * FanIn values, neuron by neuron, incoming connection by connection (canonical order); empty when unknown.</param>
/// <param name="Biases">Size values (per neuron), 1 (shared) or 0 (none); empty when unknown.</param>
internal sealed record DenseLayer(int Size, int FanIn, string Activation, double? Alpha, LayerBias Bias, double[] Weights, double[] Biases)
{
    public int WeightCount => Size * FanIn;

    public int BiasCount => Bias switch { LayerBias.PerNeuron => Size, LayerBias.Shared => 1, _ => 0 };

    public static string BiasName(LayerBias mode) => mode switch { LayerBias.Shared => "shared", LayerBias.None => "none", _ => "per_neuron" };
}

/// <summary>A fully connected network with (for an import) every parameter: what a BackpropGen JSON description holds.</summary>
internal sealed class DenseNetwork
{
    public DenseNetwork(int inputs, IReadOnlyList<DenseLayer> layers, bool isDouble)
    {
        if (inputs < 1 || layers.Count == 0)
        {
            throw new ArgumentException("A network needs inputs and at least one layer.");
        }

        Inputs = inputs;
        Layers = layers;
        IsDouble = isDouble;
    }

    public int Inputs { get; }

    public IReadOnlyList<DenseLayer> Layers { get; }

    /// <summary>The numeric type of the source (ONNX element type, or the description's <c>numeric</c>).</summary>
    public bool IsDouble { get; }

    public int Outputs => Layers[^1].Size;

    public long WeightCount => Layers.Sum(l => (long)l.WeightCount);

    public long BiasCount => Layers.Sum(l => (long)l.BiasCount);

    public long ParameterCount => WeightCount + BiasCount;

    /// <summary>"4-8-3" and the activations: "4-8-3 (relu, softmax)".</summary>
    public string Shape =>
        Inputs + "-" + string.Join("-", Layers.Select(l => l.Size)) + " (" + string.Join(", ", Layers.Select(l => l.Activation)) + ")";
}
