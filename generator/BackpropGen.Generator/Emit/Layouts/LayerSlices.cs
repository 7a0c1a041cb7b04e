using System.Collections.Generic;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Layouts
{
    /// <summary>Where a layer's parameters sit in the canonical parameter array.</summary>
    internal sealed class LayerSlices
    {
        private LayerSlices(Layer layer, int weightOffset, int biasOffset)
        {
            Layer = layer;
            WeightOffset = weightOffset;
            BiasOffset = biasOffset;
        }

        public Layer Layer { get; }

        public int Number => Layer.Number;

        public int Size => Layer.Neurons.Count;

        public int FanIn => Layer.Inputs.Count;

        /// <summary>Index of the layer's first weight; neuron n's row starts at WeightOffset + n * FanIn.</summary>
        public int WeightOffset { get; }

        /// <summary>Index of the layer's first bias (its only one when shared), or -1 without biases.</summary>
        public int BiasOffset { get; }

        public BiasKind Bias => Layer.Description.Bias;

        /// <summary>The values feeding the layer: the input span or the previous layer's outputs.</summary>
        public string Feed => Number == 1 ? "input" : $"out{Number - 1}";

        public string FirstWeight => Layer.Weights[0][0].Name;

        public string LastWeight => Layer.Weights[Size - 1][FanIn - 1].Name;

        public static LayerSlices[] Of(NetworkModel network)
        {
            var slices = new List<LayerSlices>();
            foreach (Layer layer in network.Layers)
            {
                Parameter? firstBias = layer.Biases[0];
                slices.Add(new LayerSlices(layer, layer.Weights[0][0].Index, firstBias?.Index ?? -1));
            }

            return slices.ToArray();
        }
    }
}
