using System.Reflection;
using System.Runtime.CompilerServices;
using BackpropGen.Generator.Model;
using BackpropGen.Generator.Parsing;
using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace BackpropGen.Generator.Tests.Incremental;

/// <summary>
/// One output of one pipeline step in one run, with the network it belongs to (when it belongs to one) and the name of
/// the step it was computed from (for a source output: Diagnostics or GeneratedFiles; null when that step has no name).
/// </summary>
internal sealed record StepOutput(string Step, string? Network, IncrementalStepRunReason Reason, object? Value, string? From)
{
    public override string ToString() => $"{Step}[{Network ?? "-"}] {Reason}" + (Step == PipelineSteps.SourceOutput ? $" (from {From ?? "an unnamed step"})" : "");
}

/// <summary>Reads the tracked steps of a run and asserts their reasons.</summary>
internal static class PipelineSteps
{
    /// <summary>Roslyn's name for the steps of RegisterSourceOutput (WellKnownGeneratorOutputs.SourceOutput).</summary>
    public const string SourceOutput = "SourceOutput";

    /// <summary>
    /// Every constant of <see cref="TrackingNames"/>, read by reflection so that a step added later is checked too.
    /// </summary>
    public static readonly IReadOnlyList<string> Names = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    /// <summary>The outputs of one step; fails if the run has no step of that name (a renamed step must not pass silently).</summary>
    public static IReadOnlyList<StepOutput> Outputs(GeneratorRun run, string step) => Outputs(run.Result, step, required: true);

    /// <param name="required">
    /// False to accept a missing step: Roslyn records a step only when it has inputs, so e.g. a step after
    /// <c>Where(description is null)</c> is absent from a run where every network is valid.
    /// </param>
    public static IReadOnlyList<StepOutput> Outputs(GeneratorDriverRunResult result, string step, bool required)
    {
        GeneratorRunResult generator = Assert.Single(result.Results);
        Assert.Null(generator.Exception);
        var steps = step == SourceOutput ? generator.TrackedOutputSteps : generator.TrackedSteps;
        if (!steps.TryGetValue(step, out var found))
        {
            return required
                ? throw new Xunit.Sdk.XunitException($"No tracked step named '{step}'. Tracked: {string.Join(", ", steps.Keys.Order())}")
                : Array.Empty<StepOutput>();
        }

        return found
            .SelectMany(s => s.Outputs.Select((o, i) => new StepOutput(step, Owner(s, i), o.Reason, o.Value, s.Inputs.IsDefaultOrEmpty ? null : s.Inputs[0].Source.Name)))
            .ToList();
    }

    /// <summary>
    /// The outputs of every step named in <see cref="TrackingNames"/> that ran (see <see cref="Outputs(GeneratorDriverRunResult, string, bool)"/>),
    /// then of the source outputs. That each known step exists is checked once, on a project with every kind of network.
    /// </summary>
    public static IReadOnlyList<StepOutput> All(GeneratorRun run) =>
        Names.SelectMany(name => Outputs(run.Result, name, required: false)).Concat(Outputs(run, SourceOutput)).ToList();

    /// <summary>The reason of the single output that <paramref name="step"/> produced for <paramref name="network"/>.</summary>
    public static IncrementalStepRunReason Reason(GeneratorRun run, string step, string network)
    {
        List<StepOutput> mine = Outputs(run, step).Where(o => o.Network == network).ToList();
        Assert.True(mine.Count == 1, $"{step} has {mine.Count} outputs for {network}, expected 1. All outputs:\n{Describe(Outputs(run, step))}");
        return mine[0].Reason;
    }

    /// <summary>No tracked step of ours recomputed anything, and no source output ran again.</summary>
    public static void AssertNothingRecomputed(GeneratorRun run) => AssertCachedOrUnchanged(All(run), "after an edit that should change nothing");

    /// <summary>Every output of <paramref name="steps"/> is Cached or Unchanged.</summary>
    public static void AssertCachedOrUnchanged(IEnumerable<StepOutput> outputs, string when)
    {
        List<StepOutput> all = outputs.ToList();
        List<StepOutput> recomputed = all.Where(o => !IsCachedOrUnchanged(o.Reason)).ToList();
        Assert.True(recomputed.Count == 0, $"Expected every step Cached or Unchanged {when}, but these changed:\n{Describe(recomputed)}\nAll outputs:\n{Describe(all)}");
    }

    /// <summary>Every source output that ran again belongs to <paramref name="network"/>, and at least one did.</summary>
    public static void AssertOnlyOutputsOf(GeneratorRun run, string network)
    {
        IReadOnlyList<StepOutput> outputs = Outputs(run, SourceOutput);
        List<StepOutput> rerun = outputs.Where(o => !IsCachedOrUnchanged(o.Reason)).ToList();
        Assert.True(rerun.Count > 0, $"Expected {network}'s source output to run again. All outputs:\n{Describe(outputs)}");
        Assert.True(rerun.All(o => o.Network == network), $"Only {network}'s outputs should run again, but these did:\n{Describe(rerun)}");
    }

    public static bool IsCachedOrUnchanged(IncrementalStepRunReason reason) =>
        reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged;

    public static string Describe(IEnumerable<StepOutput> outputs) => string.Join("\n", outputs.Select(o => "  " + o));

    /// <summary>
    /// The network (class name) an output belongs to: found in the value itself, else in the inputs it was computed from
    /// (the Diagnostics step's value is just an array, a source output's value is Roslyn's (sources, diagnostics) pair).
    /// A Collect step's value (an ImmutableArray, which no model of ours may hold) belongs to no single network.
    /// </summary>
    private static string? Owner(IncrementalGeneratorRunStep step, int outputIndex)
    {
        object? value = step.Outputs[outputIndex].Value;
        if (value is not null && value.GetType().IsGenericType && value.GetType().GetGenericTypeDefinition() == typeof(System.Collections.Immutable.ImmutableArray<>))
        {
            return null;
        }

        if (NetworkIn(value) is string name)
        {
            return name;
        }

        foreach ((IncrementalGeneratorRunStep source, int index) in step.Inputs)
        {
            if (index < source.Outputs.Length && Owner(source, index) is string found)
            {
                return found;
            }
        }

        return null;
    }

    private static string? NetworkIn(object? value) => value switch
    {
        TargetClass target => target.Name,
        NetworkRequest request => request.Target.Name,
        ParsedNetwork network => network.Target.Name,
        ITuple tuple => Enumerable.Range(0, tuple.Length).Select(i => NetworkIn(tuple[i])).FirstOrDefault(n => n is not null),
        _ => null,
    };
}
