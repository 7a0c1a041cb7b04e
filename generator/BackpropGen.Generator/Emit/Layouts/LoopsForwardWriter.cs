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
                _w.Line("// net_n = (row n) . (values feeding the layer) + bias, rows two at a time; then out_n = activation(net_n).");
                string Row(string neuron) => $"parameters.Slice({layer.WeightOffset} + {neuron} * {layer.FanIn}, {layer.FanIn})";
                if (layer.Size >= 2)
                {
                    _w.OpenBlock($"for (int n = 0; n < {layer.Size - 1}; n += 2)");
                    _w.Line($"Dot2({Row("n")}, {Row("(n + 1)")}, {layer.Feed}, out {_t} dot0, out {_t} dot1);");
                    _w.Line($"net{n}[n] = dot0{BiasTerm(layer, "n")};");
                    _w.Line($"net{n}[n + 1] = dot1{BiasTerm(layer, "n + 1")};");
                    _w.CloseBlock();
                }

                if (layer.Size % 2 == 1)
                {
                    string last = (layer.Size - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    _w.Line($"net{n}[{last}] = Dot({Row(last)}, {layer.Feed}){BiasTerm(layer, last)};");
                }

                if (layer.Layer.Activation == ActivationKind.Softmax)
                {
                    WriteSoftmax($"net{n}", $"out{n}", layer.Size, softmaxStatistics);
                }
                else
                {
                    WriteActivation(layer, $"net{n}", $"out{n}");
                }
            }
        }

        /// <summary>out_n = activation(net_n) over a layer's spans <paramref name="net"/> and <paramref name="output"/> (not softmax).</summary>
        public void WriteActivation(LayerSlices layer, string net, string output)
        {
            LayerDescription description = layer.Layer.Description;
            Formula activation = ActivationRules.Output(description, "net", "out_n", _network.Numeric);
            LayerVectorLoop.Write(_w, _network.Numeric, layer.Size, new[] { ("net", net) }, output,
                vector => ActivationRules.VectorOutput(description, "net", _network.Numeric, vector), activation.Code, activation.Maths);
        }

        /// <summary>The softmax rules of <see cref="OutputLayerRules"/>, over a layer's spans <paramref name="net"/> and <paramref name="output"/>.</summary>
        public void WriteSoftmax(string net, string output, int size, string? statistics)
        {
            NumericType t = _network.Numeric;
            _w.Line();
            _w.Line("// Softmax: subtract the largest net so that no e^x overflows; out_k = e^(net_k - max) / sum_j e^(net_j - max).");
            _w.Line($"{_t} maxNet = {net}[0];");
            _w.Line($"for (int k = 1; k < {size}; k++) maxNet = {OutputLayerRules.Max("maxNet", $"{net}[k]", t)};");
            LayerVectorLoop.Write(_w, t, size, new[] { ("net", net) }, output,
                vector => OutputLayerRules.VectorShiftedExp("net", $"{vector}.Create(maxNet)"), OutputLayerRules.ShiftedExp("net", "maxNet"), "e_k = e^(net_k - max_net)");
            _w.Line($"{_t} sumExp = {t.Literal(0)};");
            _w.Line($"for (int k = 0; k < {size}; k++) sumExp += {output}[k];", "in order, as the unrolled layout adds them");
            LayerVectorLoop.Write(_w, t, size, new[] { ("e", output) }, output,
                vector => OutputLayerRules.VectorNormalized("e", $"{vector}.Create(sumExp)"), OutputLayerRules.Normalized("e", "sumExp"), "out_k = e_k / sum_exp");
            if (statistics is not null)
            {
                _w.Line($"{statistics}MaxNet = maxNet;");
                _w.Line($"{statistics}SumExp = sumExp;");
            }
        }

        /// <summary>" + bias" of neuron <paramref name="neuron"/>, as the forward pass adds it to the dot product (empty without biases).</summary>
        public static string BiasTerm(LayerSlices layer, string neuron = "n") => layer.Bias switch
        {
            BiasKind.PerNeuron => $" + parameters[{layer.BiasOffset} + {neuron}]",
            BiasKind.Shared => $" + parameters[{layer.BiasOffset}]",
            BiasKind.None => string.Empty,
            _ => throw new System.ArgumentOutOfRangeException(nameof(layer), layer.Bias, "Unknown bias mode."),
        };
    }
}
