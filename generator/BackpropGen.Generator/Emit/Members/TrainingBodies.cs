namespace BackpropGen.Generator.Emit.Members
{
    /// <summary>
    /// TrainBatch, the same in every layout: each row's gradient from the public Backward, their mean, then one
    /// ApplyGradient; so a batch of one row is TrainStep bit for bit (0 + g is g, g / 1 is g, and the step is the same rule).
    /// </summary>
    internal static class TrainingBodies
    {
        public static void WriteTrainBatch(MemberContext c)
        {
            string t = c.T;
            c.W.Line("int rows = inputs.Length / InputCount;");
            c.W.Line("if (rows == 0 || inputs.Length != rows * InputCount) ThrowNotWholeRows(nameof(inputs), InputCount, inputs.Length);");
            c.W.Line("if (targets.Length != rows * OutputCount) ThrowExpectedExactly(nameof(targets), rows * OutputCount, targets.Length);");
            c.W.Line($"{t}[] buffers = t_batch ??= new {t}[2 * ParameterCount];");
            c.W.Line($"global::System.Span<{t}> mean = new global::System.Span<{t}>(buffers, 0, ParameterCount), rowGradient = new global::System.Span<{t}>(buffers, ParameterCount, ParameterCount);");
            c.W.Line("mean.Clear();");
            c.W.Line($"{t} loss = {c.Network.Numeric.Literal(0)};");
            using (c.W.Block("for (int r = 0; r < rows; r++)"))
            {
                c.W.Line("loss += Backward(inputs.Slice(r * InputCount, InputCount), targets.Slice(r * OutputCount, OutputCount), rowGradient);");
                c.W.Line("for (int i = 0; i < ParameterCount; i++) mean[i] += rowGradient[i];");
            }

            c.W.Line("for (int i = 0; i < ParameterCount; i++) mean[i] /= rows;", "the mean over the rows of each row's dE/dp");
            c.W.Line("ApplyGradient(mean, learningRate);");
            c.W.Line("return loss / rows;");
        }

        /// <summary>The per-thread buffers of TrainBatch.</summary>
        public static void WriteSupport(MemberContext c)
        {
            c.W.Line("// TrainBatch's running mean and row gradient, one pair per thread: no call allocates after a thread's first.");
            c.W.Line("[global::System.ThreadStatic]");
            c.W.Line($"private static {c.T}[]? t_batch;");
        }
    }
}
