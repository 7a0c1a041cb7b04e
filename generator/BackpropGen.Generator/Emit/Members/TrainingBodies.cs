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

            w.Line("for (int i = 0; i < ParameterCount; i++) mean[i] /= rows;", "the mean over the rows of each row's dE/dp");
            w.Line("ApplyGradient(mean, learningRate);");
            w.Line("return loss / rows;");
        }

        /// <summary>The per-thread buffers of TrainBatch.</summary>
        public static void WriteSupport(MemberContext c)
        {
            c.W.Line("// TrainBatch's running sum (and row gradient), per thread: no call allocates after a thread's first.");
            c.W.Line("[global::System.ThreadStatic]");
            c.W.Line($"private static {c.T}[]? t_batch;");
        }
    }
}
