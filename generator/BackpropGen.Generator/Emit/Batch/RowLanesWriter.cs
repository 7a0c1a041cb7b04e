using System.Collections.Generic;
using System.Linq;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Emit.Layouts;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Batch
{
    /// <summary>
    /// The batch methods of the unrolled layouts: rows in vector lanes. The forward chain is the unrolled one
    /// (<see cref="ChainRulePlan"/> with lanes), each named quantity a vector holding it for Count rows, each operation
    /// the scalar one lane by lane (IEEE operations, no fused multiply-add), so every lane has the bits of its row's
    /// Forward. One method per vector width; blocks take the widest accelerated width first, then narrower ones.
    /// </summary>
    internal sealed class RowLanesWriter
    {
        private readonly SourceWriter _w;
        private readonly NetworkModel _network;
        private readonly bool _frozen;
        private readonly string _t;

        /// <param name="w">The writer.</param>
        /// <param name="network">The network.</param>
        /// <param name="frozen">Parameters as literals and static methods (frozen), or fields read by instance methods.</param>
        public RowLanesWriter(SourceWriter w, NetworkModel network, bool frozen)
        {
            _w = w;
            _network = network;
            _frozen = frozen;
            _t = network.Numeric.Keyword;
        }

        /// <summary>The blocks of the batch body: whole vectors of rows, widest first.</summary>
        public void WriteBlocks()
        {
            foreach (VectorWidth lanes in VectorWidth.All)
            {
                string count = $"{lanes.Of(_t)}.Count";
                using (_w.Block($"if ({lanes.Vector}.IsHardwareAccelerated)"))
                {
                    _w.Line($"for (; row <= rows - {count}; row += {count}) ForwardLanes{lanes.Bits}(inputs.Slice(row * InputCount), outputs.Slice(row * OutputCount));");
                }
            }
        }

        /// <summary>The lanes methods and their helpers, after the members.</summary>
        public void WriteSupport()
        {
            string modifiers = _frozen ? "private static" : "private";
            _w.Line();
            _w.Line("#if NET8_0_OR_GREATER");
            foreach (VectorWidth lanes in VectorWidth.All)
            {
                var plan = new ChainRulePlan(_network, parametersAsLiterals: _frozen, lanes: lanes);
                int count = lanes.Count(_network.Numeric);
                _w.Line($"// Forward for {count} rows at once, one row per lane of Vector{lanes.Bits}<{_t}>: the inputs hold at least {count} rows, the outputs room for them.");
                using (_w.Block($"{modifiers} void ForwardLanes{lanes.Bits}(global::System.ReadOnlySpan<{_t}> inputs, global::System.Span<{_t}> outputs)"))
                {
                    _w.Line($"ref {_t} {LaneRules.InputStart} = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(inputs);");
                    WriteQuantities(lanes.Of(_t), new[] { plan.Inputs }.Concat(plan.Forward));
                    _w.Line();
                    _w.Line($"ref {_t} {LaneRules.OutputStart} = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(outputs);");
                    for (int k = 0; k < _network.OutputLayer.Neurons.Count; k++)
                    {
                        _w.Line(LaneRules.StoreRows(QuantityNames.Out(_network.OutputLayer.Neurons[k]), k));
                    }
                }

                _w.Line();
                WriteGatherAndScatter(lanes, count);
                WriteLaneMax(lanes, count);
            }

            _w.Line("#endif");
        }

        /// <summary>The private members <see cref="WriteSupport"/> writes, for <see cref="GeneratedMemberNames"/>.</summary>
        public static System.Collections.Generic.IEnumerable<GeneratedMember> Members(NetworkModel network)
        {
            string t = network.Numeric.Keyword;
            bool softmax = network.Layers.Any(l => l.Activation == ActivationKind.Softmax);
            foreach (VectorWidth lanes in VectorWidth.All)
            {
                string vector = lanes.Of(t);
                yield return new GeneratedMember($"ForwardLanes{lanes.Bits}", GeneratedMemberKind.Method, false, $"global::System.ReadOnlySpan<{t}>, global::System.Span<{t}>");
                yield return new GeneratedMember($"LoadRows{lanes.Bits}", GeneratedMemberKind.Method, false, t);
                yield return new GeneratedMember("StoreRows", GeneratedMemberKind.Method, false, $"{vector}, {t}");
                if (softmax)
                {
                    yield return new GeneratedMember("LaneMax", GeneratedMemberKind.Method, false, $"{vector}, {vector}");
                }
            }
        }

        private void WriteGatherAndScatter(VectorWidth lanes, int count)
        {
            string vector = lanes.Of(_t);
            string Row(int lane, string count_) => lane == 0 ? "first" : $"global::System.Runtime.CompilerServices.Unsafe.Add(ref first, {lane} * {count_})";
            _w.Line($"// One input of {count} consecutive rows (InputCount apart) as one vector.");
            _w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
            _w.Line($"private static {vector} LoadRows{lanes.Bits}(ref {_t} first) => {lanes.Vector}.Create({string.Join(", ", Enumerable.Range(0, count).Select(l => Row(l, "InputCount")))});");
            _w.Line();
            _w.Line($"// One output of {count} consecutive rows (OutputCount apart) from one vector.");
            _w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
            using (_w.Block($"private static void StoreRows({vector} value, ref {_t} first)"))
            {
                for (int lane = 0; lane < count; lane++)
                {
                    _w.Line($"{Row(lane, "OutputCount")} = {lanes.Vector}.GetElement(value, {lane});");
                }
            }

            _w.Line();
        }

        /// <summary>Each quantity as a vector local, each block under its heading, as the unrolled Forward writes them.</summary>
        private void WriteQuantities(string type, IEnumerable<QuantityBlock> blocks)
        {
            foreach (QuantityBlock block in blocks)
            {
                _w.Line();
                foreach (string heading in block.Heading)
                {
                    _w.Line("// " + heading);
                }

                foreach (Quantity quantity in block.Quantities)
                {
                    _w.Line($"{type} {quantity.Name} = {quantity.Code};", quantity.Maths);
                }
            }
        }

        /// <summary>Softmax's max applied lane by lane: every lane gets exactly its scalar bits.</summary>
        private void WriteLaneMax(VectorWidth lanes, int count)
        {
            if (_network.Layers.Any(l => l.Activation == ActivationKind.Softmax))
            {
                string vector = lanes.Of(_t);
                string Each(System.Func<int, string> lane) => $"{lanes.Vector}.Create({string.Join(", ", Enumerable.Range(0, count).Select(lane))})";
                _w.Line($"private static {vector} LaneMax({vector} soFar, {vector} next) => {Each(l => OutputLayerRules.Max($"{lanes.Vector}.GetElement(soFar, {l})", $"{lanes.Vector}.GetElement(next, {l})", _network.Numeric))};");
                _w.Line();
            }
        }
    }
}
