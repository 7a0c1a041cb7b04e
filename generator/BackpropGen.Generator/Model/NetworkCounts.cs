using System.Collections.Generic;
using System.Linq;

namespace BackpropGen.Generator.Model
{
    /// <summary>
    /// Sizes that decide the code layout (and BPG024), counted from the description alone: nothing is built.
    /// <see cref="UnrolledLocals"/> equals the number of quantities the unrolled layout names (a test keeps them equal).
    /// </summary>
    internal sealed class NetworkCounts
    {
        private NetworkCounts(int weights, int biases, int unrolledLocals)
        {
            Weights = weights;
            Biases = biases;
            UnrolledLocals = unrolledLocals;
        }

        public int Weights { get; }

        public int Biases { get; }

        /// <summary>Named quantities of one unrolled pass: the locals of TrainStep, the fields of Trace.</summary>
        public int UnrolledLocals { get; }

        public static NetworkCounts Of(NetworkDescription d)
        {
            IReadOnlyList<LayerDescription> layers = d.Layers;
            LayerDescription output = layers[layers.Count - 1];
            int outputs = output.Size;
            bool softmaxOut = output.Activation == ActivationKind.Softmax;

            int forward = layers.Sum(l => l.Activation == ActivationKind.Softmax ? (3 * l.Size) + 2 : 2 * l.Size);
            int loss = outputs + 1 + (d.Loss == LossKind.CrossEntropy && softmaxOut ? 1 : 0);
            int outputDeltas = LossRules.CollapsesWithOutput(d.Loss, output.Activation)
                ? outputs + (softmaxOut ? 1 : 0)
                : softmaxOut ? (2 * outputs) + (outputs * outputs) : 3 * outputs;
            int hiddenDeltas = 0;
            for (int l = 0; l < layers.Count - 1; l++)
            {
                hiddenDeltas += layers[l].Size * (layers[l + 1].Size + 3);
            }

            int weights = CountWeights(d.Inputs, layers);
            int biases = layers.Sum(BiasCount);
            int locals = d.Inputs + outputs + forward + loss + outputDeltas + hiddenDeltas + weights + biases;
            return new NetworkCounts(weights, biases, locals);
        }

        /// <summary>Number of weights the description implies (for messages about initial values).</summary>
        public static int CountWeights(int inputs, IReadOnlyList<LayerDescription> layers)
        {
            int count = 0, fanIn = inputs;
            foreach (LayerDescription layer in layers)
            {
                count += fanIn * layer.Size;
                fanIn = layer.Size;
            }

            return count;
        }

        /// <summary>Number of biases of one layer.</summary>
        public static int BiasCount(LayerDescription layer) => layer.Bias switch
        {
            BiasKind.PerNeuron => layer.Size,
            BiasKind.Shared => 1,
            BiasKind.None => 0,
            _ => throw new System.ArgumentOutOfRangeException(nameof(layer), layer.Bias, "Unknown bias mode."),
        };
    }
}
