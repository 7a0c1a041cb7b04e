using System.Globalization;
using System.Linq;
using BackpropGen.Generator.Emit.Batch;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Layouts
{
    /// <summary>
    /// The loops layout's TrainBatch: calls of up to <see cref="BatchKernels.GradientRows"/> rows, each in blocks of
    /// <see cref="BatchKernels.Rows"/>. A block's forward pass is the batch kernels' (each weight row read once for the
    /// block); each row's loss and deltas are Backward's lines. Then each weight's gradient sum is read and written once
    /// for all the call's rows, sum + f0 * d0 + f1 * d1 + ... in row order, which is exactly the additions of Backward's
    /// row gradients one by one, so TrainBatch keeps those bits.
    /// </summary>
    internal sealed partial class LoopsLayout
    {
        private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// Where each part of TrainRows' array starts: the block forward's layers (net and out of <see cref="BatchKernels.Rows"/>
        /// rows), the softmax statistics, then the values feeding each layer but the first, and every layer's deltas, for
        /// <see cref="BatchKernels.GradientRows"/> rows.
        /// </summary>
        private (int[] BlockNet, int Statistics, int[] Feed, int[] Delta, int Length) TrainRowsOffsets()
        {
            int rows = BatchKernels.Rows, callRows = BatchKernels.GradientRows, offset = 0;
            var nets = new int[_slices.Length];
            for (int l = 0; l < _slices.Length; l++)
            {
                nets[l] = offset;
                offset += 2 * rows * _slices[l].Size;
            }

            int statistics = offset;
            offset += SoftmaxStatistics ? 2 * rows : 0;
            var feeds = new int[_slices.Length - 1];
            for (int l = 0; l < feeds.Length; l++)
            {
                feeds[l] = offset;
                offset += callRows * _slices[l].Size;
            }

            var deltas = new int[_slices.Length];
            for (int l = 0; l < _slices.Length; l++)
            {
                deltas[l] = offset;
                offset += callRows * _slices[l].Size;
            }

            return (nets, statistics, feeds, deltas, offset);
        }

        /// <summary>TrainBatch's rows, call by call, into the span <c>mean</c> and the sum <c>loss</c>.</summary>
        private void WriteTrainBlocks()
        {
            int rows = BatchKernels.GradientRows;
            W.Line("Scratch s = t_scratch ??= new Scratch();");
            W.Line($"{T}[] block = t_trainRows ??= new {T}[{Text(TrainRowsOffsets().Length)}];");
            using (W.Block($"for (int row = 0; row < rows; row += {rows})"))
            {
                W.Line($"int count = global::System.Math.Min({rows}, rows - row);");
                W.Line("loss = TrainRows(s, block, inputs.Slice(row * InputCount, count * InputCount), targets.Slice(row * OutputCount, count * OutputCount), mean, loss);");
            }
        }

        private void WriteTrainRows()
        {
            int rows = BatchKernels.Rows;
            var offsets = TrainRowsOffsets();
            W.Line($"// TrainBatch's rows in calls of up to {BatchKernels.GradientRows}, one array per thread: no call allocates after a thread's first.");
            W.Line("[global::System.ThreadStatic]");
            W.Line($"private static {T}[]? t_trainRows;");
            W.Line();
            W.Line($"// Up to {BatchKernels.GradientRows} rows of TrainBatch: each row's loss added to loss and its gradient to sum, in row order, as Backward computes them.");
            W.OpenBlock($"private {T} TrainRows(Scratch s, {T}[] scratch, {In} inputs, {In} targets, {Out} sum, {T} loss)");
            W.Line($"global::System.ReadOnlySpan<{T}> parameters = _parameters;");
            W.Line("int count = inputs.Length / InputCount;");
            foreach (LayerSlices layer in _slices)
            {
                int l = layer.Number - 1, length = rows * layer.Size;
                W.Line($"global::System.Span<{T}> netBlock{layer.Number} = new global::System.Span<{T}>(scratch, {Text(offsets.BlockNet[l])}, {Text(length)}), outBlock{layer.Number} = new global::System.Span<{T}>(scratch, {Text(offsets.BlockNet[l] + length)}, {Text(length)});");
            }

            foreach (LayerSlices layer in _slices)
            {
                int l = layer.Number - 1, length = BatchKernels.GradientRows * layer.Size;
                if (l < offsets.Feed.Length)
                {
                    W.Line($"global::System.Span<{T}> outRows{layer.Number} = new global::System.Span<{T}>(scratch, {Text(offsets.Feed[l])}, {Text(length)});", "the values feeding the next layer, row after row");
                }

                W.Line($"global::System.Span<{T}> deltaRows{layer.Number} = new global::System.Span<{T}>(scratch, {Text(offsets.Delta[l])}, {Text(length)});");
            }

            using (W.Block($"for (int block = 0; block < count; block += {rows})"))
            {
                W.Line($"int blockCount = global::System.Math.Min({rows}, count - block);");
                W.Line("bool blocked = false;");
                W.Line("#if NET8_0_OR_GREATER");
                W.OpenBlock($"if (blockCount == {rows} && global::System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated)");
                W.Line($"// A whole block: the forward pass of the {rows} rows at once, each weight row read once for them.");
                W.Line("blocked = true;");
                W.Line($"global::System.ReadOnlySpan<{T}> blockInputs = inputs.Slice(block * InputCount, {rows} * InputCount);");
                string? statistics = null;
                if (SoftmaxStatistics)
                {
                    statistics = "statistics";
                    W.Line($"global::System.Span<{T}> statistics = new global::System.Span<{T}>(scratch, {Text(offsets.Statistics)}, {Text(2 * rows)});");
                }

                new RowBlocksWriter(W, Network, "_parameters").WriteLayers(statistics, "blockInputs");
                W.CloseBlock();
                W.Line("#endif");
                W.Line();
                WriteTrainRow(offsets.Statistics);
            }

            foreach (LayerSlices layer in _slices)
            {
                WriteLayerSums(layer);
            }

            W.Line("return loss;");
            W.CloseBlock();
            W.Line();
            W.Line("#if NET8_0_OR_GREATER");
            BatchKernels.WriteAddOuterRows(W, Numeric);
            W.Line("#endif");
        }

        /// <summary>Row r of a block: its forward values (from the block, or ForwardCore), loss and deltas, kept for the sums.</summary>
        private void WriteTrainRow(int statisticsOffset)
        {
            using (W.Block("for (int r = block; r < block + blockCount; r++)"))
            {
                W.Line($"{In} input = inputs.Slice(r * InputCount, InputCount), target = targets.Slice(r * OutputCount, OutputCount);");
                using (W.Block("if (blocked)"))
                {
                    W.Line("int b = r - block;");
                    foreach (LayerSlices layer in _slices)
                    {
                        int n = layer.Number;
                        W.Line($"netBlock{n}.Slice(b * {layer.Size}, {layer.Size}).CopyTo(s.Net{n});");
                        W.Line($"outBlock{n}.Slice(b * {layer.Size}, {layer.Size}).CopyTo(s.Out{n});");
                    }

                    if (SoftmaxStatistics)
                    {
                        W.Line($"s.MaxNet = scratch[{Text(statisticsOffset)} + 2 * b];");
                        W.Line($"s.SumExp = scratch[{Text(statisticsOffset)} + 2 * b + 1];");
                    }
                }

                W.Line("else ForwardCore(s, input);");
                W.Line();
                W.Line("loss += LossCore(s, target);");
                W.Line("OutputDeltas(s, target);");
                for (int i = _slices.Length - 1; i > 0; i--)
                {
                    W.Line();
                    WritePathsBelow(i);
                    WriteDeltasBelow(i);
                }

                foreach (LayerSlices layer in _slices.Take(_slices.Length - 1))
                {
                    W.Line($"new global::System.ReadOnlySpan<{T}>(s.Out{layer.Number}).CopyTo(outRows{layer.Number}.Slice(r * {layer.Size}, {layer.Size}));");
                }

                foreach (LayerSlices layer in _slices)
                {
                    W.Line($"new global::System.ReadOnlySpan<{T}>(s.Delta{layer.Number}).CopyTo(deltaRows{layer.Number}.Slice(r * {layer.Size}, {layer.Size}));");
                }
            }
        }

        /// <summary>One layer's gradient sums: sum += delta_n * (value feeding the layer) for each row in order; the biases as Backward sums them.</summary>
        private void WriteLayerSums(LayerSlices layer)
        {
            int n = layer.Number;
            string feed = n == 1 ? "inputs" : $"outRows{n - 1}", stride = n == 1 ? "InputCount" : Text(_slices[n - 2].Size);
            string delta = $"deltaRows{n}", row = $"sum.Slice({layer.WeightOffset} + n * {layer.FanIn}, {layer.FanIn})";
            W.Line();
            W.Line($"// Layer {n}: dE_total/dw[n,k] = delta_n * (value k feeding the layer), added row after row to the sums.");
            W.Line("#if NET8_0_OR_GREATER");
            W.Line($"if (global::System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated) AddOuterRows(sum.Slice({layer.WeightOffset}, {Text(layer.Size * layer.FanIn)}), {layer.Size}, {layer.FanIn}, ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference({feed}), {stride}, ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference({delta}), {layer.Size}, count);");
            W.Line("else");
            W.Line("#endif");
            W.Line($"for (int n = 0; n < {layer.Size}; n++) for (int r = 0; r < count; r++) AddScaled({row}, {feed}.Slice(r * {stride}, {layer.FanIn}), {delta}[r * {layer.Size} + n]);");
            if (layer.Bias == BiasKind.Shared)
            {
                W.Line($"// dE_total/db = sum_n delta_n per row ({OutputLayerRules.SharedBiasGradient}), then added to the sum.");
                using (W.Block("for (int r = 0; r < count; r++)"))
                {
                    W.Line($"{T} biasGradient = {Numeric.Literal(0)};");
                    W.Line($"for (int n = 0; n < {layer.Size}; n++) biasGradient += {delta}[r * {layer.Size} + n];");
                    W.Line($"sum[{layer.BiasOffset}] += biasGradient;");
                }
            }
            else if (layer.Bias == BiasKind.PerNeuron)
            {
                W.Line($"for (int n = 0; n < {layer.Size}; n++) for (int r = 0; r < count; r++) sum[{layer.BiasOffset} + n] += {delta}[r * {layer.Size} + n];", "dE_total/db_n = delta_n");
            }
        }
    }
}
