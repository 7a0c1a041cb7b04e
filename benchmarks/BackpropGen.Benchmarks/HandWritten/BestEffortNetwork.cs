using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace BackpropGen.Benchmarks.HandWritten;

/// <summary>
/// The near-limit reference: parameters in one array in BackpropGen's canonical order, spans, and
/// <see cref="TensorPrimitives"/> for every vector operation (Dot per neuron row, vectorized Tanh/Sigmoid/Exp over a
/// layer, MultiplyAdd for W^T delta and for the update). Scratch buffers are allocated once. Its SoftMax does not
/// subtract the maximum, so softmax is written out here (Max, Subtract, Exp, Sum, Divide).
/// </summary>
public sealed class BestEffortNetwork<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private static readonly T Half = T.CreateTruncating(0.5);

    private readonly NetworkSpec _spec;
    private readonly T[] _parameters;
    private readonly int[] _size, _fanIn, _weightOffset, _biasOffset;
    private readonly bool[] _sharedBias;
    private readonly Act[] _activation;
    private readonly T[][] _net, _out, _delta, _dEdout, _scratch;
    private T _maxNet, _sumExp;

    public BestEffortNetwork(NetworkSpec spec)
    {
        _spec = spec;
        int layers = spec.Layers.Count;
        _parameters = new T[spec.ParameterCount];
        _size = new int[layers];
        _fanIn = new int[layers];
        _weightOffset = new int[layers];
        _biasOffset = new int[layers];
        _sharedBias = new bool[layers];
        _activation = new Act[layers];
        _net = new T[layers][];
        _out = new T[layers][];
        _delta = new T[layers][];
        _dEdout = new T[layers][];
        _scratch = new T[layers][];
        int weights = 0, biases = spec.WeightCount;
        for (int l = 0; l < layers; l++)
        {
            LayerSpec layer = spec.Layers[l];
            _size[l] = layer.Size;
            _fanIn[l] = spec.FanIns[l];
            _weightOffset[l] = weights;
            _biasOffset[l] = biases;
            _sharedBias[l] = layer.SharedBias;
            _activation[l] = layer.Activation;
            weights += layer.Size * spec.FanIns[l];
            biases += layer.SharedBias ? 1 : layer.Size;
            _net[l] = new T[layer.Size];
            _out[l] = new T[layer.Size];
            _delta[l] = new T[layer.Size];
            _dEdout[l] = new T[layer.Size];
            _scratch[l] = new T[layer.Size];
        }
    }

    public void GetParameters(Span<T> destination) => _parameters.CopyTo(destination);

    public void SetParameters(ReadOnlySpan<T> source) => source.CopyTo(_parameters);

    public void Forward(ReadOnlySpan<T> input, Span<T> output)
    {
        Run(input);
        _out[^1].CopyTo(output);
    }

    public T Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> gradient)
    {
        Run(input);
        T loss = OutputDeltas(target);
        ReadOnlySpan<T> parameters = _parameters;
        for (int l = _size.Length - 1; l >= 0; l--)
        {
            int size = _size[l], fanIn = _fanIn[l];
            ReadOnlySpan<T> feed = l == 0 ? input : _out[l - 1];
            ReadOnlySpan<T> delta = _delta[l];
            if (l > 0)
            {
                BackpropagateDelta(l, parameters);
            }

            Span<T> weightGradient = gradient.Slice(_weightOffset[l], size * fanIn);
            for (int n = 0; n < size; n++)
            {
                TensorPrimitives.Multiply(feed, delta[n], weightGradient.Slice(n * fanIn, fanIn));
            }

            if (_sharedBias[l])
            {
                gradient[_biasOffset[l]] = TensorPrimitives.Sum(delta);
            }
            else
            {
                delta.CopyTo(gradient.Slice(_biasOffset[l], size));
            }

            if (l > 0)
            {
                HiddenDelta(l - 1);
            }
        }

        return loss;
    }

    public T TrainStep(ReadOnlySpan<T> input, ReadOnlySpan<T> target, T learningRate)
    {
        Run(input);
        T loss = OutputDeltas(target);
        Span<T> parameters = _parameters;
        for (int l = _size.Length - 1; l >= 0; l--)
        {
            int size = _size[l], fanIn = _fanIn[l];
            ReadOnlySpan<T> feed = l == 0 ? input : _out[l - 1];
            ReadOnlySpan<T> delta = _delta[l];
            if (l > 0)
            {
                BackpropagateDelta(l, parameters); // with the weights before this step's update
            }

            Span<T> weights = parameters.Slice(_weightOffset[l], size * fanIn);
            for (int n = 0; n < size; n++)
            {
                Span<T> row = weights.Slice(n * fanIn, fanIn);
                TensorPrimitives.MultiplyAdd(feed, -learningRate * delta[n], row, row);
            }

            if (_spec.TrainBiases)
            {
                if (_sharedBias[l])
                {
                    parameters[_biasOffset[l]] -= learningRate * TensorPrimitives.Sum(delta);
                }
                else
                {
                    Span<T> biases = parameters.Slice(_biasOffset[l], size);
                    TensorPrimitives.MultiplyAdd(delta, -learningRate, biases, biases);
                }
            }

            if (l > 0)
            {
                HiddenDelta(l - 1);
            }
        }

        return loss;
    }

    private void Run(ReadOnlySpan<T> input)
    {
        ReadOnlySpan<T> parameters = _parameters;
        ReadOnlySpan<T> feed = input;
        for (int l = 0; l < _size.Length; l++)
        {
            int size = _size[l], fanIn = _fanIn[l];
            Span<T> net = _net[l];
            Span<T> output = _out[l];
            ReadOnlySpan<T> weights = parameters.Slice(_weightOffset[l], size * fanIn);
            for (int n = 0; n < size; n++)
            {
                net[n] = TensorPrimitives.Dot(weights.Slice(n * fanIn, fanIn), feed);
            }

            if (_sharedBias[l])
            {
                TensorPrimitives.Add(net, parameters[_biasOffset[l]], net);
            }
            else
            {
                TensorPrimitives.Add(net, parameters.Slice(_biasOffset[l], size), net);
            }

            switch (_activation[l])
            {
                case Act.Logistic:
                    TensorPrimitives.Sigmoid(net, output);
                    break;
                case Act.Tanh:
                    TensorPrimitives.Tanh(net, output);
                    break;
                default:
                    T max = TensorPrimitives.Max<T>(net);
                    TensorPrimitives.Subtract(net, max, output);
                    TensorPrimitives.Exp(output, output);
                    T sum = TensorPrimitives.Sum<T>(output);
                    TensorPrimitives.Divide(output, sum, output);
                    _maxNet = max;
                    _sumExp = sum;
                    break;
            }

            feed = output;
        }
    }

    /// <summary>The output layer's delta = dE/dnet; returns the loss.</summary>
    private T OutputDeltas(ReadOnlySpan<T> target)
    {
        int last = _size.Length - 1;
        ReadOnlySpan<T> output = _out[last];
        Span<T> delta = _delta[last];
        if (_spec.Loss == LossKind.CrossEntropy)
        {
            // E = -sum t (net - max - ln sumExp); delta = out * sum(t) - t (out - t for one-hot targets).
            T targetSum = TensorPrimitives.Sum(target);
            T loss = targetSum * (_maxNet + T.Log(_sumExp)) - TensorPrimitives.Dot(target, _net[last]);
            TensorPrimitives.Multiply(output, targetSum, delta);
            TensorPrimitives.Subtract(delta, target, delta);
            return loss;
        }

        // Half squared error on logistic outputs: delta = (out - t) * out (1 - out).
        Span<T> error = _scratch[last];
        TensorPrimitives.Subtract(output, target, error);
        T halfSquared = Half * TensorPrimitives.Dot<T>(error, error);
        TensorPrimitives.Multiply(output, output, delta);
        TensorPrimitives.Subtract(output, delta, delta);
        TensorPrimitives.Multiply(delta, error, delta);
        return halfSquared;
    }

    /// <summary>dE/dout of layer l - 1 = W_l^T delta_l (the weights as they are now).</summary>
    private void BackpropagateDelta(int l, ReadOnlySpan<T> parameters)
    {
        int size = _size[l], fanIn = _fanIn[l];
        ReadOnlySpan<T> delta = _delta[l];
        Span<T> dEdout = _dEdout[l - 1];
        dEdout.Clear();
        ReadOnlySpan<T> weights = parameters.Slice(_weightOffset[l], size * fanIn);
        for (int n = 0; n < size; n++)
        {
            TensorPrimitives.MultiplyAdd(weights.Slice(n * fanIn, fanIn), delta[n], dEdout, dEdout);
        }
    }

    /// <summary>delta of hidden layer h = dE/dout * dout/dnet, the derivative written in terms of out.</summary>
    private void HiddenDelta(int h)
    {
        ReadOnlySpan<T> output = _out[h], dEdout = _dEdout[h];
        Span<T> delta = _delta[h], squared = _scratch[h];
        TensorPrimitives.Multiply(output, output, squared);
        if (_activation[h] == Act.Logistic)
        {
            TensorPrimitives.Subtract(output, squared, squared);     // out (1 - out)
            TensorPrimitives.Multiply(squared, dEdout, delta);
        }
        else
        {
            TensorPrimitives.Multiply(squared, dEdout, squared);     // tanh: dE/dout (1 - out^2)
            TensorPrimitives.Subtract(dEdout, squared, delta);
        }
    }
}
