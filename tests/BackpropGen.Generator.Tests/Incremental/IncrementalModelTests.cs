using System.Collections.Immutable;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Diagnostics;
using BackpropGen.Generator.Model;
using BackpropGen.Generator.Parsing;
using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static BackpropGen.Generator.Tests.Incremental.PipelineSteps;

namespace BackpropGen.Generator.Tests.Incremental;

/// <summary>
/// What the pipeline caches: plain values with value equality, never compiler objects.
/// <para>
/// Each wanted AdditionalFiles item is parsed in its own step (DescriptionFiles) into a <c>DescriptionFile</c> record, and
/// the AdditionalFiles step collects those records into an <c>EquatableArray</c>, so no step holds an AdditionalText or a
/// SourceText. The walker still tolerates a collected <c>ImmutableArray&lt;AdditionalText&gt;</c> in the AdditionalFiles
/// step (<c>allowAdditionalTexts</c>), left from when that step collected the raw texts; today's pipeline does not use
/// that allowance.
/// </para>
/// </summary>
public class IncrementalModelTests
{
    [Fact]
    public void Pipeline_caches_no_compiler_objects()
    {
        IncrementalScenario scenario = Networks.StartWithEveryKind();
        Assert.NotEmpty(scenario.First.GeneratorDiagnostics); // the walk must meet diagnostics and their locations too
        scenario.EditFile(Networks.AJsonPath, Networks.AJsonWider);
        GeneratorRun last = scenario.EditSource(Networks.BPath, s => s.Replace("Layer(2,", "Layer(3,", StringComparison.Ordinal));

        var problems = new List<string>();
        var seen = new HashSet<Type>();
        foreach ((string label, GeneratorRun run) in new[] { ("first run", scenario.First), ("last run", last) })
        {
            foreach (string step in Names)
            {
                foreach ((StepOutput output, int i) in Outputs(run.Result, step, required: run == scenario.First).Select((o, i) => (o, i)))
                {
                    // Only the AdditionalFiles step would be allowed a collected ImmutableArray<AdditionalText> (it holds parsed records today).
                    bool additionalFiles = step == TrackingNames.AdditionalFiles;
                    PipelineValueWalker walk = PipelineValueWalker.Walk(output.Value, $"{label}: {step}[{i}]", allowAdditionalTexts: additionalFiles);
                    problems.AddRange(walk.Problems);
                    seen.UnionWith(walk.SeenTypes);
                }
            }
        }

        Assert.True(problems.Count == 0, "The pipeline caches objects it must not:\n" + string.Join("\n", problems));

        // The walk really went through the models, down to the EquatableArray elements and the diagnostics' positions.
        Type[] expected =
        {
            typeof(NetworkRequest), typeof(ParsedNetwork), typeof(TargetClass), typeof(ContainingType), typeof(NetworkDescription),
            typeof(LayerDescription), typeof(EquatableArray<double>), typeof(DiagnosticInfo), typeof(LocationInfo), typeof(GeneratedFile),
        };
        Assert.All(expected, type => Assert.Contains(type, seen));
    }

