using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit.Sdk;
using static BackpropGen.Generator.Tests.Incremental.PipelineSteps;

namespace BackpropGen.Generator.Tests.Incremental;

/// <summary>
/// The driver runs twice, the second time after an edit; each step's reason says whether it recomputed anything.
/// New/Modified: the step ran and produced something new. Unchanged: it ran, but its output equals the last one, so
/// the steps after it are Cached. Cached: it did not run.
/// </summary>
public class IncrementalCachingTests
{
    private static readonly string[] AllNetworks = { "A", "B", "C" };

    [Fact]
    public void First_run_generates_every_network_and_all_steps_are_new()
    {
        IncrementalScenario scenario = Networks.Start();

        Assert.Empty(scenario.First.GeneratorDiagnostics);
        Assert.Equal(new[] { "Nets.A.g.cs", "Nets.B.g.cs", "Nets.C.g.cs" }, scenario.First.GeneratedSources.Keys.Order());
        Assert.All(All(scenario.First), o => Assert.Equal(IncrementalStepRunReason.New, o.Reason));
        foreach (string step in new[] { TrackingNames.Requests, TrackingNames.Parsed, TrackingNames.Models, TrackingNames.GeneratedFiles })
        {
            Assert.Equal(AllNetworks, Outputs(scenario.First, step).Select(o => o.Network).Order());
        }
    }

