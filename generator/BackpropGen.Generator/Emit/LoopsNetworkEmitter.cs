using System.Collections.Generic;
using System.Linq;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit
{
    /// <summary>
    /// The loops layout, for networks too large to unroll: parameters in one array in canonical order (so each
    /// neuron's incoming weights are a contiguous row), per-layer scratch arrays as fields, and vectorized
    /// dot products and scaled adds. Each layer's derivative rule is still stated beside its loop.
    /// </summary>
    internal sealed partial class LoopsNetworkEmitter : EmitterBase
    {
        private readonly LayerSlices[] _slices;

        public LoopsNetworkEmitter(TargetClass target, NetworkModel network)
            : base(target, network)
        {
            _slices = LayerSlices.Of(network);
        }

        private Layer Output => _network.OutputLayer;

        private int L => _network.Layers.Count;

        protected override void WriteMembers()
        {
            WriteCounts();
            _w.Line();
            WriteFields();
            _w.Line();
            WriteParameterAccess();
            _w.Line();
            WritePublicPasses();
            _w.Line();
            WriteForwardCore();
            _w.Line();
            WriteLossCore();
            _w.Line();
            WriteOutputDeltas();
            _w.Line();
            WriteBackwardCore(training: false);
            _w.Line();
            WriteBackwardCore(training: true);
            _w.Line();
            WriteExport();
            _w.Line();
            VectorKernels.Write(_w, _network.Numeric, dotOnly: false);
            _w.Line();
            WriteLengthChecks();
        }

        private void WriteFields()
        {
            _w.Line("// Parameters in canonical order: each layer's weights as rows (one row of fan-in weights per neuron), then all biases.");
            _w.Line($"private readonly {_t}[] _parameters = ({_t}[])InitialParameters.Clone();");
            _w.Line();
            _w.Line($"private static readonly {_t}[] InitialParameters =");
            _w.Line("{");
            IReadOnlyList<Parameter> parameters = _network.Parameters;
            for (int i = 0; i < parameters.Count; i += 8)
            {
                _w.Line("    " + string.Join(", ", parameters.Skip(i).Take(8).Select(p => _network.Numeric.Literal(p.InitialValue))) + ",");
            }

            _w.Line("};");
            _w.Line();
            _w.Line("private static readonly string[] BiasNames = { " + string.Join(", ", parameters.Where(p => p.IsBias).Select(p => "\"" + p.Name + "\"")) + " };");
            _w.Line();
            _w.Line("// Scratch for one pass, as fields: no call allocates, and no stackalloc can overflow for large layers.");
            foreach (LayerSlices layer in _slices)
            {
                var arrays = new List<string> { $"_net{layer.Number}", $"_out{layer.Number}", $"_delta{layer.Number}" };
                if (layer.Number < L)
                {
                    arrays.Add($"_dEdout{layer.Number}");
                }

                _w.Line($"private readonly {_t}[] " + string.Join(", ", arrays.Select(a => $"{a} = new {_t}[{layer.Size}]")) + ";");
            }

            if (Output.Activation == ActivationKind.Softmax)
            {
                _w.Line($"private {_t} _maxNet, _sumExp;");
            }
        }

        private void WriteParameterAccess()
        {
            Summary("The name of the parameter at <paramref name=\"index\"/> in canonical order (\"w1\", ..., then the biases).");
            _w.OpenBlock("public static string ParameterName(int index)");
            _w.Line("if ((uint)index >= ParameterCount) throw new global::System.ArgumentOutOfRangeException(nameof(index), index, \"The index must be at least 0 and less than ParameterCount (" + _network.Parameters.Count + ").\");");
            _w.Line("return index < WeightCount ? \"w\" + (index + 1).ToString(global::System.Globalization.CultureInfo.InvariantCulture) : BiasNames[index - WeightCount];");
            _w.CloseBlock();
            _w.Line();
            Summary("Copies every parameter, in canonical order, into the first ParameterCount elements of <paramref name=\"destination\"/>.");
            _w.OpenBlock($"public void GetParameters({Out} destination)");
            RequireAtLeast("destination", "ParameterCount");
            _w.Line($"new global::System.ReadOnlySpan<{_t}>(_parameters).CopyTo(destination);");
            _w.CloseBlock();
            _w.Line();
            Summary("Sets every parameter from <paramref name=\"source\"/>, which holds exactly ParameterCount values in canonical order.");
            _w.OpenBlock($"public void SetParameters({In} source)");
            RequireExactly("source", "ParameterCount");
            _w.Line("source.CopyTo(_parameters);");
            _w.CloseBlock();
        }

        private void WritePublicPasses()
        {
            string outputs = $"_out{L}";
            Summary("Runs the network on <paramref name=\"input\"/> (exactly InputCount values) and writes OutputCount values to <paramref name=\"output\"/>.");
            _w.OpenBlock($"public void Forward({In} input, {Out} output)");
            RequireExactly("input", "InputCount");
            RequireAtLeast("output", "OutputCount");
            _w.Line("ForwardCore(input);");
            _w.Line($"new global::System.ReadOnlySpan<{_t}>({outputs}).CopyTo(output);");
            _w.CloseBlock();
            _w.Line();
            Summary("The loss E_total of the network's output for <paramref name=\"input\"/> against <paramref name=\"target\"/>.");
            _w.OpenBlock($"public {_t} Loss({In} input, {In} target)");
            RequireExactly("input", "InputCount");
            RequireExactly("target", "OutputCount");
            _w.Line("ForwardCore(input);");
            _w.Line("return LossCore(target);");
            _w.CloseBlock();
            _w.Line();
            Summary("One forward and backward pass: writes dE_total/dparameter for every parameter (canonical order) to <paramref name=\"gradient\"/> and returns E_total.");
            _w.OpenBlock($"public {_t} Backward({In} input, {In} target, {Out} gradient)");
            RequireExactly("input", "InputCount");
            RequireExactly("target", "OutputCount");
            RequireAtLeast("gradient", "ParameterCount");
            _w.Line("ForwardCore(input);");
            _w.Line($"{_t} loss = LossCore(target);");
            _w.Line("OutputDeltas(target);");
            _w.Line("BackwardCore(input, gradient);");
            _w.Line("return loss;");
            _w.CloseBlock();
            _w.Line();
            Summary("One step of plain gradient descent: every gradient from the current parameters, then every update. Returns E_total before the step.");
            _w.OpenBlock($"public {_t} TrainStep({In} input, {In} target, {_t} learningRate)");
            RequireExactly("input", "InputCount");
            RequireExactly("target", "OutputCount");
            _w.Line("ForwardCore(input);");
            _w.Line($"{_t} loss = LossCore(target);");
            _w.Line("OutputDeltas(target);");
            _w.Line("TrainCore(input, learningRate);");
            _w.Line("return loss;");
            _w.CloseBlock();
        }
    }
}
