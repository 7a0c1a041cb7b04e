using System.Globalization;
using System.Reflection;
using System.Runtime.Intrinsics;
using System.Text;
using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace BackpropGen.Generator.Tests.Numerics.Activations;

public delegate void DoublePredictor(ReadOnlySpan<double> input, Span<double> output);

public delegate void FloatPredictor(ReadOnlySpan<float> input, Span<float> output);

/// <summary>
/// The vector forms of the activations give, lane by lane, the bits of the scalar forms: the rules themselves
/// (<see cref="Generator.Model.ActivationRules.VectorOutput"/>, VectorDerivative) at every width, and the loops layout's
/// layer-wide pass for every layer size from 1 to 40 (every split into Vector512/256/128 bodies and scalar tails).
/// </summary>
public class VectorActivationTests
{
    public static TheoryData<string, bool, string> RuleCases()
    {
        var data = new TheoryData<string, bool, string>();
        foreach (ActivationCase c in CompiledActivations.Cases)
        {
            foreach (string width in CompiledActivations.Widths)
            {
                data.Add(c.Id, false, width);
                data.Add(c.Id, true, width);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RuleCases))]
    public void Vector_forms_of_the_rules_equal_the_scalar_forms_bit_for_bit(string id, bool isFloat, string width)
    {
        ActivationCase c = CompiledActivations.Cases.Single(a => a.Id == id);
        double[] inputs = ActivationInputs.Sweep(id, isFloat, count: 4000).ToArray();
        if (isFloat)
        {
            Check<float>(c, width, inputs.Select(x => (float)x).ToArray());
        }
        else
        {
            Check<double>(c, width, inputs);
        }
    }

    private static void Check<T>(ActivationCase c, string width, T[] inputs)
        where T : unmanaged
    {
        var output = CompiledActivations.Get<Func<T, T>>("Output_" + c.Id, typeof(T));
        var derivative = CompiledActivations.Get<Func<T, T, T>>("Derivative_" + c.Id, typeof(T), typeof(T));
        (Func<T[], int, T[]> vectorOutput, Func<T[], T[], int, T[]> vectorDerivative, int lanes) = width switch
        {
            "Vector128" => Lanes<T, Vector128<T>>(c, Vector128<T>.Count, v => Vector128.Create((ReadOnlySpan<T>)v), (v, d) => v.CopyTo(d)),
            "Vector256" => Lanes<T, Vector256<T>>(c, Vector256<T>.Count, v => Vector256.Create((ReadOnlySpan<T>)v), (v, d) => v.CopyTo(d)),
            _ => Lanes<T, Vector512<T>>(c, Vector512<T>.Count, v => Vector512.Create((ReadOnlySpan<T>)v), (v, d) => v.CopyTo(d)),
        };
        T[] outs = inputs.Select(output).ToArray();
        for (int start = 0; start + lanes <= inputs.Length; start += lanes)
        {
            T[] vectorOut = vectorOutput(inputs, start), vectorDerivativeOut = vectorDerivative(inputs, outs, start);
            for (int k = 0; k < lanes; k++)
            {
                T x = inputs[start + k];
                Assert.True(Bits(vectorOut[k]) == Bits(outs[start + k]), $"{c.Id} {width}<{typeof(T).Name}> lane {k}, net = {x}: vector {vectorOut[k]}, scalar {outs[start + k]}");
                T expected = derivative(x, outs[start + k]);
                Assert.True(Bits(vectorDerivativeOut[k]) == Bits(expected), $"derivative of {c.Id} {width}<{typeof(T).Name}> lane {k}, net = {x}: vector {vectorDerivativeOut[k]}, scalar {expected}");
            }
        }
    }

    private static (Func<T[], int, T[]>, Func<T[], T[], int, T[]>, int) Lanes<T, TVector>(ActivationCase c, int lanes, Func<T[], TVector> load, Action<TVector, T[]> store)
        where T : unmanaged
    {
        var output = CompiledActivations.Get<Func<TVector, TVector>>("Output_" + c.Id, typeof(TVector));
        var derivative = CompiledActivations.Get<Func<TVector, TVector, TVector>>("Derivative_" + c.Id, typeof(TVector), typeof(TVector));
        T[] Run(Func<TVector, TVector> f, T[] values, int start)
        {
            var result = new T[lanes];
            store(f(load(values.Skip(start).Take(lanes).ToArray())), result);
            return result;
        }

        return (
            (values, start) => Run(output, values, start),
            (values, outs, start) =>
            {
                TVector o = load(outs.Skip(start).Take(lanes).ToArray());
                return Run(net => derivative(net, o), values, start);
            },
            lanes);
    }

