using System.Collections.Generic;
using System.Linq;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Emit.Members;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Layouts
{
    /// <summary>
    /// The loops layout, for networks too large to unroll: parameters in one array in canonical order (so each neuron's
    /// incoming weights are a contiguous row), per-layer scratch arrays in a per-thread object (so inference on one
    /// instance is exact from any number of threads, and no call allocates after a thread's first), and vectorized dot
    /// products and scaled adds. Each layer's derivative rule is still stated beside its loop.
    /// </summary>
    internal sealed partial class LoopsLayout : Layout
    {
        private readonly LayerSlices[] _slices;

        public LoopsLayout(NetworkModel network, SourceWriter writer)
            : base(network, writer)
        {
            _slices = LayerSlices.Of(network);
        }

        public override string Name => "loops layout";

        private Layer Output => Network.OutputLayer;

        private int L => Network.Layers.Count;

        private bool SoftmaxStatistics => Output.Activation == ActivationKind.Softmax;

        public override void WriteFields()
        {
            W.Line("// Parameters in canonical order: each layer's weights as rows (one row of fan-in weights per neuron), then all biases.");
            W.Line($"private readonly {T}[] _parameters = ({T}[])InitialParameters.Clone();");
            W.Line();
            W.Line($"private static readonly {T}[] InitialParameters =");
            W.Line("{");
            IReadOnlyList<Parameter> parameters = Network.Parameters;
            for (int i = 0; i < parameters.Count; i += 8)
            {
                W.Line("    " + string.Join(", ", parameters.Skip(i).Take(8).Select(p => Numeric.Literal(p.InitialValue))) + ",");
            }

            W.Line("};");
            W.Line();
            W.Line("private static readonly string[] BiasNames = { " + string.Join(", ", parameters.Where(p => p.IsBias).Select(p => "\"" + p.Name + "\"")) + " };");
            W.Line();
            W.Line("// Scratch of one pass, one per thread: passes on different threads never share it, and no call allocates after a thread's first.");
            W.Line("[global::System.ThreadStatic]");
            W.Line("private static Scratch? t_scratch;");
            W.Line();
            W.OpenBlock("private sealed class Scratch");
            foreach (LayerSlices layer in _slices)
            {
                // DEdout of the output layer serves the softmax Jacobian; of the others, the paths from the layer above.
                var arrays = new List<string> { $"Net{layer.Number}", $"Out{layer.Number}", $"Delta{layer.Number}", $"DEdout{layer.Number}" };

                W.Line($"public readonly {T}[] " + string.Join(", ", arrays.Select(a => $"{a} = new {T}[{layer.Size}]")) + ";");
            }

            if (SoftmaxStatistics)
            {
                W.Line($"public {T} MaxNet, SumExp;");
            }

            W.CloseBlock();
            WriteOptimizerFields();
        }

        public override void WriteBody(Member member)
        {
            string scratch = "Scratch s = t_scratch ??= new Scratch();";
            switch (member.Id)
            {
                case MemberId.ParameterName:
                    W.Line("return index < WeightCount ? \"w\" + (index + 1).ToString(global::System.Globalization.CultureInfo.InvariantCulture) : BiasNames[index - WeightCount];");
                    break;
                case MemberId.GetParameters:
                    W.Line($"new global::System.ReadOnlySpan<{T}>(_parameters).CopyTo(destination);");
                    break;
                case MemberId.SetParameters:
                    W.Line("source.CopyTo(_parameters);");
                    break;
                case MemberId.CopyParametersTo:
                    W.Line("if (destination is null) throw new global::System.ArgumentNullException(nameof(destination));");
                    W.Line("global::System.Array.Copy(_parameters, destination._parameters, ParameterCount);");
                    break;
                case MemberId.Forward:
                    W.Line(scratch);
                    W.Line("ForwardCore(s, input);");
                    W.Line($"new global::System.ReadOnlySpan<{T}>(s.Out{L}).CopyTo(output);");
                    break;
                case MemberId.ForwardBatch:
                    Batch.BatchBody.Write(W, "Forward", new Batch.RowBlocksWriter(W, Network, "_parameters").WriteBlocks);
                    break;
                case MemberId.Loss:
                    W.Line(scratch);
                    W.Line("ForwardCore(s, input);");
                    W.Line("return LossCore(s, target);");
                    break;
                case MemberId.Backward:
                    W.Line(scratch);
                    WriteBackwardCalls("gradient");
                    W.Line("return loss;");
                    break;
                case MemberId.BackwardWithTrace:
                    W.Line(scratch);
                    WriteBackwardCalls("gradient");
                    WriteTraceCapture();
                    W.Line("return loss;");
                    break;
                case MemberId.TrainStep:
                    W.Line(scratch);
                    WriteTrainStep();
                    break;
                case MemberId.TrainBatch:
                    TrainingBodies.WriteTrainBatch(W, Network, WriteTrainBlocks);
                    break;
                case MemberId.ApplyGradient:
                    WriteUpdate("gradient", fromArgument: true);
                    break;
                case MemberId.InputGradient:
                    W.Line(scratch);
                    W.Line("ForwardCore(s, input);");
                    W.Line($"{T} loss = LossCore(s, target);");
                    W.Line("OutputDeltas(s, target);");
                    W.Line("InputGradientCore(s, inputGradient);");
                    W.Line("return loss;");
                    break;
                case MemberId.ResetOptimizer:
                case MemberId.GetOptimizerState:
                case MemberId.SetOptimizerState:
                    WriteOptimizerStateBody(member);
                    break;
                case MemberId.Trace:
                    WriteTrace();
                    break;
                case MemberId.WriteWalkthroughDigits:
                    Walkthrough.LoopsWalkthroughWriter.WriteBody(Network, W);
                    break;
                default:
                    throw NotRendered(member);
            }
        }

        public override void WriteSupport()
        {
            W.Line();
            WriteForwardCore();
            W.Line();
            WriteLossCore();
            W.Line();
            WriteOutputDeltas();
            W.Line();
            WriteBackwardCore();
            W.Line();
            WriteInputGradientCore();
            W.Line();
            VectorKernels.Write(W, Numeric, dotOnly: false);
            W.Line();
            WriteTrainRows();
            new Batch.RowBlocksWriter(W, Network, "_parameters").WriteSupport();
        }

        private void WriteBackwardCalls(string gradient)
        {
            W.Line("ForwardCore(s, input);");
            W.Line($"{T} loss = LossCore(s, target);");
            W.Line("OutputDeltas(s, target);");
            W.Line($"BackwardCore(s, input, {gradient});");
        }

        /// <summary>ApplyGradient: one step over the parameter array from the caller's <paramref name="gradient"/>, by the network's update rule.</summary>
        private void WriteUpdate(string gradient, bool fromArgument)
        {
            UpdateRule rule = Network.Update;
            string count = Network.Description.TrainBiases ? "ParameterCount" : "WeightCount";
            string from = fromArgument ? "Updates from the caller's gradient" : "Updates, all from the gradients above";
            if (Network.Description.Optimizer is null)
            {
                W.Line($"// {from}: p+ = p - eta * dE_total/dp, as p + (-eta) * dE_total/dp (the same bits), vectorized.");
            }
            else
            {
                W.Line($"// {from}, by {rule.Describe()}.");
            }

            if (!Network.Description.TrainBiases && Network.BiasCount > 0)
            {
                W.Line("// Biases are not updated (trainBiases: false).");
            }

            if (Network.Description.Optimizer is null)
            {
                W.Line($"AddScaled(new global::System.Span<{T}>(_parameters, 0, {count}), {gradient}.Slice(0, {count}), -learningRate);");
                return;
            }

            WriteUpdateLines(rule.Prologue());

            W.Line($"global::System.Span<{T}> parameters = _parameters;");
            IReadOnlyList<string> state = StateArrays().Select(a => a + "[i]").ToList();
            using (W.Block($"for (int i = 0; i < {count}; i++)"))
            {
                foreach (UpdateLine line in rule.Statements("parameters[i]", $"{gradient}[i]", state, "p"))
                {
                    W.Line(line.Code, line.Maths);
                }
            }
        }

        /// <summary>The optimizer's moments as arrays over the trained parameters: _buf; or _m and _v.</summary>
        private IReadOnlyList<string> StateArrays() => Network.Update.StateNames(string.Empty).Select(n => "_" + n.TrimEnd('_')).ToList();

        private void WriteOptimizerFields()
        {
            UpdateRule rule = Network.Update;
            if (rule.StatePerParameter == 0)
            {
                return;
            }

            W.Line();
            W.Line($"// The optimizer's state: {rule.Describe()}; a moment per trained parameter, in canonical order.");
            if (rule.CountsSteps)
            {
                W.Line($"private int {UpdateRule.Step};");
                W.Line($"private {T} {UpdateRule.Correction1}, {UpdateRule.Correction2};");
            }

            W.Line($"private readonly {T}[] " + string.Join(", ", StateArrays().Select(a => $"{a} = new {T}[{Network.Trained.Count}]")) + ";");
        }

        private void WriteOptimizerStateBody(Member member)
        {
            UpdateRule rule = Network.Update;
            IReadOnlyList<string> arrays = StateArrays();
            int trained = Network.Trained.Count, offset = rule.StatePerParameter > 0 && rule.CountsSteps ? 1 : 0;
            switch (member.Id)
            {
                case MemberId.ResetOptimizer:
                    if (offset == 1)
                    {
                        W.Line($"{UpdateRule.Step} = 0;");
                    }

                    foreach (string array in arrays)
                    {
                        W.Line($"global::System.Array.Clear({array}, 0, {trained});");
                    }

                    break;
                case MemberId.GetOptimizerState:
                    if (offset == 1)
                    {
                        W.Line($"destination[0] = {UpdateRule.Step};");
                    }

                    foreach (var (array, k) in arrays.Select((a, k) => (a, k)))
                    {
                        W.Line($"new global::System.ReadOnlySpan<{T}>({array}).CopyTo(destination.Slice({offset + (k * trained)}, {trained}));");
                    }

                    break;
                case MemberId.SetOptimizerState:
                    if (offset == 1)
                    {
                        WriteUpdateLines(rule.RestoreStep());
                    }

                    foreach (var (array, k) in arrays.Select((a, k) => (a, k)))
                    {
                        W.Line($"source.Slice({offset + (k * trained)}, {trained}).CopyTo({array});");
                    }

                    break;
                default:
                    throw NotRendered(member);
            }
        }

        /// <summary>Where the Trace keeps each part of the pass in its one array: input, target, then net, out, delta of each layer.</summary>
        private (int Input, int Target, (int Net, int Out, int Delta, int Size)[] Layers, int Length) TraceOffsets()
        {
            int offset = Network.Inputs.Count + Output.Neurons.Count;
            var layers = new List<(int Net, int Out, int Delta, int Size)>();
            foreach (LayerSlices layer in _slices)
            {
                layers.Add((offset, offset + layer.Size, offset + (2 * layer.Size), layer.Size));
                offset += 3 * layer.Size;
            }

            return (0, Network.Inputs.Count, layers.ToArray(), offset);
        }

        /// <summary>Backward's trace: a copy of the pass (the reading path allocates; the other methods do not).</summary>
        private void WriteTraceCapture()
        {
            var offsets = TraceOffsets();
            W.Line($"var values = new {T}[{offsets.Length}];");
            W.Line("input.CopyTo(values);");
            W.Line($"target.CopyTo(new global::System.Span<{T}>(values, {offsets.Target}, {Output.Neurons.Count}));");
            for (int l = 0; l < offsets.Layers.Length; l++)
            {
                var layer = offsets.Layers[l];
                int n = l + 1;
                W.Line($"global::System.Array.Copy(s.Net{n}, 0, values, {layer.Net}, {layer.Size});");
                W.Line($"global::System.Array.Copy(s.Out{n}, 0, values, {layer.Out}, {layer.Size});");
                W.Line($"global::System.Array.Copy(s.Delta{n}, 0, values, {layer.Delta}, {layer.Size});");
            }

            W.Line("trace = new Trace(values, loss);");
        }

        /// <summary>The loops layout cannot name each quantity: its Trace gives the pass layer by layer, as read-only spans.</summary>
        private void WriteTrace()
        {
            var offsets = TraceOffsets();
            W.Line($"private readonly {T}[] _values;");
            W.Line();
            W.OpenBlock($"internal Trace({T}[] values, {T} loss)");
            W.Line("_values = values;");
            W.Line("E_total = loss;");
            W.CloseBlock();
            W.Line();
            W.Line("/// <summary>E_total of the pass.</summary>");
            W.Line($"public {T} E_total {{ get; }}");
            W.Line();
            W.Line("/// <summary>The input of the pass.</summary>");
            W.Line($"public global::System.ReadOnlySpan<{T}> Input => new global::System.ReadOnlySpan<{T}>(_values, {offsets.Input}, {Network.Inputs.Count});");
            W.Line();
            W.Line("/// <summary>The target of the pass.</summary>");
            W.Line($"public global::System.ReadOnlySpan<{T}> Target => new global::System.ReadOnlySpan<{T}>(_values, {offsets.Target}, {Output.Neurons.Count});");
            WriteLayerAccessor("Net", "The net inputs of layer <paramref name=\"layer\"/> (1 is the first layer after the inputs, the last the output layer): net_n = row n . values feeding the layer + bias.", offsets.Layers.Select(x => x.Net).ToList(), offsets.Layers);
            WriteLayerAccessor("Out", "The outputs of layer <paramref name=\"layer\"/>: out_n = activation(net_n).", offsets.Layers.Select(x => x.Out).ToList(), offsets.Layers);
            WriteLayerAccessor("Delta", "The deltas of layer <paramref name=\"layer\"/>: delta_n = dE_total/dnet_n.", offsets.Layers.Select(x => x.Delta).ToList(), offsets.Layers);
        }

        private void WriteLayerAccessor(string name, string doc, IReadOnlyList<int> starts, IReadOnlyList<(int Net, int Out, int Delta, int Size)> layers)
        {
            W.Line();
            W.Line($"/// <summary>{doc}</summary>");
            W.OpenBlock($"public global::System.ReadOnlySpan<{T}> {name}(int layer) => layer switch");
            for (int l = 0; l < layers.Count; l++)
            {
                W.Line($"{l + 1} => new global::System.ReadOnlySpan<{T}>(_values, {starts[l]}, {layers[l].Size}),");
            }

            W.Line($"_ => throw new global::System.ArgumentOutOfRangeException(nameof(layer), layer, \"The layer must be between 1 and {layers.Count}.\"),");
            W.CloseBlock(";");
        }
    }
}
