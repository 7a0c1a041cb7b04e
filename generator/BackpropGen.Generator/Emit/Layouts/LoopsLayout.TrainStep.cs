using System.Collections.Generic;
using System.Linq;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Layouts
{
    /// <summary>
    /// The loops layout's TrainStep: every delta first (they need the weights before the step), then each parameter's
    /// gradient computed and applied in one pass, with no gradient array between. Each element gets the very operations
    /// of Backward's gradient (delta_n * value, rounded) and ApplyGradient's step, so the bits are those of both in turn.
    /// </summary>
    internal sealed partial class LoopsLayout
    {
        private void WriteTrainStep()
        {
            W.Line($"global::System.Span<{T}> parameters = _parameters;");
            W.Line("ForwardCore(s, input);");
            W.Line($"{T} loss = LossCore(s, target);");
            W.Line("OutputDeltas(s, target);");
            for (int i = _slices.Length - 1; i > 0; i--)
            {
                W.Line();
                WritePathsBelow(i);
                WriteDeltasBelow(i);
            }

            W.Line();
            UpdateRule rule = Network.Update;
            bool plain = Network.Description.Optimizer is null, biases = Network.Description.TrainBiases;
            W.Line(plain
                ? "// Updates, every delta above from the old weights: p+ = p - eta * dE_total/dp, as p + (dE_total/dp) * (-eta) (the same bits), vectorized."
                : $"// Updates, every delta above from the old weights, by {rule.Describe()}.");
            if (!biases && Network.BiasCount > 0)
            {
                W.Line("// Biases are not updated (trainBiases: false).");
            }

            if (!plain)
            {
                WriteUpdateLines(rule.Prologue());
            }

            foreach (LayerSlices layer in _slices)
            {
                int n = layer.Number;
                string feed = n == 1 ? "input" : $"s.Out{n - 1}", delta = $"s.Delta{n}";
                W.Line($"// Layer {n}: dE_total/dw[n,k] = delta_n * (value k feeding the layer){(biases && layer.Bias != BiasKind.None ? "; dE_total/db = delta_n (summed over the layer when shared)" : string.Empty)}.");
                if (plain)
                {
                    W.Line($"for (int n = 0; n < {layer.Size}; n++) AddScaledProduct(parameters.Slice({layer.WeightOffset} + n * {layer.FanIn}, {layer.FanIn}), {feed}, {delta}[n], -learningRate);");
                }
                else
                {
                    using (W.Block($"for (int n = 0; n < {layer.Size}; n++)"))
                    {
                        W.Line($"{T} delta_n = {delta}[n];");
                        using (W.Block($"for (int k = 0, i = {layer.WeightOffset} + n * {layer.FanIn}; k < {layer.FanIn}; k++, i++)"))
                        {
                            W.Line($"{T} g = {feed}[k] * delta_n;", "Backward's dE_total/dw[n,k], rounded as Scale rounds it");
                            WriteStepStatements(plain: false, "i", "g");
                        }
                    }
                }

                if (!biases || layer.Bias == BiasKind.None)
                {
                    continue;
                }

                if (layer.Bias == BiasKind.Shared)
                {
                    W.Line($"{T} biasGradient{n} = {Numeric.Literal(0)};");
                    W.Line($"for (int n = 0; n < {layer.Size}; n++) biasGradient{n} += {delta}[n];", OutputLayerRules.SharedBiasGradient);
                    WriteStepStatements(plain, $"{layer.BiasOffset}", $"biasGradient{n}");
                }
                else
                {
                    using (W.Block($"for (int n = 0; n < {layer.Size}; n++)"))
                    {
                        WriteStepStatements(plain, $"{layer.BiasOffset} + n", $"{delta}[n]");
                    }
                }
            }

            W.Line("return loss;");
        }

        /// <summary>
        /// Parameter <paramref name="index"/> stepped with gradient <paramref name="g"/>: p + g * (-eta) as AddScaled rounds it,
        /// or the update rule's statements, the lines ApplyGradient runs per element.
        /// </summary>
        private void WriteStepStatements(bool plain, string index, string g)
        {
            if (plain)
            {
                W.Line($"parameters[{index}] += {g} * -learningRate;");
                return;
            }

            IReadOnlyList<string> state = StateArrays().Select(a => $"{a}[{index}]").ToList();
            foreach (UpdateLine line in Network.Update.Statements($"parameters[{index}]", g, state, "p"))
            {
                W.Line(line.Code, line.Maths);
            }
        }
    }
}
