using System;
using System.Numerics;

namespace BackpropGen.Benchmarks.HandWritten;

/// <summary>
/// The baseline: a fully connected network the way a tutorial writes it. Jagged arrays
/// (<c>Weights[layer][neuron][input]</c>), nested for loops, the scalar Exp/Tanh/Log, a switch on the activation,
/// gradients into arrays of the same shape, then the update. Allocation-free after construction: every buffer is
/// allocated once here. Generic over double/float only so that one source serves both (each instantiation is
/// compiled for its own type; <c>T.Exp</c> is <c>Math.Exp</c> or <c>MathF.Exp</c>).
/// </summary>
public sealed class IdiomaticNetwork<T>
    where T : struct, IFloatingPointIeee754<T>
{
    private static readonly T Half = T.CreateTruncating(0.5);

    private readonly NetworkSpec _spec;
    private readonly Act[] _activation;
    private readonly bool[] _sharedBias;
    private readonly T[][][] _weights;        // [layer][neuron][input]
    private readonly T[][] _biases;           // [layer][neuron], or [layer][0] when the layer shares one bias
    private readonly T[][][] _weightGradients;
    private readonly T[][] _biasGradients;
    private readonly T[][] _net;              // [layer][neuron]
    private readonly T[][] _out;
    private readonly T[][] _delta;            // dE/dnet

    public IdiomaticNetwork(NetworkSpec spec)
    {
        _spec = spec;
        int layers = spec.Layers.Count;
        _activation = new Act[layers];
        _sharedBias = new bool[layers];
        _weights = new T[layers][][];
        _weightGradients = new T[layers][][];
        _biases = new T[layers][];
        _biasGradients = new T[layers][];
        _net = new T[layers][];
        _out = new T[layers][];
        _delta = new T[layers][];
        for (int l = 0; l < layers; l++)
        {
            LayerSpec layer = spec.Layers[l];
            _activation[l] = layer.Activation;
            _sharedBias[l] = layer.SharedBias;
            _weights[l] = new T[layer.Size][];
            _weightGradients[l] = new T[layer.Size][];
            for (int j = 0; j < layer.Size; j++)
            {
                _weights[l][j] = new T[spec.FanIns[l]];
                _weightGradients[l][j] = new T[spec.FanIns[l]];
            }

            _biases[l] = new T[layer.SharedBias ? 1 : layer.Size];
            _biasGradients[l] = new T[layer.SharedBias ? 1 : layer.Size];
            _net[l] = new T[layer.Size];
            _out[l] = new T[layer.Size];
            _delta[l] = new T[layer.Size];
        }
    }

    /// <summary>Runs the network and copies the outputs.</summary>
    public void Forward(T[] input, T[] output)
    {
        Run(input);
        T[] last = _out[_out.Length - 1];
        for (int k = 0; k < last.Length; k++)
        {
            output[k] = last[k];
        }
    }

    /// <summary>Forward, loss, and every gradient (into this object's gradient arrays). Returns the loss.</summary>
    public T Backward(T[] input, T[] target)
    {
        Run(input);
        int last = _out.Length - 1;
        T[] outputs = _out[last];
        T[] outputDelta = _delta[last];
        T loss = T.Zero;
        for (int k = 0; k < outputs.Length; k++)
        {
            if (_spec.Loss == LossKind.CrossEntropy)
            {
                loss -= target[k] * T.Log(outputs[k]);
                outputDelta[k] = outputs[k] - target[k];           // softmax + cross-entropy
            }
            else
            {
                T error = target[k] - outputs[k];
                loss += Half * error * error;
                outputDelta[k] = -error * Derivative(_activation[last], outputs[k]);
            }
        }

        for (int l = last; l >= 0; l--)
        {
            T[] values = l == 0 ? input : _out[l - 1];
            T[] delta = _delta[l];
            T[][] weights = _weights[l];
            for (int j = 0; j < delta.Length; j++)
            {
                for (int k = 0; k < values.Length; k++)
                {
                    _weightGradients[l][j][k] = delta[j] * values[k];
                }
            }

            if (_sharedBias[l])
            {
                T sum = T.Zero;
                for (int j = 0; j < delta.Length; j++)
                {
                    sum += delta[j];
                }

                _biasGradients[l][0] = sum;
            }
            else
            {
                for (int j = 0; j < delta.Length; j++)
                {
                    _biasGradients[l][j] = delta[j];
                }
            }

            if (l > 0)
            {
                T[] below = _delta[l - 1];
                for (int k = 0; k < below.Length; k++)
                {
                    T sum = T.Zero;
                    for (int j = 0; j < delta.Length; j++)
                    {
                        sum += delta[j] * weights[j][k];
                    }

                    below[k] = sum * Derivative(_activation[l - 1], values[k]);
                }
            }
        }

        return loss;
    }

    /// <summary>One step of gradient descent. Returns the loss before the step.</summary>
    public T TrainStep(T[] input, T[] target, T learningRate)
    {
        T loss = Backward(input, target);
        for (int l = 0; l < _weights.Length; l++)
        {
            for (int j = 0; j < _weights[l].Length; j++)
            {
                for (int k = 0; k < _weights[l][j].Length; k++)
                {
                    _weights[l][j][k] -= learningRate * _weightGradients[l][j][k];
                }
            }

            if (_spec.TrainBiases)
            {
                for (int j = 0; j < _biases[l].Length; j++)
                {
                    _biases[l][j] -= learningRate * _biasGradients[l][j];
                }
            }
        }

        return loss;
    }

    private void Run(T[] input)
    {
        T[] values = input;
        for (int l = 0; l < _weights.Length; l++)
        {
            T[][] weights = _weights[l];
            T[] biases = _biases[l];
            T[] net = _net[l];
            T[] output = _out[l];
            for (int j = 0; j < net.Length; j++)
            {
                T sum = T.Zero;
                for (int k = 0; k < values.Length; k++)
                {
                    sum += weights[j][k] * values[k];
                }

                net[j] = sum + (_sharedBias[l] ? biases[0] : biases[j]);
            }

            switch (_activation[l])
            {
                case Act.Logistic:
                    for (int j = 0; j < net.Length; j++)
                    {
                        output[j] = T.One / (T.One + T.Exp(-net[j]));
                    }

                    break;
                case Act.Tanh:
                    for (int j = 0; j < net.Length; j++)
                    {
                        output[j] = T.Tanh(net[j]);
                    }

                    break;
                default:
                    T max = net[0];
                    for (int j = 1; j < net.Length; j++)
                    {
                        if (net[j] > max)
                        {
                            max = net[j];
                        }
                    }

                    T total = T.Zero;
                    for (int j = 0; j < net.Length; j++)
                    {
                        output[j] = T.Exp(net[j] - max);
                        total += output[j];
                    }

                    for (int j = 0; j < net.Length; j++)
                    {
                        output[j] /= total;
                    }

                    break;
            }

            values = output;
        }
    }

    /// <summary>dout/dnet written in terms of out.</summary>
    private static T Derivative(Act activation, T output) =>
        activation == Act.Logistic ? output * (T.One - output) : T.One - output * output;

    // Conversions to and from the canonical parameter order; used by the setup, never in a measured call.

    public void SetParameters(ReadOnlySpan<T> source)
    {
        int i = 0;
        foreach (T[][] layer in _weights)
        {
            foreach (T[] row in layer)
            {
                source.Slice(i, row.Length).CopyTo(row);
                i += row.Length;
            }
        }

        foreach (T[] biases in _biases)
        {
            source.Slice(i, biases.Length).CopyTo(biases);
            i += biases.Length;
        }
    }

    public void GetParameters(Span<T> destination) => Flatten(_weights, _biases, destination);

    /// <summary>The gradients of the last Backward, in canonical order.</summary>
    public void GetGradient(Span<T> destination) => Flatten(_weightGradients, _biasGradients, destination);

    private static void Flatten(T[][][] weights, T[][] biases, Span<T> destination)
    {
        int i = 0;
        foreach (T[][] layer in weights)
        {
            foreach (T[] row in layer)
            {
                row.CopyTo(destination.Slice(i));
                i += row.Length;
            }
        }

        foreach (T[] layerBiases in biases)
        {
            layerBiases.CopyTo(destination.Slice(i));
            i += layerBiases.Length;
        }
    }
}
