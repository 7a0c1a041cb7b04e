namespace BackpropGen.Generator.Model
{
    /// <summary>How the named quantities of a neuron are spelled, as in the worked example.</summary>
    internal static class QuantityNames
    {
        public static string Net(string neuron) => "net_" + neuron;

        public static string Out(string neuron) => "out_" + neuron;

        public static string Target(string neuron) => "target_" + neuron;

        public static string Delta(string neuron) => "delta_" + neuron;

        public static string Error(string neuron) => "E_" + neuron;

        public static string Exp(string neuron) => "exp_" + neuron;

        /// <summary>The largest net input of a softmax layer, subtracted before exponentiating.</summary>
        public const string MaxNet = "max_net";

        /// <summary>Sum of e^(net - max_net) over a softmax layer: at least 1, so its log is safe.</summary>
        public const string SumExp = "sum_exp";

        public const string LogSumExp = "log_sum_exp";

        public const string TargetSum = "target_sum";
    }
}
