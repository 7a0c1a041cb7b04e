namespace BackpropGen
{
    /// <summary>The activation function of a layer.</summary>
    public enum Activation
    {
        /// <summary>The logistic sigmoid, 1 / (1 + e^-x).</summary>
        Logistic,
        /// <summary>The hyperbolic tangent.</summary>
        Tanh,
        /// <summary>The rectifier, max(0, x).</summary>
        ReLU,
        /// <summary>The leaky rectifier: x for x &gt; 0, alpha * x otherwise.</summary>
        LeakyReLU,
        /// <summary>The identity, x (also called linear).</summary>
        Identity,
        /// <summary>Softplus, ln(1 + e^x).</summary>
        Softplus,
        /// <summary>Softmax over the layer; output layer only.</summary>
        Softmax,
        /// <summary>The sigmoid-weighted linear unit (also called swish), x / (1 + e^-x).</summary>
        SiLU,
        /// <summary>The exponential linear unit: x for x &gt; 0, alpha * (e^x - 1) otherwise.</summary>
        ELU,
    }

    /// <summary>The loss a network is trained on.</summary>
    public enum LossFunction
    {
        /// <summary>Sum over outputs of 1/2 (target - out)^2.</summary>
        HalfSquaredError,
        /// <summary>Mean over outputs of (target - out)^2.</summary>
        MeanSquaredError,
        /// <summary>Cross-entropy: -sum t ln o for softmax outputs, binary cross-entropy summed over logistic outputs.</summary>
        CrossEntropy,
    }

    /// <summary>How a layer's neurons are biased.</summary>
    public enum BiasMode
    {
        /// <summary>One bias per neuron.</summary>
        PerNeuron,
        /// <summary>One bias shared by every neuron of the layer.</summary>
        Shared,
        /// <summary>No bias.</summary>
        None,
    }

    /// <summary>The floating-point type of the generated code.</summary>
    public enum Numeric
    {
        /// <summary>64-bit <see cref="double"/>.</summary>
        Double,
        /// <summary>32-bit <see cref="float"/>.</summary>
        Float,
    }

    /// <summary>How the generated code is laid out.</summary>
    public enum Codegen
    {
        /// <summary>Chosen by network size.</summary>
        Auto,
        /// <summary>Straight-line code, one line per quantity.</summary>
        Unrolled,
        /// <summary>Loops over spans.</summary>
        Loops,
        /// <summary>The unrolled lines, with quantities as fields, split across methods that each stay inside the JIT's budgets.</summary>
        Split,
    }

    /// <summary>The optimizer a network trains with (<see cref="OptimizerAttribute"/>); the update rules are PyTorch's.</summary>
    public enum OptimizerKind
    {
        /// <summary>torch.optim.SGD (dampening 0): momentum, nesterov, weight decay as L2.</summary>
        Sgd,
        /// <summary>torch.optim.Adam: bias-corrected moments, weight decay as L2.</summary>
        Adam,
        /// <summary>torch.optim.AdamW: Adam with decoupled weight decay.</summary>
        AdamW,
    }
}
