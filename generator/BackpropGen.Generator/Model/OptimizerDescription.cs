namespace BackpropGen.Generator.Model
{
    /// <summary>Mirror of the public OptimizerKind, same names and order.</summary>
    internal enum OptimizerKind { Sgd, Adam, AdamW }

    /// <summary>
    /// The "optimizer" of a description, with PyTorch's defaults filled in (torch.optim.SGD with dampening 0, Adam, AdamW).
    /// Null on a description means plain SGD, the worked example's p+ = p - eta * dE/dp.
    /// </summary>
    internal sealed record OptimizerDescription(OptimizerKind Kind, double Momentum, bool Nesterov, double Beta1, double Beta2, double Epsilon, double WeightDecay)
    {
        public const double DefaultBeta1 = 0.9, DefaultBeta2 = 0.999, DefaultEpsilon = 1e-8, DefaultAdamWWeightDecay = 0.01;

        /// <summary>The JSON keys an optimizer of <paramref name="kind"/> takes besides "type" (the attribute's properties, capitalised).</summary>
        public static string[] Keys(OptimizerKind kind) => kind switch
        {
            OptimizerKind.Sgd => new[] { "momentum", "nesterov", "weightDecay" },
            OptimizerKind.Adam or OptimizerKind.AdamW => new[] { "beta1", "beta2", "epsilon", "weightDecay" },
            _ => throw new System.ArgumentOutOfRangeException(nameof(kind), kind, "Unknown optimizer."),
        };

        /// <summary>Weight decay when none is given: 0, except AdamW's decoupled 0.01.</summary>
        public static double DefaultWeightDecay(OptimizerKind kind) => kind == OptimizerKind.AdamW ? DefaultAdamWWeightDecay : 0.0;
    }
}
