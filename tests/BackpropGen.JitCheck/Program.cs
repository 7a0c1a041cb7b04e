using System;
using BackpropGen.JitCheck;

// Calls every generated method enough to be compiled at its final tier. Run with DOTNET_JitDisasmSummary=1
// (and DOTNET_JitStdOutFile) to list how each method was compiled; JitTierTests reads that list.
Exercise(new Mazur());
Exercise(new N4_12_6());
Exercise(new N6_10_8_4F());
Exercise(new N16_32_10());
Exercise(new N64_32_10());
Exercise(new N64_32_10F());
Exercise(new N64_32_10Split());
Exercise(new N64_128_64_10());
Exercise(new N784_128_10());
Exercise(new N784_128_10F());

var trace = default(Mazur.Trace);
var frozenOutput = new double[2];
for (int i = 0; i < 50; i++)
{
    new Mazur().Backward(new[] { 0.05, 0.10 }, new[] { 0.01, 0.99 }, new double[Mazur.ParameterCount], out trace);
    MazurFrozen.Predict(new[] { 0.05, 0.10 }, frozenOutput);
    MazurFrozen.PredictBatch(new double[37 * MazurFrozen.InputCount], new double[37 * MazurFrozen.OutputCount]);
}

Console.WriteLine($"exercised; frozen output {frozenOutput[0]}, traced E_total {trace.E_total}");

static void Exercise<T>(ITrainable<T> network)
    where T : struct, System.Numerics.INumber<T>
{
    var input = new T[network.Inputs];
    var target = new T[network.Outputs];
    var output = new T[network.Outputs];
    var parameters = new T[4_000_000];
    for (int i = 0; i < input.Length; i++)
    {
        input[i] = T.CreateChecked((i % 7) / 7.0);
    }

    target[0] = T.One;
    var batchInputs = new T[4 * input.Length];
    var batchTargets = new T[4 * target.Length];
    for (int r = 0; r < 4; r++)
    {
        input.CopyTo(batchInputs, r * input.Length);
        target.CopyTo(batchTargets, r * target.Length);
    }

    // 39 rows: whole vectors of rows (or blocks), narrower vectors (39 = 32 + 4 + 2 + 1 = 36 + 2 + 1 doubles), and a row left over.
    var rowsIn = new T[39 * input.Length];
    var rowsOut = new T[39 * output.Length];
    for (int i = 0; i < 50; i++)
    {
        network.Forward(input, output);
        network.ForwardBatch(rowsIn, rowsOut);
        network.Loss(input, target);
        network.Backward(input, target, parameters);
        network.TrainStep(input, target, T.CreateChecked(1e-4));
        network.TrainBatch(batchInputs, batchTargets, T.CreateChecked(1e-4));
        network.InputGradient(input, target, output.Length >= input.Length ? output : new T[input.Length]);
    }

    var gradient = new T[parameters.Length];
    network.Backward(input, target, gradient);
    network.GetParameters(parameters);
    for (int i = 0; i < 50; i++)
    {
        network.ApplyGradient(new ReadOnlySpan<T>(gradient, 0, network.Parameters), T.CreateChecked(1e-9));
    }

    network.GetParameters(parameters);
}

