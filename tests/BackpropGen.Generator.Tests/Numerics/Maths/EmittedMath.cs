using System.Reflection;
using System.Runtime.Intrinsics;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Emit.Math;
using BackpropGen.Generator.Model;
using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace BackpropGen.Generator.Tests.Numerics.Maths;

/// <summary>
/// The functions <see cref="MathFunctions"/> emits, for double and float, compiled into one class (as a generated class
/// would hold them) and reached through delegates. Compiled once per test run.
/// </summary>
public static class EmittedMath
{
    public static readonly string[] Names = { "Exp", "ExpM1", "Log", "Log1P" };

    internal const MathFunctionSet All = MathFunctionSet.Exp | MathFunctionSet.ExpM1 | MathFunctionSet.Log | MathFunctionSet.Log1P;

    /// <summary>Both types' functions in one class, as <see cref="MathFunctions.Write"/> writes them.</summary>
    public static string EmitSource()
    {
        var w = new SourceWriter();
        w.Line("#nullable enable");
        w.Line("namespace MathUnderTest");
        w.Line("{");
        w.Line("internal static class Emitted");
        w.Line("{");
        MathFunctions.Write(w, NumericType.Double, All);
        w.Line();
        MathFunctions.Write(w, NumericType.Float, All);
        w.Line("}");
        w.Line("}");
        return w.ToString();
    }

    private static readonly Lazy<(string Source, Type Type)> Compiled = new(() =>
    {
        string source = EmitSource();
        var compilation = GeneratorHarness.CreateCompilation(new[] { source }, assemblyName: "EmittedMath");
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        return (source, GeneratorHarness.EmitAndLoad(compilation).GetType("MathUnderTest.Emitted", throwOnError: true)!);
    });

    public static string Source => Compiled.Value.Source;

    public static Type Type => Compiled.Value.Type;

    public static TDelegate Get<TDelegate>(string name)
        where TDelegate : Delegate
    {
        Type argument = typeof(TDelegate).GetGenericArguments()[0];
        MethodInfo method = Compiled.Value.Type.GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static, new[] { argument })
            ?? throw new InvalidOperationException($"{name}({argument}) was not emitted");
        return method.CreateDelegate<TDelegate>();
    }

    public static Func<double, double> Double(string name) => Get<Func<double, double>>(name);

    public static Func<float, float> Float(string name) => Get<Func<float, float>>(name);
}
