namespace BackpropGen.Generator.Model
{
    /// <summary>How the named quantities of a neuron are spelled, as in the worked example.</summary>
    internal static class QuantityNames
    {
        /// <summary>"w1" for the weight at canonical index 0.</summary>
        public static string Weight(int index) => "w" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>"b2": a shared bias, named after its layer's 1-based number.</summary>
        public static string SharedBias(int layerNumber) => "b" + layerNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>"b_h1": the bias of one neuron.</summary>
        public static string NeuronBias(string neuron) => "b_" + neuron;

        /// <summary>The loss of the whole pass.</summary>
        public const string TotalError = "E_total";

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
