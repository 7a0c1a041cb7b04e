using System.Linq;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Layouts
{
    /// <summary>The loops layout's forward, loss and backward passes, each over one thread's scratch.</summary>
    internal sealed partial class LoopsLayout
    {
        private void WriteForwardCore()
        {
            W.OpenBlock($"private void ForwardCore(Scratch s, {In} input)");
            W.Line($"global::System.ReadOnlySpan<{T}> parameters = _parameters;");
            W.Line($"global::System.Span<{T}> " + string.Join(", ", _slices.Select(l => $"net{l.Number} = s.Net{l.Number}, out{l.Number} = s.Out{l.Number}")) + ";");
            new LoopsForwardWriter(W, Network, _slices).WriteLayers(softmaxStatistics: SoftmaxStatistics ? "s." : null);
            W.CloseBlock();
        }

        private void WriteLossCore()
        {
            LossKind loss = Network.Description.Loss;
            int size = Output.Neurons.Count;
            W.Line($"// Loss ({Vocabulary.Name(loss)}): {LossRules.Describe(loss, Output.Activation, size)}.");
            W.OpenBlock($"private {T} LossCore(Scratch s, {In} target)");
            W.Line($"{T}[] net = s.Net{L}, output = s.Out{L};");
            if (loss == LossKind.CrossEntropy && Output.Activation == ActivationKind.Softmax)
            {
                W.Line($"{T} {QuantityNames.MaxNet} = s.MaxNet;");
                W.Line($"{T} {QuantityNames.LogSumExp} = {LossRules.LogOfSumExp("s.SumExp")};", "sum_exp >= 1, so never ln(0)");
            }

            W.Line($"{T} loss = {Numeric.Literal(0)};");
            Formula term = LossRules.Term(loss, Output.Activation, "target[k]", "output[k]", "net[k]", size, Numeric, "E_k");
            W.Line($"for (int k = 0; k < {size}; k++) loss += {term.Code};", term.Maths);
            W.Line("return loss;");
            W.CloseBlock();
        }

        /// <summary>The output layer's deltas, by the rule of <see cref="OutputLayerRules"/> the unrolled layout uses too.</summary>
        private void WriteOutputDeltas()
        {
            LossKind loss = Network.Description.Loss;
            int size = Output.Neurons.Count;
            OutputDeltaForm form = OutputLayerRules.DeltaForm(loss, Output.Activation);
            W.OpenBlock($"private void OutputDeltas(Scratch s, {In} target)");
            W.Line($"{T}[] delta = s.Delta{L}, net = s.Net{L}, output = s.Out{L};");
            switch (form)
            {
                case OutputDeltaForm.SoftmaxCrossEntropy:
                    W.Line("// Softmax with cross-entropy: the log's 1/out cancels the softmax Jacobian's out, leaving");
                    W.Line("// delta_k = out_k * (sum of targets) - target_k, which is out_k - target_k for one-hot targets.");
                    W.Line($"{T} targetSum = {Numeric.Literal(0)};");
                    W.Line($"for (int k = 0; k < {size}; k++) targetSum += target[k];");
                    W.Line($"for (int k = 0; k < {size}; k++) delta[k] = {OutputLayerRules.SoftmaxCrossEntropyDelta("output[k]", "targetSum", "target[k]")};");
                    break;
                case OutputDeltaForm.LogisticCrossEntropy:
                    W.Line("// Logistic outputs with binary cross-entropy: dE/dout = (out - t) / (out (1 - out)) and dout/dnet = out (1 - out) cancel.");
                    W.Line($"for (int k = 0; k < {size}; k++) delta[k] = {OutputLayerRules.LogisticCrossEntropyDelta("output[k]", "target[k]")};");
                    break;
                case OutputDeltaForm.SoftmaxJacobian:
                    WriteSoftmaxJacobianDeltas(loss, size);
                    break;
                case OutputDeltaForm.PerNeuron:
                    Formula dE = LossRules.Derivative(loss, "target[k]", "out_k", size, Numeric);
                    Formula dOut = ActivationRules.Derivative(Output.Description, "net_k", "out_k", Numeric);
                    W.Line("// delta_k = dE_total/dnet_k = dE_total/dout_k * dout_k/dnet_k.");
                    W.OpenBlock($"for (int k = 0; k < {size}; k++)");
                    W.Line($"{T} net_k = net[k], out_k = output[k];");
                    W.Line($"delta[k] = {OutputLayerRules.ChainedDelta($"({dE.Code})", $"({dOut.Code})")};", $"{dE.Maths}; {dOut.Maths}");
                    W.CloseBlock();
                    break;
                default:
                    throw new System.ArgumentOutOfRangeException(nameof(form), form, "Unknown output delta form.");
            }

            W.CloseBlock();
        }

        /// <summary>Softmax with a squared error: the whole Jacobian, summed over j in order, as the unrolled layout writes it.</summary>
        private void WriteSoftmaxJacobianDeltas(LossKind loss, int size)
        {
            Formula dE = LossRules.Derivative(loss, "target[k]", "output[k]", size, Numeric);
            Formula diagonal = OutputLayerRules.SoftmaxJacobian("output[j]", "output[k]", diagonal: true, "dout_j/dnet_k", Numeric);
            Formula offDiagonal = OutputLayerRules.SoftmaxJacobian("output[j]", "output[k]", diagonal: false, "dout_j/dnet_k", Numeric);
            W.Line("// Softmax with a squared error: every out_j depends on every net_k, so delta_k = sum over j of dE_total/dout_j * dout_j/dnet_k,");
            W.Line("// with the softmax Jacobian dout_j/dnet_k = out_j * ([j = k] - out_k).");
            W.Line($"{T}[] dEdout = s.DEdout{L};");
            W.Line($"for (int k = 0; k < {size}; k++) dEdout[k] = {dE.Code};", dE.Maths.Replace("output[k]", "out_k").Replace("target[k]", "target_k"));
            W.OpenBlock($"for (int k = 0; k < {size}; k++)");
            Formula firstDiagonal = OutputLayerRules.SoftmaxJacobian("output[0]", "output[k]", diagonal: true, "dout_0/dnet_k", Numeric);
            Formula firstOffDiagonal = OutputLayerRules.SoftmaxJacobian("output[0]", "output[k]", diagonal: false, "dout_0/dnet_k", Numeric);
            W.Line($"{T} sum = dEdout[0] * (k == 0 ? {firstDiagonal.Code} : {firstOffDiagonal.Code});");
            W.Line($"for (int j = 1; j < {size}; j++) sum += dEdout[j] * (j == k ? {diagonal.Code} : {offDiagonal.Code});", $"{diagonal.Maths} if j = k, {offDiagonal.Maths} otherwise");
            W.Line("delta[k] = sum;");
            W.CloseBlock();
        }

        /// <summary>Every gradient, from the last layer back: the weight gradients of a layer, its bias gradients, then the deltas below.</summary>
        private void WriteBackwardCore()
        {
            W.OpenBlock($"private void BackwardCore(Scratch s, {In} input, {Out} gradient)");
            W.Line($"global::System.ReadOnlySpan<{T}> parameters = _parameters;");
            for (int i = _slices.Length - 1; i >= 0; i--)
            {
                LayerSlices layer = _slices[i];
                int n = layer.Number;
                string delta = $"s.Delta{n}";
                string feed = n == 1 ? "input" : $"s.Out{n - 1}";
                W.Line();
                if (n > 1)
                {
                    WritePathsBelow(i);
                }

                W.Line($"// Layer {n}: dE_total/dw[n,k] = delta_n * (value k feeding the layer); dE_total/db_n = delta_n.");
                W.Line($"for (int n = 0; n < {layer.Size}; n++) Scale({feed}, {delta}[n], gradient.Slice({layer.WeightOffset} + n * {layer.FanIn}, {layer.FanIn}));");
                if (layer.Bias == BiasKind.Shared)
                {
                    W.Line($"{T} biasGradient{n} = {Numeric.Literal(0)};");
                    W.Line($"for (int n = 0; n < {layer.Size}; n++) biasGradient{n} += {delta}[n];", OutputLayerRules.SharedBiasGradient);
                    W.Line($"gradient[{layer.BiasOffset}] = biasGradient{n};");
                }
                else if (layer.Bias == BiasKind.PerNeuron)
                {
                    W.Line($"for (int n = 0; n < {layer.Size}; n++) gradient[{layer.BiasOffset} + n] = {delta}[n];");
                }

                if (n > 1)
                {
                    WriteDeltasBelow(i);
                }
            }

            W.CloseBlock();
        }

        /// <summary>InputGradient: the deltas down to layer 1, then every path from each input through layer 1.</summary>
        private void WriteInputGradientCore()
        {
            W.OpenBlock($"private void InputGradientCore(Scratch s, {Out} inputGradient)");
            W.Line($"global::System.ReadOnlySpan<{T}> parameters = _parameters;");
            for (int i = _slices.Length - 1; i > 0; i--)
            {
                W.Line();
                WritePathsBelow(i);
                WriteDeltasBelow(i);
            }

            LayerSlices first = _slices[0];
            W.Line();
            W.Line("// dE_total/d(input k): every path through layer 1, sum_n delta_n * w[n,k].");
            W.Line($"inputGradient.Slice(0, {first.FanIn}).Clear();");
            W.Line($"for (int n = 0; n < {first.Size}; n++) AddScaled(inputGradient.Slice(0, {first.FanIn}), parameters.Slice({first.WeightOffset} + n * {first.FanIn}, {first.FanIn}), s.Delta1[n]);");
            W.CloseBlock();
        }

        /// <summary>dE_total/dout of the layer below slice <paramref name="i"/>, from the weights before any update.</summary>
        private void WritePathsBelow(int i)
        {
            LayerSlices layer = _slices[i];
            int n = layer.Number;
            W.Line($"// dE_total/dout of layer {n - 1}: every path through layer {n}, dE/dout_h = sum_n delta_n * w[n,h].");
            W.Line($"global::System.Array.Clear(s.DEdout{n - 1}, 0, {_slices[i - 1].Size});");
            W.Line($"for (int n = 0; n < {layer.Size}; n++) AddScaled(s.DEdout{n - 1}, parameters.Slice({layer.WeightOffset} + n * {layer.FanIn}, {layer.FanIn}), s.Delta{n}[n]);");
        }

        /// <summary>The deltas of the layer below slice <paramref name="i"/>: delta_h = dE_total/dout_h * dout_h/dnet_h.</summary>
        private void WriteDeltasBelow(int i)
        {
            int n = _slices[i].Number;
            LayerSlices below = _slices[i - 1];
            Formula dOut = ActivationRules.Derivative(below.Layer.Description, "net_h", "out_h", Numeric);
            LayerDescription description = below.Layer.Description;
            W.Line($"// Layer {n - 1}: delta_h = dE_total/dout_h * dout_h/dnet_h, {dOut.Maths}.");
            LayerVectorLoop.Write(W, Numeric, below.Size, new[] { ("dEdout_h", $"s.DEdout{n - 1}"), ("net_h", $"s.Net{n - 1}"), ("out_h", $"s.Out{n - 1}") }, $"s.Delta{n - 1}",
                vector => OutputLayerRules.ChainedDelta("dEdout_h", $"({ActivationRules.VectorDerivative(description, "net_h", "out_h", Numeric, vector)})"),
                OutputLayerRules.ChainedDelta("dEdout_h", $"({dOut.Code})"), "delta_h");
        }
    }
}