    [Fact]
    public void Running_again_on_the_same_compilation_caches_every_step()
    {
        IncrementalScenario scenario = Networks.Start();

        GeneratorRun second = scenario.RunAgain();

        Assert.All(All(second), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Adding_an_unrelated_CSharp_file_recomputes_nothing()
    {
        IncrementalScenario scenario = Networks.Start();

        GeneratorRun second = scenario.AddSource("Other/More.cs", "namespace Other; internal sealed class More { public string Name => \"more\"; }");

        AssertNothingRecomputed(second);
        AssertSameSources(scenario.First, second);
    }

    [Fact]
    public void Adding_a_comment_to_a_file_without_networks_recomputes_nothing()
    {
        IncrementalScenario scenario = Networks.Start();

        GeneratorRun second = scenario.EditSource(Networks.OtherPath, s => "// Helpers for nobody in particular.\n" + s);

        AssertNothingRecomputed(second);
        AssertSameSources(scenario.First, second);
    }

    [Fact]
    public void Editing_a_method_body_in_a_network_class_recomputes_nothing()
    {
        IncrementalScenario scenario = Networks.Start();

        GeneratorRun second = scenario.EditSource(Networks.APath, s => s.Replace("=> 41;", "=> 6 * 7;", StringComparison.Ordinal));

        AssertNothingRecomputed(second);
        AssertSameSources(scenario.First, second);
    }

    [Fact]
    public void Moving_a_network_attribute_down_a_line_stops_at_the_request()
    {
        // The request keeps the path argument's position (for "file not found" at the right place), so it is
        // Modified; the parsed network holds no position when there is no diagnostic, so everything after is reused.
        IncrementalScenario scenario = Networks.Start();

        GeneratorRun second = scenario.EditSource(Networks.APath, s => s.Replace("namespace Nets;", "namespace Nets;\n\n// A comment above A.", StringComparison.Ordinal));

        Assert.Equal(IncrementalStepRunReason.Modified, Reason(second, TrackingNames.Requests, "A"));
        Assert.Equal(IncrementalStepRunReason.Unchanged, Reason(second, TrackingNames.Parsed, "A"));
        AssertCachedOrUnchanged(All(second).Where(o => o.Step != TrackingNames.Requests), "after moving A's attribute");
        AssertSameSources(scenario.First, second);
    }

    [Fact]
    public void Editing_an_AdditionalFile_no_network_uses_reparses_no_description()
    {
        // Any AdditionalFiles edit (a .resx, a config, notes) must not re-read every network's JSON: a file no network
        // asks for never reaches the per-file DescriptionFiles step, so the collected files compare equal.
        IncrementalScenario scenario = Networks.Start();

        GeneratorRun second = scenario.EditFile(Networks.NotesPath, "Still nothing to see here.");

        Assert.All(Outputs(second, TrackingNames.Parsed), o => Assert.True(o.Reason == IncrementalStepRunReason.Cached, $"{o}: the network was resolved again (its JSON re-parsed) although neither its file nor its attribute changed"));
        AssertCachedOrUnchanged(All(second).Where(o => o.Step != TrackingNames.AdditionalFiles), "after editing a file no network uses");
        AssertSameSources(scenario.First, second);
    }

    [Fact]
    public void Editing_a_network_json_regenerates_only_that_network()
    {
        IncrementalScenario scenario = Networks.Start();

        GeneratorRun second = scenario.EditFile(Networks.AJsonPath, Networks.AJsonWider);

        Assert.Equal(IncrementalStepRunReason.Modified, Reason(second, TrackingNames.Parsed, "A"));
        Assert.Equal(IncrementalStepRunReason.Modified, Reason(second, TrackingNames.Models, "A"));
        Assert.Equal(IncrementalStepRunReason.Modified, Reason(second, TrackingNames.GeneratedFiles, "A"));

        // A's diagnostics are still none: the model changed, but nothing is reported again.
        Assert.True(IsCachedOrUnchanged(Reason(second, TrackingNames.Diagnostics, "A")));

        // The other networks, JSON (C) and attributes (B), are reused from the parsed step on.
        AssertCachedOrUnchanged(All(second).Where(o => o.Network is "B" or "C"), "for the networks whose JSON did not change");
        Assert.All(Outputs(second, TrackingNames.Models).Concat(Outputs(second, TrackingNames.GeneratedFiles)).Where(o => o.Network != "A"),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));

        AssertOnlyOutputsOf(second, "A");
        Assert.All(Outputs(second, SourceOutput).Where(o => !IsCachedOrUnchanged(o.Reason)), o => Assert.Equal(TrackingNames.GeneratedFiles, o.From));
        AssertSameSources(scenario.First, second, except: "Nets.A.g.cs");
        Assert.Contains("h3", second.GeneratedSources["Nets.A.g.cs"]);
        Assert.DoesNotContain("h3", scenario.First.GeneratedSources["Nets.A.g.cs"]);
    }

    [Fact]
    public void Editing_a_network_json_reparses_only_that_file()
    {
        // The per-file parsing step (TrackingNames.DescriptionFiles): only the edited file is parsed again; a file no
        // network asks for is never parsed. A pipeline without that step fails with "No tracked step named 'DescriptionFiles'".
        const string descriptionFiles = "DescriptionFiles";
        IncrementalScenario scenario = Networks.Start();

        GeneratorRun second = scenario.EditFile(Networks.AJsonPath, Networks.AJsonWider);

        Dictionary<string, IncrementalStepRunReason> byPath = Outputs(second, descriptionFiles)
            .ToDictionary(o => (string)o.Value!.GetType().GetProperty("Path")!.GetValue(o.Value)!, o => o.Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, byPath[Networks.AJsonPath]);
        Assert.Equal(IncrementalStepRunReason.Cached, byPath[Networks.CJsonPath]);
        Assert.DoesNotContain(Networks.NotesPath, byPath.Keys); // a file no network asks for is never parsed
    }

    [Fact]
    public void Reformatting_a_network_json_reuses_its_model_and_generated_file()
    {
        // The description is equal, and a valid description carries no position, so the parsed network is equal:
        // Unchanged (recomputed from the new text, found equal), or Cached if an earlier per-file step already found
        // the file's parse equal. Either way models, code and diagnostics are Cached, and no source is produced again.
        IncrementalScenario scenario = Networks.Start();

        GeneratorRun second = scenario.EditFile(Networks.AJsonPath, Networks.AJsonReformatted);

        Assert.True(IsCachedOrUnchanged(Reason(second, TrackingNames.Parsed, "A")), "A's parsed network should equal the last one");
        foreach (string step in new[] { TrackingNames.Diagnostics, TrackingNames.Models, TrackingNames.GeneratedFiles })
        {
            Assert.Equal(IncrementalStepRunReason.Cached, Reason(second, step, "A"));
        }

        AssertCachedOrUnchanged(All(second).Where(o => o.Step != TrackingNames.AdditionalFiles), "after reformatting a.json");
        AssertSameSources(scenario.First, second);
    }

    [Fact]
    public void Reformatting_a_broken_json_reports_again_at_the_new_place_but_generates_nothing_new()
    {
        // Diagnostics keep their positions (file + span), so a moved error is Modified and reported again;
        // the code side never sees positions, so no source is produced again.
        const string broken = """{ "inputs": 2, "layers": [ { "size": 1, "activation": "logistik" } ] }""";
        IncrementalScenario scenario = IncrementalScenario.Start(
            new[] { (Networks.BPath, Networks.B), ("Nets/D.cs", "namespace Nets; [BackpropGen.Network(\"nets/d.json\")] public partial class D { }") },
            new[] { ("/project/nets/d.json", broken) });
        Diagnostic before = Assert.Single(scenario.First.GeneratorDiagnostics);

        GeneratorRun second = scenario.EditFile("/project/nets/d.json", "\n\n" + broken);

        Diagnostic after = Assert.Single(second.GeneratorDiagnostics);
        Assert.Equal(before.Id, after.Id);
        Assert.Equal(before.Location.GetLineSpan().StartLinePosition.Line + 2, after.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal(IncrementalStepRunReason.Modified, Reason(second, TrackingNames.Parsed, "D"));
        Assert.Equal(IncrementalStepRunReason.Modified, Reason(second, TrackingNames.Diagnostics, "D"));
        AssertCachedOrUnchanged(All(second).Where(o => o.Network == "B"), "for B");
        List<StepOutput> rerun = Outputs(second, SourceOutput).Where(o => !IsCachedOrUnchanged(o.Reason)).ToList();
        StepOutput reported = Assert.Single(rerun);
        Assert.Equal(("D", TrackingNames.Diagnostics), (reported.Network, reported.From));
        AssertSameSources(scenario.First, second);
    }

    [Fact]
    public void Editing_an_attribute_argument_regenerates_only_that_network()
    {
        IncrementalScenario scenario = Networks.Start();

        GeneratorRun second = scenario.EditSource(Networks.BPath, s => s.Replace("Layer(2, BackpropGen.Activation.Tanh)", "Layer(4, BackpropGen.Activation.Tanh)", StringComparison.Ordinal));

        foreach (string step in new[] { TrackingNames.Requests, TrackingNames.Parsed, TrackingNames.Models, TrackingNames.GeneratedFiles })
        {
            Assert.Equal(IncrementalStepRunReason.Modified, Reason(second, step, "B"));
        }

        AssertCachedOrUnchanged(All(second).Where(o => o.Network is "A" or "C"), "for the networks whose attributes did not change");
        Assert.All(Outputs(second, TrackingNames.Parsed).Where(o => o.Network != "B"), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        AssertOnlyOutputsOf(second, "B");
        AssertSameSources(scenario.First, second, except: "Nets.B.g.cs");
        Assert.Contains("h4", second.GeneratedSources["Nets.B.g.cs"]);
    }

    // The assertions above must be able to fail: they do on a run where something really changed.

    [Fact]
    public void Nothing_recomputed_assertion_fails_after_a_real_json_edit()
    {
        IncrementalScenario scenario = Networks.Start();
        GeneratorRun second = scenario.EditFile(Networks.AJsonPath, Networks.AJsonWider);

        var failure = Assert.ThrowsAny<XunitException>(() => AssertNothingRecomputed(second));

        Assert.Contains("Parsed[A] Modified", failure.Message);
        Assert.Contains("GeneratedFiles[A] Modified", failure.Message);
        Assert.DoesNotContain("Parsed[B] Modified", failure.Message);
    }

    [Fact]
    public void Only_outputs_of_assertion_fails_for_the_wrong_network_and_for_no_change()
    {
        IncrementalScenario scenario = Networks.Start();

        GeneratorRun edited = scenario.EditFile(Networks.AJsonPath, Networks.AJsonWider);
        Assert.ThrowsAny<XunitException>(() => AssertOnlyOutputsOf(edited, "B"));

        GeneratorRun unchanged = scenario.RunAgain();
        Assert.ThrowsAny<XunitException>(() => AssertOnlyOutputsOf(unchanged, "A"));
    }

    [Fact]
    public void Every_tracked_step_is_found_and_a_missing_one_fails()
    {
        IncrementalScenario scenario = Networks.StartWithEveryKind();

        Assert.Subset(Names.ToHashSet(), new HashSet<string> { "Requests", "AdditionalFiles", "Parsed", "Diagnostics", "Models", "GeneratedFiles" });
        Assert.All(Names, name => Assert.NotEmpty(Outputs(scenario.First, name)));
        Assert.ThrowsAny<XunitException>(() => Outputs(scenario.First, "NoSuchStep"));
    }

    private static void AssertSameSources(GeneratorRun first, GeneratorRun second, string? except = null)
    {
        Assert.Equal(first.GeneratedSources.Keys.Order(), second.GeneratedSources.Keys.Order());
        foreach ((string hint, string source) in first.GeneratedSources.Where(s => s.Key != except))
        {
            Assert.True(source == second.GeneratedSources[hint], $"{hint} changed");
        }

        if (except is not null)
        {
            Assert.NotEqual(first.GeneratedSources[except], second.GeneratedSources[except]);
        }
    }
}
