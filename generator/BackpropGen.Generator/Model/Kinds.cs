namespace BackpropGen.Generator.Model
{
    // Mirrors of the public enums in BackpropGen.dll, same names and order: the generator does not reference that assembly.
    internal enum ActivationKind { Logistic, Tanh, ReLU, LeakyReLU, Identity, Softplus, Softmax, SiLU, ELU }

    internal enum LossKind { HalfSquaredError, MeanSquaredError, CrossEntropy }

    internal enum BiasKind { PerNeuron, Shared, None }

    internal enum NumericKind { Double, Float }

    internal enum CodegenKind { Auto, Unrolled, Loops, Split }
}
