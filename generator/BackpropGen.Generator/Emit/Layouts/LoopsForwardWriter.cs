using BackpropGen.Generator.Common;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Layouts
{
    /// <summary>
    /// The forward loops of the loops layout, shared by trainable and frozen networks: the same operations in the same
    /// order, so both give the same bits. Expects a span <c>parameters</c>, the span <c>input</c> and, per layer n, spans
    /// <c>net{n}</c> and <c>out{n}</c>.
    /// </summary>
    internal sealed class LoopsForwardWriter
    {
        private readonly SourceWriter _w;
        private readonly NetworkModel _network;
        private readonly LayerSlices[] _slices;
        private readonly string _t;

        public LoopsForwardWriter(SourceWriter w, NetworkModel network, LayerSlices[] slices)
        {
            _w = w;
            _network = network;
            _slices = slices;
            _t = network.Numeric.Keyword;
        }

        /// <param name="softmaxStatistics">Where a softmax output keeps max_net and sum_exp for the loss ("s."), or null.</param>
        public void WriteLayers(string? softmaxStatistics)
        {
            foreach (LayerSlices layer in _slices)
            {
                int n = layer.Number;
                string role = layer.Layer.IsOutput ? "output layer" : "hidden layer";
                _w.Line();
                _w.Line($"// Layer {n}, {role} of {layer.Size}: {Vocabulary.Name(layer.Layer.Activation)}. Weights {layer.FirstWeight}..{layer.LastWeight}, one row of {layer.FanIn} per neuron.");
                _w.Line("// net_n = (row n) . (values feeding the layer) + bias; out_n = activation(net_n).");
                _w.OpenBlock($"for (int n = 0; n < {layer.Size}; n++)");
                WriteNeuron(layer, $"Dot(parameters.Slice({layer.WeightOffset} + n * {layer.FanIn}, {layer.FanIn}), {layer.Feed})", $"net{n}", $"out{n}");
                _w.CloseBlock();
                if (layer.Layer.Activation == ActivationKind.Softmax)
                {
                    WriteSoftmax($"net{n}", $"out{n}", layer.Size, softmaxStatistics);
                }
            }
        }

        /// <summary>Neuron n of a layer from its dot product: net = dot + bias, then out = activation(net) unless softmax couples the layer.</summary>
        public void WriteNeuron(LayerSlices layer, string dot, string net, string output)
        {
            _w.Line($"{_t} net = {dot}{BiasTerm(layer)};");
            _w.Line($"{net}[n] = net;");
            if (layer.Layer.Activation != ActivationKind.Softmax)
            {
                Formula activation = ActivationRules.Output(layer.Layer.Description, "net", $"out_{layer.Number}", _network.Numeric);
                _w.Line($"{output}[n] = {activation.Code};", activation.Maths);
            }
        }

        /// <summary>The softmax rules of <see cref="OutputLayerRules"/>, over a layer's spans <paramref name="net"/> and <paramref name="output"/>.</summary>
        public void WriteSoftmax(string net, string output, int size, string? statistics)
        {
            NumericType t = _network.Numeric;
            _w.Line();
            _w.Line("// Softmax: subtract the largest net so that no e^x overflows; out_k = e^(net_k - max) / sum_j e^(net_j - max).");
            _w.Line($"{_t} maxNet = {net}[0];");
            _w.Line($"for (int k = 1; k < {size}; k++) maxNet = {OutputLayerRules.Max("maxNet", $"{net}[k]", t)};");
            _w.Line($"{_t} sumExp = {t.Literal(0)};");
            _w.OpenBlock($"for (int k = 0; k < {size}; k++)");
            _w.Line($"{_t} e = {OutputLayerRules.ShiftedExp($"{net}[k]", "maxNet", t)};");
            _w.Line($"{output}[k] = e;");
            _w.Line("sumExp += e;");
            _w.CloseBlock();
            _w.Line($"for (int k = 0; k < {size}; k++) {output}[k] = {OutputLayerRules.Normalized($"{output}[k]", "sumExp")};");
            if (statistics is not null)
            {
                _w.Line($"{statistics}MaxNet = maxNet;");
                _w.Line($"{statistics}SumExp = sumExp;");
            }
        }

        private static string BiasTerm(LayerSlices layer) => layer.Bias switch
        {
            BiasKind.PerNeuron => $" + parameters[{layer.BiasOffset} + n]",
            BiasKind.Shared => $" + parameters[{layer.BiasOffset}]",
            BiasKind.None => string.Empty,
            _ => throw new System.ArgumentOutOfRangeException(nameof(layer), layer.Bias, "Unknown bias mode."),
        };
    }
}
