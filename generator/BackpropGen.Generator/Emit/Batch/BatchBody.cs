using System;
using BackpropGen.Generator.Common;

namespace BackpropGen.Generator.Emit.Batch
{
    /// <summary>
    /// ForwardBatch and PredictBatch, the part every layout shares: the row count and its checks, the layout's blocks of
    /// rows (.NET 8 and later, where the hardware vectors are), then the rows no block takes, each by the single-row method.
    /// </summary>
    internal static class BatchBody
    {
        /// <param name="w">The writer.</param>
        /// <param name="single">The single-row method whose bits every row reproduces ("Forward" or "Predict").</param>
        /// <param name="blocks">Statements that run whole blocks of rows from <c>row</c> on and advance it; null for none.</param>
        public static void Write(SourceWriter w, string single, Action? blocks)
        {
            w.Line("int rows = inputs.Length / InputCount;");
            w.Line("if (inputs.Length != rows * InputCount) ThrowNotWholeRows(nameof(inputs), InputCount, inputs.Length);");
            w.Line("if (outputs.Length < rows * OutputCount) ThrowExpectedAtLeast(nameof(outputs), rows * OutputCount, outputs.Length);");
            w.Line("int row = 0;");
            if (blocks is not null)
            {
                w.Line("#if NET8_0_OR_GREATER");
                blocks();
                w.Line("#endif");
            }

            w.Line($"for (; row < rows; row++) {single}(inputs.Slice(row * InputCount, InputCount), outputs.Slice(row * OutputCount, OutputCount));", "the rows no block took");
        }
    }
}
