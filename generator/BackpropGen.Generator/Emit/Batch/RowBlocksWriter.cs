using System.Linq;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Emit.Layouts;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Batch
{
    /// <summary>
    /// The batch methods of the loops layouts: blocks of <see cref="BatchKernels.Rows"/> rows, layer by layer, each
    /// neuron's weight row read once per block (<see cref="BatchKernels"/>); then bias, activation and softmax per row by
    /// the very lines of the single-row pass (<see cref="LoopsForwardWriter"/>), so every row gets Forward's bits. The
    /// block's layer values live in a per-thread array: no call allocates after a thread's first, and threads never share one.
    /// </summary>
    internal sealed class RowBlocksWriter
    {
        private readonly SourceWriter _w;
        private readonly NetworkModel _network;
        private readonly LayerSlices[] _slices;
        private readonly string _parameters;
        private readonly string _t;

        /// <param name="w">The writer.</param>
        /// <param name="network">The network.</param>
        /// <param name="parameters">The canonical parameter array ("_parameters", "FrozenParameters").</param>
        public RowBlocksWriter(SourceWriter w, NetworkModel network, string parameters)
        {
            _w = w;
            _network = network;
            _slices = LayerSlices.Of(network);
            _parameters = parameters;
            _t = network.Numeric.Keyword;
        }

        /// <summary>Values the block array holds: each layer's net and out for <see cref="BatchKernels.Rows"/> rows, from index 0.</summary>
        public int ScratchLength => 2 * BatchKernels.Rows * _slices.Sum(s => s.Size);

        /// <summary>The blocks of the batch body.</summary>
        public void WriteBlocks()
        {
            int rows = BatchKernels.Rows;
            using (_w.Block($"if (global::System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated && rows >= {rows})"))
            {
                _w.Line($"{_t}[] scratch = t_rows ??= new {_t}[{ScratchLength}];");
                _w.Line($"for (; row <= rows - {rows}; row += {rows}) ForwardRows(scratch, {_parameters}, inputs.Slice(row * InputCount, {rows} * InputCount), outputs.Slice(row * OutputCount, {rows} * OutputCount));");
            }
        }

        /// <summary>The private members <see cref="WriteSupport"/> writes, for <see cref="GeneratedMemberNames"/>.</summary>
        public static System.Collections.Generic.IEnumerable<GeneratedMember> Members(NumericType numeric)
        {
            string t = numeric.Keyword, readOnly = $"global::System.ReadOnlySpan<{t}>";
            yield return new GeneratedMember("t_rows", GeneratedMemberKind.Field, false);
            yield return new GeneratedMember("ForwardRows", GeneratedMemberKind.Method, false, $"{t}[], {readOnly}, {readOnly}, global::System.Span<{t}>");
            yield return new GeneratedMember("DotRows", GeneratedMemberKind.Method, false, $"{readOnly}, {t}, int, {t}, int");
            yield return new GeneratedMember("DotRows2", GeneratedMemberKind.Method, false, $"{readOnly}, {readOnly}, {t}, int, {t}, int");
        }

        /// <summary>The per-thread block array, the block pass and its kernel, after the members.</summary>
        public void WriteSupport()
        {
            int rows = BatchKernels.Rows;
            _w.Line();
            _w.Line("#if NET8_0_OR_GREATER");
            _w.Line($"// The layer values of one block of {rows} rows, one array per thread: no batch call allocates after a thread's first.");
            _w.Line("[global::System.ThreadStatic]");
            _w.Line($"private static {_t}[]? t_rows;");
            _w.Line();
            _w.Line($"// Forward for {rows} rows at once (inputs and outputs hold exactly {rows} rows): each neuron's weight row is read once for the {rows}.");
            using (_w.Block($"private static void ForwardRows({_t}[] scratch, global::System.ReadOnlySpan<{_t}> parameters, global::System.ReadOnlySpan<{_t}> inputs, global::System.Span<{_t}> outputs)"))
            {
                WriteLayers(statistics: null);
                _w.Line();
                _w.Line($"out{_slices.Length}.CopyTo(outputs);", "the rows' outputs, OutputCount apart");
            }

            _w.Line();
            BatchKernels.Write(_w, _network.Numeric);
            _w.Line("#endif");
        }

        /// <summary>
        /// The block's forward pass over a span <c>parameters</c>, the rows' span <c>inputs</c> and the array <c>scratch</c>:
        /// spans net{n} and out{n} per layer, row r's values at r * size. With <paramref name="statistics"/> (a span of
        /// 2 * rows), a softmax output keeps each row's max_net and sum_exp there, as the single-row pass keeps them.
        /// <paramref name="inputs"/> names the span of the block's input rows.
        /// </summary>
        public void WriteLayers(string? statistics, string inputs = "inputs")
        {
            int rows = BatchKernels.Rows;
            int offset = 0;
            foreach (LayerSlices layer in _slices)
            {
                int length = rows * layer.Size;
                _w.Line($"global::System.Span<{_t}> net{layer.Number} = new global::System.Span<{_t}>(scratch, {offset}, {length}), out{layer.Number} = new global::System.Span<{_t}>(scratch, {offset + length}, {length});");
                offset += 2 * length;
            }

            var single = new LoopsForwardWriter(_w, _network, _slices);
            foreach (LayerSlices layer in _slices)
            {
                int n = layer.Number;
                string feed = n == 1 ? inputs : $"out{n - 1}", stride = n == 1 ? "InputCount" : _slices[n - 2].Size.ToString(System.Globalization.CultureInfo.InvariantCulture);
                _w.Line();
                _w.Line($"// Layer {n}: the {rows} rows' dot products, row r's at net{n}[r * {layer.Size} + n]; then per row, as Forward.");
                _w.Line($"ref {_t} feed{n} = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference({feed});");
                _w.Line($"for (int pair = 0; pair < {layer.Size - 1}; pair += 2) DotRows2(parameters.Slice({layer.WeightOffset} + pair * {layer.FanIn}, {layer.FanIn}), parameters.Slice({layer.WeightOffset} + (pair + 1) * {layer.FanIn}, {layer.FanIn}), ref feed{n}, {stride}, ref net{n}[pair], {layer.Size});", "weight rows in pairs");
                if (layer.Size % 2 == 1)
                {
                    _w.Line($"DotRows(parameters.Slice({layer.WeightOffset} + {layer.Size - 1} * {layer.FanIn}, {layer.FanIn}), ref feed{n}, {stride}, ref net{n}[{layer.Size - 1}], {layer.Size});", "the odd weight row");
                }
                using (_w.Block($"for (int r = 0; r < {rows}; r++)"))
                {
                    _w.Line($"global::System.Span<{_t}> netRow = net{n}.Slice(r * {layer.Size}, {layer.Size}), outRow = out{n}.Slice(r * {layer.Size}, {layer.Size});");
                    string bias = LoopsForwardWriter.BiasTerm(layer);
                    if (bias.Length > 0)
                    {
                        _w.Line($"for (int n = 0; n < {layer.Size}; n++) netRow[n] = netRow[n]{bias};", "net = dot + bias, as Forward adds it");
                    }

                    if (layer.Layer.Activation == ActivationKind.Softmax)
                    {
                        single.WriteSoftmax("netRow", "outRow", layer.Size, statistics: null);
                        if (statistics is not null)
                        {
                            _w.Line($"{statistics}[2 * r] = maxNet;");
                            _w.Line($"{statistics}[2 * r + 1] = sumExp;");
                        }
                    }
                    else
                    {
                        single.WriteActivation(layer, "netRow", "outRow");
                    }
                }
            }
        }
    }
}
