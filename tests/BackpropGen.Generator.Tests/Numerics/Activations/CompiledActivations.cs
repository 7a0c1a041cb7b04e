using System.Reflection;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Emit;
using BackpropGen.Generator.Emit.Math;
using BackpropGen.Generator.Model;
using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace BackpropGen.Generator.Tests.Numerics.Activations;

/// <summary>One activation as a layer describes it, with the JSON spelling the reference understands.</summary>
public sealed record ActivationCase(string Id, string Json, double Alpha)
{
    internal LayerDescription Layer => new(1, Kind, BiasKind.None, Alpha);

    internal ActivationKind Kind => Json switch
    {
        "logistic" => ActivationKind.Logistic,
        "tanh" => ActivationKind.Tanh,
        "relu" => ActivationKind.ReLU,
        "leaky_relu" => ActivationKind.LeakyReLU,
        "identity" => ActivationKind.Identity,
        "softplus" => ActivationKind.Softplus,
        "silu" => ActivationKind.SiLU,
        "elu" => ActivationKind.ELU,
        _ => throw new ArgumentOutOfRangeException(nameof(Json), Json, null),
    };

    public override string ToString() => Id;
}

/// <summary>
/// Every activation's rule (<see cref="ActivationRules.Output"/>, <see cref="ActivationRules.Derivative"/> and their vector
/// forms for Vector128/256/512) compiled as static methods of one class, next to the class's maths (MathFunctions and
/// Tanh) exactly as a generated network holds them, for double and float. Compiled once per test run.
/// </summary>
public static class CompiledActivations
{
    public static readonly ActivationCase[] Cases =
    {
        new("logistic", "logistic", 0),
        new("tanh", "tanh", 0),
        new("relu", "relu", 0),
        new("leaky_relu", "leaky_relu", 0.01),
        new("identity", "identity", 0),
        new("softplus", "softplus", 0),
        new("silu", "silu", 0),
        new("elu", "elu", 1.0),
        new("elu_alpha_0_7", "elu", 0.7),
    };

    public static readonly string[] Widths = { "Vector128", "Vector256", "Vector512" };

    private static readonly Lazy<Type> Compiled = new(() =>
    {
        var w = new SourceWriter();
        w.Line("namespace ActivationsUnderTest");
        w.Line("{");
        w.Line("public static class Activations");
        w.Line("{");
        foreach (NumericType t in new[] { NumericType.Double, NumericType.Float })
        {
            MathFunctions.Write(w, t, MathFunctionSet.Exp | MathFunctionSet.ExpM1 | MathFunctionSet.Log | MathFunctionSet.Log1P);
            foreach (string helper in new[] { "Tanh", "Logistic", "SiLU" })
            {
                MathSupport.WriteHelper(w, t, helper);
            }

            foreach (ActivationCase c in Cases)
            {
                string k = t.Keyword;
                w.Line($"public static {k} Output_{c.Id}({k} net) => {ActivationRules.Output(c.Layer, "net", "out", t).Code};");
                w.Line($"public static {k} Derivative_{c.Id}({k} net, {k} o) => {ActivationRules.Derivative(c.Layer, "net", "o", t).Code};");
                foreach (string width in Widths)
                {
                    string vector = "global::System.Runtime.Intrinsics." + width, type = $"{vector}<{k}>";
                    w.Line($"public static {type} Output_{c.Id}({type} net) => {ActivationRules.VectorOutput(c.Layer, "net", t, vector)};");
                    w.Line($"public static {type} Derivative_{c.Id}({type} net, {type} o) => {ActivationRules.VectorDerivative(c.Layer, "net", "o", t, vector)};");
                }
            }
        }

        w.Line("}");
        w.Line("}");
        var compilation = GeneratorHarness.CreateCompilation(new[] { w.ToString() }, assemblyName: "ActivationsUnderTest");
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        return GeneratorHarness.EmitAndLoad(compilation).GetType("ActivationsUnderTest.Activations", throwOnError: true)!;
    });

    public static TDelegate Get<TDelegate>(string name, params Type[] parameters)
        where TDelegate : Delegate
    {
        MethodInfo method = Compiled.Value.GetMethod(name, BindingFlags.Public | BindingFlags.Static, parameters)
            ?? throw new InvalidOperationException($"{name}({string.Join(", ", parameters.Select(p => p.Name))}) was not compiled");
        return method.CreateDelegate<TDelegate>();
    }

    public static Func<double, double> Output(ActivationCase c) => Get<Func<double, double>>("Output_" + c.Id, typeof(double));

    public static Func<float, float> OutputFloat(ActivationCase c) => Get<Func<float, float>>("Output_" + c.Id, typeof(float));
}
