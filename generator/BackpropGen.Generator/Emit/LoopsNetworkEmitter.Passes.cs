using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit
{
    /// <summary>The loops layout's forward, loss and backward passes.</summary>
    internal sealed partial class LoopsNetworkEmitter
    {
        private void WriteForwardCore()
        {
            _w.OpenBlock($"private void ForwardCore({In} input)");
            _w.Line($"global::System.ReadOnlySpan<{_t}> parameters = _parameters;");
            new LoopsForwardWriter(_w, _network, _slices, "_").WriteLayers(keepSoftmaxStatistics: true);
            _w.CloseBlock();
        }

        private void WriteLossCore()
        {
            LossKind loss = _network.Description.Loss;
            int size = Output.Neurons.Count;
            _w.Line($"// Loss ({LossRules.Name(loss)}): {LossRules.Describe(loss, Output.Activation, size)}.");
            _w.OpenBlock($"private {_t} LossCore({In} target)");
            if (loss == LossKind.CrossEntropy && Output.Activation == ActivationKind.Softmax)
            {
                _w.Line($"{_t} {QuantityNames.MaxNet} = _maxNet;");
                _w.Line($"{_t} {QuantityNames.LogSumExp} = {_network.Numeric.Math}.Log(_sumExp);", "sum_exp >= 1, so never ln(0)");
            }

            _w.Line($"{_t} loss = {_network.Numeric.Literal(0)};");
            Formula term = LossRules.Term(loss, Output.Activation, "target[k]", $"_out{L}[k]", $"_net{L}[k]", size, _network.Numeric, "E_k");
            _w.Line($"for (int k = 0; k < {size}; k++) loss += {term.Code};", term.Maths);
            _w.Line("return loss;");
            _w.CloseBlock();
        }

        private void WriteOutputDeltas()
        {
            LossKind loss = _network.Description.Loss;
            int size = Output.Neurons.Count;
            string delta = $"_delta{L}", outputs = $"_out{L}";
            _w.OpenBlock($"private void OutputDeltas({In} target)");
            if (LossRules.CollapsesWithOutput(loss, Output.Activation) && Output.Activation == ActivationKind.Softmax)
            {
                _w.Line("// Softmax with cross-entropy: the log's 1/out cancels the softmax Jacobian's out, leaving");
                _w.Line("// delta_k = out_k * (sum of targets) - target_k, which is out_k - target_k for one-hot targets.");
                _w.Line($"{_t} targetSum = {_network.Numeric.Literal(0)};");
                _w.Line($"for (int k = 0; k < {size}; k++) targetSum += target[k];");
                _w.Line($"for (int k = 0; k < {size}; k++) {delta}[k] = {outputs}[k] * targetSum - target[k];");
            }
            else if (LossRules.CollapsesWithOutput(loss, Output.Activation))
            {
                _w.Line("// Logistic outputs with binary cross-entropy: dE/dout = (out - t) / (out (1 - out)) and dout/dnet = out (1 - out) cancel.");
                _w.Line($"for (int k = 0; k < {size}; k++) {delta}[k] = {outputs}[k] - target[k];");
            }
            else if (Output.Activation == ActivationKind.Softmax)
            {
                Formula dE = LossRules.Derivative(loss, "target[k]", $"{outputs}[k]", size, _network.Numeric);
                _w.Line("// Softmax with a squared error: delta_k = sum_j dE/dout_j * out_j ([j = k] - out_k) = out_k (dE/dout_k - sum_j dE/dout_j out_j).");
                _w.Line($"for (int k = 0; k < {size}; k++) {delta}[k] = {dE.Code};", dE.Maths.Replace($"{outputs}[k]", "out_k"));
                _w.Line($"{_t} weighted = {_network.Numeric.Literal(0)};");
                _w.Line($"for (int j = 0; j < {size}; j++) weighted += {delta}[j] * {outputs}[j];");
                _w.Line($"for (int k = 0; k < {size}; k++) {delta}[k] = {outputs}[k] * ({delta}[k] - weighted);");
            }
            else
            {
                Formula dE = LossRules.Derivative(loss, "target[k]", "out_k", size, _network.Numeric);
                Formula dOut = ActivationRules.Derivative(Output.Description, "net_k", "out_k", _network.Numeric);
                _w.Line("// delta_k = dE_total/dnet_k = dE_total/dout_k * dout_k/dnet_k.");
                _w.OpenBlock($"for (int k = 0; k < {size}; k++)");
                _w.Line($"{_t} net_k = _net{L}[k], out_k = {outputs}[k];");
                _w.Line($"{delta}[k] = ({dE.Code}) * ({dOut.Code});", $"{dE.Maths}; {dOut.Maths}");
                _w.CloseBlock();
            }

            _w.CloseBlock();
        }

        /// <summary>Backward writes every gradient; TrainStep applies each update right after the last use of the old value.</summary>
        private void WriteBackwardCore(bool training)
        {
            string scalar = _network.Numeric.Keyword;
            _w.OpenBlock(training
                ? $"private void TrainCore({In} input, {scalar} learningRate)"
                : $"private void BackwardCore({In} input, {Out} gradient)");
            _w.Line($"global::System.Span<{_t}> parameters = _parameters;");
            for (int i = _slices.Length - 1; i >= 0; i--)
            {
                LayerSlices layer = _slices[i];
                int n = layer.Number;
                string delta = $"_delta{n}";
                _w.Line();
                if (n > 1)
                {
                    _w.Line($"// dE_total/dout of layer {n - 1}: every path through layer {n}, dE/dout_h = sum_n delta_n * w[n,h] (weights before any update).");
                    _w.Line($"global::System.Array.Clear(_dEdout{n - 1}, 0, {_slices[i - 1].Size});");
                    _w.Line($"for (int n = 0; n < {layer.Size}; n++) AddScaled(_dEdout{n - 1}, parameters.Slice({layer.WeightOffset} + n * {layer.FanIn}, {layer.FanIn}), {delta}[n]);");
                }

                _w.Line($"// Layer {n}: dE_total/dw[n,k] = delta_n * (value k feeding the layer); dE_total/db_n = delta_n.");
                if (training)
                {
                    _w.Line($"for (int n = 0; n < {layer.Size}; n++) AddScaled(parameters.Slice({layer.WeightOffset} + n * {layer.FanIn}, {layer.FanIn}), {layer.Feed}, -learningRate * {delta}[n]);", "w+ = w - eta * dE_total/dw");
                    if (_network.Description.TrainBiases)
                    {
                        WriteBiasGradient(layer, delta, sum => $"parameters[{layer.BiasOffset}] -= learningRate * {sum};", $"parameters[{layer.BiasOffset} + n] -= learningRate * {delta}[n];");
                    }
                }
                else
                {
                    _w.Line($"for (int n = 0; n < {layer.Size}; n++) Scale({layer.Feed}, {delta}[n], gradient.Slice({layer.WeightOffset} + n * {layer.FanIn}, {layer.FanIn}));");
                    WriteBiasGradient(layer, delta, sum => $"gradient[{layer.BiasOffset}] = {sum};", $"gradient[{layer.BiasOffset} + n] = {delta}[n];");
                }

                if (n > 1)
                {
                    LayerSlices below = _slices[i - 1];
                    Formula dOut = ActivationRules.Derivative(below.Layer.Description, "net_h", "out_h", _network.Numeric);
                    _w.Line($"// Layer {n - 1}: delta_h = dE_total/dout_h * dout_h/dnet_h.");
                    _w.OpenBlock($"for (int h = 0; h < {below.Size}; h++)");
                    _w.Line($"{_t} net_h = _net{n - 1}[h], out_h = _out{n - 1}[h];");
                    _w.Line($"_delta{n - 1}[h] = _dEdout{n - 1}[h] * ({dOut.Code});", dOut.Maths);
                    _w.CloseBlock();
                }
            }

            _w.CloseBlock();
        }

        private void WriteBiasGradient(LayerSlices layer, string delta, System.Func<string, string> shared, string perNeuron)
        {
            if (layer.Bias == BiasKind.Shared)
            {
                _w.Line($"{_t} biasGradient{layer.Number} = {_network.Numeric.Literal(0)};");
                _w.Line($"for (int n = 0; n < {layer.Size}; n++) biasGradient{layer.Number} += {delta}[n];", "a shared bias feeds every neuron");
                _w.Line(shared($"biasGradient{layer.Number}"));
            }
            else if (layer.Bias == BiasKind.PerNeuron)
            {
                _w.Line($"for (int n = 0; n < {layer.Size}; n++) {perNeuron}");
            }
        }
    }
}
