using System;
using System.Numerics;
using BackpropGen.Benchmarks.HandWritten;

namespace BackpropGen.Benchmarks;

/// <summary>Signature of a frozen network's static Predict.</summary>
public delegate void PredictFunction<T>(ReadOnlySpan<T> input, Span<T> output);

/// <summary>
/// One network in one precision: the input and target of every measured call, preallocated output and gradient
/// buffers, the two hand-written implementations loaded with the generated network's parameters, and the checks
/// that all of them compute the same thing (they throw, so a wrong implementation can never be timed).
/// </summary>
public sealed class Fixture<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>TrainStep's learning rate in the benchmarks: tiny, so the parameters stay sane over millions of steps.</summary>
    public static readonly T BenchmarkLearningRate = T.CreateTruncating(1e-6);

    private readonly T[] _initialParameters;

    public Fixture(NetworkSpec spec, ITrainable<T> generated)
    {
        Spec = spec;
        Input = new T[spec.Inputs];
        Target = new T[spec.Outputs];
        Output = new T[spec.Outputs];
        Gradient = new T[spec.ParameterCount];
        if (spec.Inputs == 2 && spec.Outputs == 2)
        {
            // The worked example's training pair.
            Input[0] = T.CreateTruncating(0.05);
            Input[1] = T.CreateTruncating(0.10);
            Target[0] = T.CreateTruncating(0.01);
            Target[1] = T.CreateTruncating(0.99);
        }
        else
        {
            for (int i = 0; i < Input.Length; i++)
            {
                Input[i] = T.CreateTruncating((((i * 37) + 11) % 101) / 100.0);
            }

            Target[3 % Target.Length] = T.One;
        }

        Idiomatic = new IdiomaticNetwork<T>(spec);
        BestEffort = new BestEffortNetwork<T>(spec);
        _initialParameters = new T[spec.ParameterCount];
        generated.GetParameters(_initialParameters);
        Verify(generated);
    }

    public NetworkSpec Spec { get; }

    public T[] Input { get; }

    public T[] Target { get; }

    public T[] Output { get; }

    public T[] Gradient { get; }

    public IdiomaticNetwork<T> Idiomatic { get; }

    public BestEffortNetwork<T> BestEffort { get; }

    /// <summary>Relative tolerance of the agreement checks: 1e-9 in double (as asked), 1e-4 in float.</summary>
    public static double Tolerance => typeof(T) == typeof(double) ? 1e-9 : 1e-4;

    /// <summary>
    /// Loads the generated network's initial parameters into <paramref name="generated"/> and both hand-written
    /// networks, then checks Forward, Loss, Backward and one TrainStep against each other, and resets everything to
    /// the initial parameters.
    /// </summary>
    public void Verify(ITrainable<T> generated)
    {
        string name = $"{Spec.Name} {typeof(T).Name}";
        Reset(generated);
        var expected = new T[Spec.Outputs];
        var actual = new T[Spec.Outputs];

        // Forward: per output, relative.
        generated.Forward(Input, expected);
        Idiomatic.Forward(Input, actual);
        CompareElementwise(name + " Forward, idiomatic vs generated", expected, actual);
        BestEffort.Forward(Input, actual);
        CompareElementwise(name + " Forward, best-effort vs generated", expected, actual);

        // Backward: loss relative; gradient against its largest element (gradients near 0 differ only in rounding).
        T generatedLoss = generated.Backward(Input, Target, Gradient);
        CompareScalar(name + " Loss, generated Loss vs Backward", generatedLoss, generated.Loss(Input, Target));
        var gradient = new T[Spec.ParameterCount];
        CompareScalar(name + " Backward loss, idiomatic", generatedLoss, Idiomatic.Backward(Input, Target));
        Idiomatic.GetGradient(gradient);
        CompareVector(name + " Backward gradient, idiomatic vs generated", Gradient, gradient);
        Array.Clear(gradient);
        CompareScalar(name + " Backward loss, best-effort", generatedLoss, BestEffort.Backward(Input, Target, gradient));
        CompareVector(name + " Backward gradient, best-effort vs generated", Gradient, gradient);

        // TrainStep with a real learning rate: the same loss, and the same change of every parameter.
        T rate = T.CreateTruncating(0.5);
        CompareScalar(name + " TrainStep loss, idiomatic", generated.TrainStep(Input, Target, rate), Idiomatic.TrainStep(Input, Target, rate));
        CompareScalar(name + " TrainStep loss, best-effort", generatedLoss, BestEffort.TrainStep(Input, Target, rate));
        var step = new T[Spec.ParameterCount];
        generated.GetParameters(step);
        Subtract(step, _initialParameters);
        var other = new T[Spec.ParameterCount];
        Idiomatic.GetParameters(other);
        Subtract(other, _initialParameters);
        CompareVector(name + " TrainStep change, idiomatic vs generated", step, other);
        BestEffort.GetParameters(other);
        Subtract(other, _initialParameters);
        CompareVector(name + " TrainStep change, best-effort vs generated", step, other);

        Reset(generated);
    }

    /// <summary>A frozen twin's Predict must equal the trainable Forward bit for bit (issue 7), and so the others.</summary>
    public void VerifyFrozen(string frozenName, PredictFunction<T> predict, ITrainable<T> generated)
    {
        Reset(generated);
        var expected = new T[Spec.Outputs];
        var actual = new T[Spec.Outputs];
        generated.Forward(Input, expected);
        predict(Input, actual);
        for (int k = 0; k < expected.Length; k++)
        {
            if (!expected[k].Equals(actual[k]))
            {
                throw new InvalidOperationException($"{frozenName}.Predict differs from the trainable Forward at output {k}: {actual[k]} vs {expected[k]} (expected bit-for-bit equality).");
            }
        }
    }

    public void Reset(ITrainable<T> generated)
    {
        generated.SetParameters(_initialParameters);
        Idiomatic.SetParameters(_initialParameters);
        BestEffort.SetParameters(_initialParameters);
    }

    private static void Subtract(T[] values, T[] initial)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] -= initial[i];
        }
    }

    private static void CompareElementwise(string what, T[] expected, T[] actual)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            CompareScalar($"{what} [{i}]", expected[i], actual[i]);
        }
    }

    private static void CompareScalar(string what, T expected, T actual)
    {
        double e = double.CreateTruncating(expected), a = double.CreateTruncating(actual);
        if (!(Math.Abs(e - a) <= Tolerance * Math.Max(Math.Abs(e), Math.Abs(a))))
        {
            throw new InvalidOperationException($"{what}: {a:R} vs {e:R} (relative tolerance {Tolerance}).");
        }
    }

    private static void CompareVector(string what, T[] expected, T[] actual)
    {
        double scale = 0;
        foreach (T value in expected)
        {
            scale = Math.Max(scale, Math.Abs(double.CreateTruncating(value)));
        }

        for (int i = 0; i < expected.Length; i++)
        {
            double e = double.CreateTruncating(expected[i]), a = double.CreateTruncating(actual[i]);
            if (!(Math.Abs(e - a) <= Tolerance * scale))
            {
                throw new InvalidOperationException($"{what} [{i}]: {a:R} vs {e:R} (tolerance {Tolerance} x largest |value| {scale:R}).");
            }
        }
    }
}
