using System;

namespace BackpropGen.Determinism;

/// <summary>What every trainable generated network offers; the generated members implement it implicitly.</summary>
public interface ITrainable<T>
{
    int Inputs { get; }

    int Outputs { get; }

    int Parameters { get; }

    void Forward(ReadOnlySpan<T> input, Span<T> output);

    void ForwardBatch(ReadOnlySpan<T> inputs, Span<T> outputs);

    T Loss(ReadOnlySpan<T> input, ReadOnlySpan<T> target);

    T Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> gradient);

    T InputGradient(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputGradient);

    T TrainStep(ReadOnlySpan<T> input, ReadOnlySpan<T> target, T learningRate);

    T TrainBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T learningRate);

    void GetParameters(Span<T> destination);
}

// Unrolled: the worked example (2-2-2, logistic, shared biases, plain SGD) and two small classifiers.
[Network("mazur.json")] public partial class Mazur : ITrainable<double> { public int Inputs => InputCount; public int Outputs => OutputCount; public int Parameters => ParameterCount; }
[Network("unrolled_4_8_3.json")] public partial class Unrolled4_8_3 : ITrainable<double> { public int Inputs => InputCount; public int Outputs => OutputCount; public int Parameters => ParameterCount; }
[Network("unrolled_5_7_4f.json")] public partial class Unrolled5_7_4F : ITrainable<float> { public int Inputs => InputCount; public int Outputs => OutputCount; public int Parameters => ParameterCount; }

// Split: quantities in a per-thread Pass object, methods cut into parts.
[Network("split_12_24_6.json")] public partial class Split12_24_6 : ITrainable<double> { public int Inputs => InputCount; public int Outputs => OutputCount; public int Parameters => ParameterCount; }
[Network("split_16_20_5f.json")] public partial class Split16_20_5F : ITrainable<float> { public int Inputs => InputCount; public int Outputs => OutputCount; public int Parameters => ParameterCount; }

// Loops: the vector kernels; fan-ins that are and are not multiples of 16 doubles / 32 floats.
[Network("loops_64_32_10.json")] public partial class Loops64_32_10 : ITrainable<double> { public int Inputs => InputCount; public int Outputs => OutputCount; public int Parameters => ParameterCount; }
[Network("loops_64_32_10f.json")] public partial class Loops64_32_10F : ITrainable<float> { public int Inputs => InputCount; public int Outputs => OutputCount; public int Parameters => ParameterCount; }
[Network("loops_100_37_21_5.json")] public partial class Loops100_37_21_5 : ITrainable<double> { public int Inputs => InputCount; public int Outputs => OutputCount; public int Parameters => ParameterCount; }
[Network("loops_100_37_21_5f.json")] public partial class Loops100_37_21_5F : ITrainable<float> { public int Inputs => InputCount; public int Outputs => OutputCount; public int Parameters => ParameterCount; }
[Network("loops_784_50_10f.json")] public partial class Loops784_50_10F : ITrainable<float> { public int Inputs => InputCount; public int Outputs => OutputCount; public int Parameters => ParameterCount; }

// Frozen: static Predict with constants (unrolled from attributes; loops from JSON).
[Network(Inputs = 2, Frozen = true)]
[Layer(2, Activation.Logistic, Bias = BiasMode.Shared)]
[Layer(2, Activation.Logistic, Bias = BiasMode.Shared)]
[InitialWeights(0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55)]
[InitialBiases(0.35, 0.60)]
public static partial class MazurFrozen { }

[Network("frozen_64_32_10.json")] public static partial class Frozen64_32_10 { }
[Network("frozen_100_37_5f.json")] public static partial class Frozen100_37_5F { }
