using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace BackpropGen.Playground.Engine;

/// <summary>
/// Compiles the generated source with Roslyn (in the browser, in WebAssembly), loads the assembly and hands back the
/// generated class behind a small host: every number the playground shows comes from the generated code itself.
/// </summary>
public static class NetworkCompiler
{
    /// <summary>Compiles what <paramref name="generation"/> produced, with a host class that passes arrays of double.</summary>
    public static CompileResult Compile(GenerationResult generation)
    {
        var clock = Stopwatch.StartNew();
        string? numeric = NumericOf(generation);
        if (numeric is null)
        {
            return new CompileResult(null, "This network is frozen (inference only): the walk-through, the diagram and training need a trainable network.", clock.Elapsed);
        }

        SyntaxTree host = CSharpSyntaxTree.ParseText(HostSource(numeric), GeneratorRunner.ParseOptions, path: "PlaygroundHost.cs");
        Compilation compilation = generation.InputCompilation.AddSyntaxTrees(generation.Trees).AddSyntaxTrees(host);
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        if (!emitted.Success)
        {
            string errors = string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10).Select(d => d.ToString()));
            return new CompileResult(null, "The generated code does not compile:\n" + errors, clock.Elapsed);
        }

        Assembly assembly = Assembly.Load(stream.ToArray());
        Type type = assembly.GetType(GeneratorRunner.Namespace + ".PlaygroundHost", throwOnError: true)!;
        clock.Stop();
        return new CompileResult(new CompiledNetwork(type, numeric), null, clock.Elapsed);
    }

    /// <summary>The numeric type of the generated TrainStep ("double" or "float"); null when there is none (frozen).</summary>
    private static string? NumericOf(GenerationResult generation)
    {
        foreach (SyntaxTree tree in generation.Trees)
        {
            MethodDeclarationSyntax? trainStep = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
                .FirstOrDefault(m => m.Identifier.ValueText == "TrainStep");
            if (trainStep is not null)
            {
                return trainStep.ReturnType.ToString();
            }
        }

        return null;
    }

    // Spans and T stay on this side of reflection: the host takes and returns double[] and strings.
    private static string HostSource(string t) => $$"""
        namespace {{GeneratorRunner.Namespace}}
        {
            public static class PlaygroundHost
            {
                public static object Create() => new {{GeneratorRunner.ClassName}}();
                public static int InputCount => {{GeneratorRunner.ClassName}}.InputCount;
                public static int OutputCount => {{GeneratorRunner.ClassName}}.OutputCount;
                public static int ParameterCount => {{GeneratorRunner.ClassName}}.ParameterCount;
                public static string ParameterName(int index) => {{GeneratorRunner.ClassName}}.ParameterName(index);

                private static {{t}}[] In(double[] values)
                {
                    var result = new {{t}}[values.Length];
                    for (int i = 0; i < values.Length; i++) result[i] = ({{t}})values[i];
                    return result;
                }

                public static string Walkthrough(object net, double[] input, double[] target, double learningRate)
                {
                    var writer = new global::System.IO.StringWriter(global::System.Globalization.CultureInfo.InvariantCulture);
                    (({{GeneratorRunner.ClassName}})net).WriteWalkthrough(In(input), In(target), ({{t}})learningRate, writer);
                    return writer.ToString();
                }

                public static string Diagram(object net) => (({{GeneratorRunner.ClassName}})net).ToDiagramSvg();

                public static double TrainStep(object net, double[] input, double[] target, double learningRate) =>
                    (({{GeneratorRunner.ClassName}})net).TrainStep(In(input), In(target), ({{t}})learningRate);

                public static double Loss(object net, double[] input, double[] target) =>
                    (({{GeneratorRunner.ClassName}})net).Loss(In(input), In(target));

                public static double[] GetParameters(object net)
                {
                    var values = new {{t}}[{{GeneratorRunner.ClassName}}.ParameterCount];
                    (({{GeneratorRunner.ClassName}})net).GetParameters(values);
                    var result = new double[values.Length];
                    for (int i = 0; i < values.Length; i++) result[i] = values[i];
                    return result;
                }
            }
        }
        """;
}

public sealed record CompileResult(CompiledNetwork? Network, string? Error, TimeSpan Elapsed);

/// <summary>The compiled generated class, reached through the host by reflection.</summary>
public sealed class CompiledNetwork
{
    private readonly Type _host;

    public CompiledNetwork(Type host, string numeric)
    {
        _host = host;
        Numeric = numeric;
        InputCount = (int)Get("InputCount");
        OutputCount = (int)Get("OutputCount");
        ParameterCount = (int)Get("ParameterCount");
    }

    public string Numeric { get; }

    public int InputCount { get; }

    public int OutputCount { get; }

    public int ParameterCount { get; }

    /// <summary>A new instance of the generated class, at its initial parameters.</summary>
    public object Create() => Call("Create");

    public string ParameterName(int index) => (string)Call("ParameterName", index);

    public string Walkthrough(object net, double[] input, double[] target, double learningRate) => (string)Call("Walkthrough", net, input, target, learningRate);

    public string Diagram(object net) => (string)Call("Diagram", net);

    public double TrainStep(object net, double[] input, double[] target, double learningRate) => (double)Call("TrainStep", net, input, target, learningRate);

    public double Loss(object net, double[] input, double[] target) => (double)Call("Loss", net, input, target);

    public double[] GetParameters(object net) => (double[])Call("GetParameters", net);

    private object Get(string name) => _host.GetProperty(name)!.GetValue(null)!;

    private object Call(string name, params object[] arguments)
    {
        try
        {
            return _host.GetMethod(name)!.Invoke(null, arguments)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