    private static long Bits<T>(T value) => value switch
    {
        double d => BitConverter.DoubleToInt64Bits(d),
        float f => BitConverter.SingleToInt32Bits(f),
        _ => throw new NotSupportedException(),
    };

    /// <summary>Layer sizes 1..40, double and float; the activations taken in turn, so each meets several sizes.</summary>
    private static readonly Lazy<Assembly> LoopsNetworks = new(() =>
    {
        var source = new StringBuilder("namespace LoopsUnderTest;\n");
        var files = new List<AdditionalText>();
        foreach ((int size, bool isFloat) in LoopsCases())
        {
            ActivationCase c = LoopsActivation(size, isFloat);
            string name = LoopsName(size, isFloat);
            source.Append($"[BackpropGen.Network(\"nets/{name}.json\")]\npublic static partial class {name} {{ }}\n");
            string alpha = c.Alpha == 0 ? string.Empty : $", \"alpha\": {c.Alpha.ToString("R", CultureInfo.InvariantCulture)}";
            string weights = string.Join(", ", Enumerable.Range(0, size).Select(n => Weight(n).ToString("R", CultureInfo.InvariantCulture)));
            string biases = string.Join(", ", Enumerable.Range(0, size).Select(n => Bias(n).ToString("R", CultureInfo.InvariantCulture)));
            files.Add(new InMemoryAdditionalText($"/project/nets/{name}.json", $$"""
                { "inputs": 1, "layers": [ { "size": {{size}}, "activation": "{{c.Json}}"{{alpha}} } ], "numeric": "{{(isFloat ? "float" : "double")}}",
                  "frozen": true, "codegen": "loops", "initial": { "weights": [{{weights}}], "biases": [{{biases}}] } }
                """));
        }

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(new[] { source.ToString() }, assemblyName: "LoopsUnderTest"), files);
        Assert.Empty(run.GeneratorDiagnostics);
        return GeneratorHarness.EmitAndLoad(run.OutputCompilation);
    });

    private static IEnumerable<(int Size, bool IsFloat)> LoopsCases() =>
        Enumerable.Range(1, 40).SelectMany(size => new[] { (size, false), (size, true) });

    public static TheoryData<int, bool> LoopsSizes()
    {
        var data = new TheoryData<int, bool>();
        foreach ((int size, bool isFloat) in LoopsCases())
        {
            data.Add(size, isFloat);
        }

        return data;
    }

    private static ActivationCase LoopsActivation(int size, bool isFloat) => CompiledActivations.Cases[(size + (isFloat ? 4 : 0)) % CompiledActivations.Cases.Length];

    private static string LoopsName(int size, bool isFloat) => $"Layer{size}{(isFloat ? "Float" : "Double")}";

    /// <summary>Weights and biases that spread one input over negative and positive nets, small and large.</summary>
    private static double Weight(int n) => (n % 2 == 0 ? 1 : -1) * (0.25 + (0.75 * n));

    private static double Bias(int n) => (n % 3) - 1 + (0.125 * n);

    [Theory]
    [MemberData(nameof(LoopsSizes))]
    public void Loops_layout_activates_a_layer_with_the_bits_of_the_scalar_form(int size, bool isFloat)
    {
        ActivationCase c = LoopsActivation(size, isFloat);
        Type network = LoopsNetworks.Value.GetType("LoopsUnderTest." + LoopsName(size, isFloat), throwOnError: true)!;
        MethodInfo predict = network.GetMethod("Predict")!;
        double[] inputs = { 0, -0.0, 0.001, -0.37, 1.5, -2.75, 9.5, -30, 60, -200, 700, -800, double.NaN, double.PositiveInfinity, double.NegativeInfinity };
        foreach (double x in inputs)
        {
            for (int n = 0; n < size; n++)
            {
                // What the loops layout computes for neuron n: net = (0 + w * x) + b (Dot of one term), then the activation.
                if (isFloat)
                {
                    var output = new float[size];
                    predict.CreateDelegate<FloatPredictor>()(new[] { (float)x }, output);
                    float net = (0f + ((float)Weight(n) * (float)x)) + (float)Bias(n);
                    float expected = CompiledActivations.OutputFloat(c)(net);
                    Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(output[n]), $"{c.Id}, size {size}, neuron {n}, x = {x}: {output[n]}, scalar form {expected}");
                }
                else
                {
                    var output = new double[size];
                    predict.CreateDelegate<DoublePredictor>()(new[] { x }, output);
                    double net = (0.0 + (Weight(n) * x)) + Bias(n);
                    double expected = CompiledActivations.Output(c)(net);
                    Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(output[n]), $"{c.Id}, size {size}, neuron {n}, x = {x}: {output[n]}, scalar form {expected}");
                }
            }
        }
    }
}
