using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Batch
{
    /// <summary>
    /// The lane forms of the forward rules that are not plain arithmetic: each must give, lane by lane, the bits of its
    /// scalar form in <see cref="ActivationRules"/> and <see cref="OutputLayerRules"/>. Until vector forms proven
    /// lane-identical exist, each is a helper that applies the scalar form to every lane (see <see cref="RowLanesWriter"/>).
    /// </summary>
    internal static class LaneRules
    {
        /// <summary>The reference the lanes methods keep to their first input row.</summary>
        public const string InputStart = "x";

        /// <summary>The reference the lanes methods keep to their first output row.</summary>
        public const string OutputStart = "y";

        /// <summary>Input k of every row of the block: a strided gather.</summary>
        public static string LoadRows(LaneWidth lanes, int k) => $"LoadRows{lanes.Bits}({At(InputStart, k)})";

        /// <summary>Output k of every row of the block, scattered back: a statement.</summary>
        public static string StoreRows(string value, int k) => $"StoreRows({value}, {At(OutputStart, k)});";

        /// <summary>out = f(net), lane by lane.</summary>
        public static string Activation(Layer layer, string net, NumericType t, LaneWidth lanes) => $"{ActivationHelper(layer)}({net})";

        /// <summary>Softmax's running max, lane by lane.</summary>
        public static string Max(string soFar, string next, NumericType t, LaneWidth lanes) => $"LaneMax({soFar}, {next})";

        /// <summary>e^(net - max_net), lane by lane.</summary>
        public static string ShiftedExp(string net, string maxNet, NumericType t, LaneWidth lanes) => $"LaneShiftedExp({net}, {maxNet})";

        /// <summary>The helper applying layer <paramref name="layer"/>'s activation ("Activation1").</summary>
        public static string ActivationHelper(Layer layer) => "Activation" + layer.Number;

        private static string At(string start, int k) =>
            k == 0 ? "ref " + start : $"ref global::System.Runtime.CompilerServices.Unsafe.Add(ref {start}, {k})";
    }
}