    public static TheoryData<string, object> PlantedObjects()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(new[] { "namespace P; public class Q { }" });
        SyntaxTree tree = compilation.SyntaxTrees[0];
        return new TheoryData<string, object>
        {
            { "ISymbol", new Holder((1, new EquatableArray<Holder>(new[] { new Holder(compilation.GetTypeByMetadataName("P.Q")!) }))) },
            { "Compilation", ("x", new Holder(compilation)) },
            { "SemanticModel", new Holder(new Holder(compilation.GetSemanticModel(tree))) },
            { "SyntaxNode", new EquatableArray<Holder>(new[] { new Holder("ok"), new Holder(tree.GetRoot()) }) },
            { "SyntaxTree", new Holder(ImmutableArray.Create<object>(1, tree)) },
            { "Location", new Holder(("a", ("b", tree.GetRoot().GetLocation()))) },
            { "AdditionalText", new Holder(new InMemoryAdditionalText("/p/a.json", "{}")) },
            { "compared by reference", new Holder(new[] { 1.0, 2.0 }) },
        };
    }

    [Theory]
    [MemberData(nameof(PlantedObjects))]
    public void Walker_finds_objects_hidden_in_records_tuples_and_arrays(string kind, object planted)
    {
        PipelineValueWalker walk = PipelineValueWalker.Walk(planted, "planted");

        Assert.Contains(walk.Problems, p => p.Contains(kind, StringComparison.Ordinal));
    }

    [Fact]
    public void Walker_allows_additional_texts_only_when_told()
    {
        ImmutableArray<AdditionalText> texts = ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("/p/a.json", "{}"));

        Assert.Empty(PipelineValueWalker.Walk(texts, "files", allowAdditionalTexts: true).Problems);
        Assert.NotEmpty(PipelineValueWalker.Walk(texts, "files").Problems);
        Assert.NotEmpty(PipelineValueWalker.Walk(new Holder(ImmutableArray.Create(1, 2)), "ints", allowAdditionalTexts: true).Problems);
    }

    [Fact]
    public void Equal_inputs_give_equal_parsed_networks_models_and_files()
    {
        // Two drivers, two compilations, two sets of AdditionalText objects: nothing shared but the text.
        Dictionary<string, StepOutput>[] parsed = new Dictionary<string, StepOutput>[2];
        Dictionary<string, StepOutput>[] models = new Dictionary<string, StepOutput>[2];
        Dictionary<string, StepOutput>[] files = new Dictionary<string, StepOutput>[2];
        for (int i = 0; i < 2; i++)
        {
            GeneratorRun run = Networks.StartWithEveryKind().First;
            parsed[i] = Outputs(run, TrackingNames.Parsed).ToDictionary(o => o.Network!);
            models[i] = Outputs(run, TrackingNames.Models).ToDictionary(o => o.Network!);
            files[i] = Outputs(run, TrackingNames.GeneratedFiles).ToDictionary(o => o.Network!);
        }

        Assert.Equal(new[] { "A", "B", "Broken", "C", "Inner", "Missing", "NotPartial" }, parsed[0].Keys.Order());
        Assert.Equal(parsed[0].Keys.Order(), parsed[1].Keys.Order());
        foreach (string network in parsed[0].Keys)
        {
            var first = (ParsedNetwork)parsed[0][network].Value!;
            var second = (ParsedNetwork)parsed[1][network].Value!;
            Assert.NotSame(first, second);
            Assert.Equal(first, second);
            Assert.Equal(first.GetHashCode(), second.GetHashCode());

            // Field by field as well, so a failure says which part lost its value equality.
            Assert.Equal(first.Target, second.Target);
            Assert.Equal(first.Target.ContainingTypes, second.Target.ContainingTypes);
            Assert.Equal(first.Description, second.Description);
            Assert.Equal(first.Description?.Layers, second.Description?.Layers);
            Assert.Equal(first.Description?.InitialWeights, second.Description?.InitialWeights);
            Assert.Equal(first.Description?.InitialBiases, second.Description?.InitialBiases);
            Assert.Equal(first.Diagnostics, second.Diagnostics);
        }

        // The cases the comparison must cover are really there.
        Assert.NotNull(((ParsedNetwork)parsed[0]["C"].Value!).Description!.InitialWeights);
        Assert.NotNull(((ParsedNetwork)parsed[0]["Inner"].Value!).Description!.InitialBiases);
        Assert.NotEmpty(((ParsedNetwork)parsed[0]["Inner"].Value!).Target.ContainingTypes);
        Assert.NotEmpty(((ParsedNetwork)parsed[0]["Broken"].Value!).Diagnostics);
        Assert.NotNull(((ParsedNetwork)parsed[0]["Broken"].Value!).Diagnostics[0].Location);

        foreach (Dictionary<string, StepOutput>[] step in new[] { models, files })
        {
            Assert.Equal(step[0].Keys.Order(), step[1].Keys.Order());
            Assert.All(step[0].Keys, network => Assert.Equal(step[0][network].Value, step[1][network].Value));
        }
    }

    [Fact]
    public void Different_inputs_give_different_parsed_networks()
    {
        // The equality above must be able to fail: one changed initial weight makes C's network differ.
        ParsedNetwork before = ParsedC(Networks.CJson);
        ParsedNetwork after = ParsedC(Networks.CJson.Replace("-0.25", "-0.375", StringComparison.Ordinal));

        Assert.NotEqual(before, after);
        Assert.Equal(before.Target, after.Target);
        Assert.Equal(before.Description!.Layers, after.Description!.Layers);
        Assert.NotEqual(before.Description.InitialWeights, after.Description.InitialWeights);
    }

    [Fact]
    public void EquatableArray_compares_elements_not_instances()
    {
        var a = new EquatableArray<double>(new[] { 0.5, -0.25 });
        var b = new EquatableArray<double>(new List<double> { 0.5, -0.25 });

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new EquatableArray<double>(new[] { 0.5, -0.375 }));
        Assert.Equal(EquatableArray<double>.Empty, default);
        Assert.Equal(EquatableArray<double>.Empty.GetHashCode(), default(EquatableArray<double>).GetHashCode());
    }

    private static ParsedNetwork ParsedC(string json)
    {
        GeneratorRun run = IncrementalScenario.Start(new[] { (Networks.CPath, Networks.C) }, new[] { (Networks.CJsonPath, json) }).First;
        return (ParsedNetwork)Outputs(run, TrackingNames.Parsed).Single().Value!;
    }

    /// <summary>A record to hide things in, as a model would.</summary>
    private sealed record Holder(object Value);
}
