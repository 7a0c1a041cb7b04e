using System;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Members
{
    /// <summary>
    /// TrainBatch, the part every layout shares: the mean over the rows of each row's Backward gradient, summed in row
    /// order, then one ApplyGradient; so a batch of one row is TrainStep bit for bit (0 + g is g, g / 1 is g, and the step
    /// is the same rule). A layout may sum the rows its own way if every element gets the same additions in the same order.
    /// </summary>
    internal static class TrainingBodies
    {
        /// <param name="w">The writer.</param>
        /// <param name="network">The network.</param>
        /// <param name="sumRows">
        /// Statements that add every row's loss to <c>loss</c> and its gradient to the span <c>mean</c>, row by row; null for
        /// the public Backward of each row into a second buffer, then its addition.
        /// </param>
        public static void WriteTrainBatch(SourceWriter w, NetworkModel network, Action? sumRows)
        {
            string t = network.Numeric.Keyword;
            w.Line("int rows = inputs.Length / InputCount;");
            w.Line("if (rows == 0 || inputs.Length != rows * InputCount) ThrowNotWholeRows(nameof(inputs), InputCount, inputs.Length);");
            w.Line("if (targets.Length != rows * OutputCount) ThrowExpectedExactly(nameof(targets), rows * OutputCount, targets.Length);");
            w.Line($"{t}[] buffers = t_batch ??= new {t}[{(sumRows is null ? "2 * " : string.Empty)}ParameterCount];");
            w.Line($"global::System.Span<{t}> mean = new global::System.Span<{t}>(buffers, 0, ParameterCount);");
            w.Line("mean.Clear();");
            w.Line($"{t} loss = {network.Numeric.Literal(0)};");
            if (sumRows is null)
            {
                w.Line($"global::System.Span<{t}> rowGradient = new global::System.Span<{t}>(buffers, ParameterCount, ParameterCount);");
                using (w.Block("for (int r = 0; r < rows; r++)"))
                {
                    w.Line("loss += Backward(inputs.Slice(r * InputCount, InputCount), targets.Slice(r * OutputCount, OutputCount), rowGradient);");
                    w.Line("for (int i = 0; i < ParameterCount; i++) mean[i] += rowGradient[i];");
                }
            }
            else
            {
                sumRows();
            }

            w.Line("DivideByRows(mean, rows);", "the mean over the rows of each row's dE/dp");
            w.Line("ApplyGradient(mean, learningRate);");
            w.Line("return loss / rows;");
        }

        /// <summary>The per-thread buffers of TrainBatch.</summary>
        public static void WriteSupport(MemberContext c)
        {
            c.W.Line("// TrainBatch's running sum (and row gradient), per thread: no call allocates after a thread's first.");
            c.W.Line("[global::System.ThreadStatic]");
            c.W.Line($"private static {c.T}[]? t_batch;");
            c.W.Line();
            WriteDivideByRows(c.W, c.T);
        }

        /// <summary>
        /// values[i] /= rows, a vector at a time (a scalar loop of divisions cost 4.4 us per row of a 32-row batch at
        /// 784-128-10, more than a tenth of TrainBatch). When rows is a power of two its reciprocal is exact and
        /// x * (1 / rows) rounds the same real number x / rows does, once: the same bits for a multiplication.
        /// </summary>
        private static void WriteDivideByRows(SourceWriter w, string t)
        {
            w.Line("// values[i] /= rows; for a power of two, values[i] * (1 / rows), which is the same number rounded once.");
            using (w.Block($"private static void DivideByRows(global::System.Span<{t}> values, int rows)"))
            {
                w.Line("int length = values.Length, i = 0;");
                w.Line("#if NET8_0_OR_GREATER");
                using (w.Block("if (global::System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated)"))
                {
                    w.Line($"ref {t} v = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(values);");
                    w.Line($"{t} divisor = rows, reciprocal = 1 / divisor;");
                    w.Line("bool exact = (rows & (rows - 1)) == 0;");
                    VectorWidth.WriteWidestAccelerated(w, lanes =>
                    {
                        string vector = lanes.Of(t), at = "ref global::System.Runtime.CompilerServices.Unsafe.Add(ref v, i)";
                        w.Line($"{vector} d = {lanes.Vector}.Create(divisor), m = {lanes.Vector}.Create(reciprocal);");
                        w.Line($"if (exact) for (; i <= length - {vector}.Count; i += {vector}.Count) {lanes.Vector}.StoreUnsafe({lanes.Vector}.LoadUnsafe({at}) * m, {at});");
                        w.Line($"else for (; i <= length - {vector}.Count; i += {vector}.Count) {lanes.Vector}.StoreUnsafe({lanes.Vector}.LoadUnsafe({at}) / d, {at});");
                    });
                }

                w.Line("#endif");
                w.Line("for (; i < length; i++) values[i] /= rows;");
            }
        }
    }
}
