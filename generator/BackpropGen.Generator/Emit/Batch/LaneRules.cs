using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Batch
{
    /// <summary>
    /// What the rows-in-lanes chain needs beyond the rules' vector forms (<see cref="ActivationRules.VectorOutput"/>,
    /// <see cref="OutputLayerRules.VectorShiftedExp"/>): the strided loads and stores of rows, and softmax's max.
    /// </summary>
    internal static class LaneRules
    {
        /// <summary>The reference the lanes methods keep to their first input row.</summary>
        public const string InputStart = "x";

        /// <summary>The reference the lanes methods keep to their first output row.</summary>
        public const string OutputStart = "y";

        /// <summary>Input k of every row of the block: a strided gather.</summary>
        public static string LoadRows(VectorWidth lanes, int k) => $"LoadRows{lanes.Bits}({At(InputStart, k)})";

        /// <summary>Output k of every row of the block, scattered back: a statement.</summary>
        public static string StoreRows(string value, int k) => $"StoreRows({value}, {At(OutputStart, k)});";

        /// <summary>
        /// Softmax's running max, lane by lane: a helper applying the scalar rule to every lane (a vector max with
        /// Math.Max's NaN and signed-zero rules on every target is not worth the risk for one compare per output).
        /// </summary>
        public static string Max(string soFar, string next, NumericType t, VectorWidth lanes) => $"LaneMax({soFar}, {next})";

        private static string At(string start, int k) =>
            k == 0 ? "ref " + start : $"ref global::System.Runtime.CompilerServices.Unsafe.Add(ref {start}, {k})";
    }
}
