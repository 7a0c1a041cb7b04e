namespace BackpropGen.Generator.Tests.Numerics;

/// <summary>
/// A plain, loop-based forward pass in double written from the SPEC alone (canonical order, activations, losses).
/// It is independent of the generator: it chooses well-conditioned check points and checks Loss itself.
/// </summary>
public static class ReferenceNetwork
{
    /// <summary>Every layer's nets, and the loss.</summary>
    public sealed record Evaluation(IReadOnlyList<double[]> Nets, double Loss);

    public static Evaluation Evaluate(NetworkSpec spec, double[] parameters, double[] input, double[] target)
    {
        // Canonical order: all weights layer by layer (neuron by neuron, input by input), then all biases layer by layer.
        int weight = 0, bias = spec.WeightCount;
        double[] values = input, net = input;
        var nets = new List<double[]>();
        foreach (LayerSpec layer in spec.Layers)
        {
            net = new double[layer.Size];
            for (int n = 0; n < layer.Size; n++)
            {
                for (int k = 0; k < values.Length; k++)
                {
                    net[n] += parameters[weight++] * values[k];
                }

                net[n] += layer.BiasMode switch
                {
                    "shared" => parameters[bias],
                    "per_neuron" => parameters[bias + n],
                    _ => 0.0,
                };
            }

            bias += layer.BiasCount;
            nets.Add(net);
            values = Activate(layer, net);
        }

        return new Evaluation(nets, Loss(spec, net, values, target));
    }

    private static double[] Activate(LayerSpec layer, double[] net)
    {
        if (layer.Kind == "softmax")
        {
            double max = net.Max();
            double sum = net.Sum(x => Math.Exp(x - max));
            return net.Select(x => Math.Exp(x - max) / sum).ToArray();
        }

        return net.Select(x => layer.Kind switch
        {
            "logistic" => 1.0 / (1.0 + Math.Exp(-x)),
            "tanh" => Math.Tanh(x),
            "relu" => Math.Max(x, 0.0),
            "leaky_relu" => x > 0 ? x : layer.Slope * x,
            "identity" => x,
            "softplus" => Softplus(x),
            "silu" => x / (1.0 + Math.Exp(-x)),
            "elu" => x > 0 ? x : layer.Slope * (Math.Exp(x) - 1.0),
            _ => throw new ArgumentException("No reference for activation " + layer.Activation),
        }).ToArray();
    }

    private static double Loss(NetworkSpec spec, double[] net, double[] output, double[] target)
    {
        int n = output.Length;
        switch (spec.LossKind)
        {
            case "half_squared_error":
                return Enumerable.Range(0, n).Sum(k => 0.5 * (target[k] - output[k]) * (target[k] - output[k]));
            case "mean_squared_error":
                return Enumerable.Range(0, n).Sum(k => (target[k] - output[k]) * (target[k] - output[k])) / n;
            case "cross_entropy" when spec.Layers[^1].Kind == "softmax":
                // -sum t ln(out), with ln(out_k) = net_k - ln(sum_j e^net_j) computed without overflow.
                double max = net.Max();
                double logSum = max + Math.Log(net.Sum(x => Math.Exp(x - max)));
                return -Enumerable.Range(0, n).Sum(k => target[k] * (net[k] - logSum));
            case "cross_entropy":
                // Binary cross-entropy of logistic outputs: -[t ln o + (1 - t) ln(1 - o)] = ln(1 + e^net) - t net.
                return Enumerable.Range(0, n).Sum(k => Softplus(net[k]) - (target[k] * net[k]));
            default:
                throw new ArgumentException("No reference for loss " + spec.LossKind);
        }
    }

    private static double Softplus(double x) => Math.Max(x, 0.0) + Math.Log(1.0 + Math.Exp(-Math.Abs(x)));
}
