using BackpropGen.Generator.Common;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit
{
    /// <summary>
    /// The forward loops of the loops layout, shared by trainable networks (scratch arrays as fields, prefix "_")
    /// and frozen ones (scratch spans as locals): the same operations in the same order, so both give the same bits.
    /// Expects a local span <c>parameters</c> and the input span <c>input</c>.
    /// </summary>
    internal sealed class LoopsForwardWriter
    {
        private readonly SourceWriter _w;
        private readonly NetworkModel _network;
        private readonly LayerSlices[] _slices;
        private readonly string _scratch;
        private readonly string _t;

        public LoopsForwardWriter(SourceWriter w, NetworkModel network, LayerSlices[] slices, string scratchPrefix)
        {
            _w = w;
            _network = network;
            _slices = slices;
            _scratch = scratchPrefix;
            _t = network.Numeric.Keyword;
        }

        public void WriteLayers(bool keepSoftmaxStatistics)
        {
            foreach (LayerSlices layer in _slices)
            {
                int n = layer.Number;
                string role = layer.Layer.IsOutput ? "output layer" : "hidden layer";
                _w.Line();
                _w.Line($"// Layer {n}, {role} of {layer.Size}: {ActivationRules.Name(layer.Layer.Activation)}. Weights {layer.FirstWeight}..{layer.LastWeight}, one row of {layer.FanIn} per neuron.");
                _w.Line("// net_n = (row n) . (values feeding the layer) + bias; out_n = activation(net_n).");
                _w.OpenBlock($"for (int n = 0; n < {layer.Size}; n++)");
                _w.Line($"{_t} net = Dot(parameters.Slice({layer.WeightOffset} + n * {layer.FanIn}, {layer.FanIn}), {layer.FeedWith(_scratch)}){BiasTerm(layer)};");
                _w.Line($"{_scratch}net{n}[n] = net;");
                if (layer.Layer.Activation != ActivationKind.Softmax)
                {
                    Formula activation = ActivationRules.Output(layer.Layer.Description, "net", $"out_{n}", _network.Numeric);
                    _w.Line($"{_scratch}out{n}[n] = {activation.Code};", activation.Maths);
                }

                _w.CloseBlock();
                if (layer.Layer.Activation == ActivationKind.Softmax)
                {
                    WriteSoftmax(n, layer.Size, keepSoftmaxStatistics);
                }
            }
        }

        private void WriteSoftmax(int n, int size, bool keepStatistics)
        {
            string math = _network.Numeric.Math, net = $"{_scratch}net{n}", output = $"{_scratch}out{n}";
            _w.Line();
            _w.Line("// Softmax: subtract the largest net so that no e^x overflows; out_k = e^(net_k - max) / sum_j e^(net_j - max).");
            _w.Line($"{_t} maxNet = {net}[0];");
            _w.Line($"for (int k = 1; k < {size}; k++) maxNet = {math}.Max(maxNet, {net}[k]);");
            _w.Line($"{_t} sumExp = {_network.Numeric.Literal(0)};");
            _w.OpenBlock($"for (int k = 0; k < {size}; k++)");
            _w.Line($"{_t} e = {math}.Exp({net}[k] - maxNet);");
            _w.Line($"{output}[k] = e;");
            _w.Line("sumExp += e;");
            _w.CloseBlock();
            _w.Line($"for (int k = 0; k < {size}; k++) {output}[k] = {output}[k] / sumExp;");
            if (keepStatistics)
            {
                _w.Line("_maxNet = maxNet;");
                _w.Line("_sumExp = sumExp;");
            }
        }

        private static string BiasTerm(LayerSlices layer) => layer.Bias switch
        {
            BiasKind.PerNeuron => $" + parameters[{layer.BiasOffset} + n]",
            BiasKind.Shared => $" + parameters[{layer.BiasOffset}]",
            _ => string.Empty,
        };
    }
}
