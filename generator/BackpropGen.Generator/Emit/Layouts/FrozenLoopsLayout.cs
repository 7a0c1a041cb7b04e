using System.Linq;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Emit.Members;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Layouts
{
    /// <summary>A frozen network too large to unroll: the trainable loops layout's forward pass over constant parameters (the same kernels, so the same bits).</summary>
    internal sealed class FrozenLoopsLayout : Layout
    {
        private readonly LayerSlices[] _slices;

        public FrozenLoopsLayout(NetworkModel network, SourceWriter writer)
            : base(network, writer)
        {
            _slices = LayerSlices.Of(network);
        }

        public override string Name => "loops layout";

        public override void WriteBody(Member member)
        {
            if (member.Id == MemberId.PredictBatch)
            {
                Batch.BatchBody.Write(W, "Predict", new Batch.RowBlocksWriter(W, Network, "FrozenParameters").WriteBlocks);
                return;
            }

            if (member.Id != MemberId.Predict)
            {
                throw NotRendered(member);
            }

            int scratch = 2 * _slices.Sum(s => s.Size);
            // Scratch lives in a per-thread heap array, like the trainable twin's: no stackalloc that could overflow for
            // large layers, and none beside the loops (that would rule out on-stack replacement, and with it tiering and
            // PGO). Predict stays thread-safe and allocates only on a thread's first call.
            W.Line($"{T}[] scratch = t_scratch ??= new {T}[{scratch}];");
            int offset = 0;
            foreach (LayerSlices layer in _slices)
            {
                W.Line($"global::System.Span<{T}> net{layer.Number} = new global::System.Span<{T}>(scratch, {offset}, {layer.Size}), out{layer.Number} = new global::System.Span<{T}>(scratch, {offset + layer.Size}, {layer.Size});");
                offset += 2 * layer.Size;
            }

            W.Line($"global::System.ReadOnlySpan<{T}> parameters = FrozenParameters;");
            new LoopsForwardWriter(W, Network, _slices).WriteLayers(softmaxStatistics: null);
            W.Line();
            W.Line($"out{_slices.Length}.CopyTo(output);");
        }

        public override void WriteSupport()
        {
            W.Line();
            W.Line("[global::System.ThreadStatic]");
            W.Line($"private static {T}[]? t_scratch;");
            W.Line();
            W.Line("// Parameters in canonical order: each layer's weights as rows (one row of fan-in weights per neuron), then all biases.");
            W.Line($"private static readonly {T}[] FrozenParameters =");
            W.Line("{");
            for (int i = 0; i < Network.Parameters.Count; i += 8)
            {
                W.Line("    " + string.Join(", ", Network.Parameters.Skip(i).Take(8).Select(p => Numeric.Literal(p.InitialValue))) + ",");
            }

            W.Line("};");
            W.Line();
            VectorKernels.Write(W, Numeric, dotOnly: true);
            new Batch.RowBlocksWriter(W, Network, "FrozenParameters").WriteSupport();
        }
    }
}
