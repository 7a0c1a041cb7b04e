using System;
using System.Globalization;
using System.Linq;
using AngleSharp.Dom;
using Bunit;
using BackpropGen.Playground.Components;
using BackpropGen.Playground.Engine;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace BackpropGen.Playground.Tests;

/// <summary>The editor-to-output flow of the page, with the real generator, Roslyn and the generated code, rendered by bUnit.</summary>
public sealed class PlaygroundComponentTests : BunitContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);

    public PlaygroundComponentTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private IRenderedComponent<Components.Playground> RenderPage(string? fragment = null)
    {
        if (fragment is not null)
        {
            Services.GetRequiredService<NavigationManager>().NavigateTo("http://localhost/" + fragment);
        }

        var cut = Render<Components.Playground>(p => p.Add(c => c.DebounceMilliseconds, 0));
        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find(".status").GetAttribute("data-busy")), Wait);
        return cut;
    }

    /// <summary>Opens a tab; the walk-through, diagram and train tabs compile and run the generated code when opened: wait for it.</summary>
    private static void Tab(IRenderedComponent<Components.Playground> cut, string tab)
    {
        On(cut, $"[data-tab={tab}]", e => e.Click());
        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find(".status").GetAttribute("data-busy")), Wait);
    }

    // Find and fire on the renderer's context, so no render slips in between (bUnit's advice for pages that re-render on their own).
    private static void On(IRenderedComponent<Components.Playground> cut, string selector, Action<IElement> fire) =>
        cut.InvokeAsync(() => fire(cut.Find(selector))).GetAwaiter().GetResult();

    [Fact]
    public void Default_preset_shows_the_generated_code_of_the_worked_example()
    {
        var cut = RenderPage();
        string code = cut.Find(".code.generated").TextContent;
        Assert.Contains("delta_o1", code);
        Assert.Contains("dE_dw5", code);
        Assert.Contains("c-keyword", cut.Find(".code.generated").InnerHtml);
        Assert.Equal(Presets.WorkedExample.Json, cut.Find(".editor-input").GetAttribute("value"));
    }

    [Fact]
    public void Editing_the_json_updates_the_generated_code()
    {
        var cut = RenderPage();
        Assert.DoesNotContain("out_h3", cut.Find(".code.generated").TextContent);
        string threeHidden = Presets.WorkedExample.Json
            .Replace("{ \"size\": 2, \"activation\": \"logistic\", \"bias\": \"shared\" },", "{ \"size\": 3, \"activation\": \"logistic\", \"bias\": \"shared\" },", StringComparison.Ordinal);
        threeHidden = threeHidden.Substring(0, threeHidden.IndexOf("  \"initial\"", StringComparison.Ordinal)).TrimEnd().TrimEnd(',') + "\n}\n";
        On(cut, ".editor-input", e => e.Input(threeHidden));
        cut.WaitForAssertion(() => Assert.Contains("out_h3", cut.Find(".code.generated").TextContent), Wait);
        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find(".status").GetAttribute("data-busy")), Wait);
        Tab(cut, "diagram");
        Assert.Contains("h3", cut.Find(".diagram svg").OuterHtml);
    }

    [Fact]
    public void A_misspelt_activation_shows_its_BPG_error_at_its_line_and_column()
    {
        var cut = RenderPage();
        string json = Presets.WorkedExample.Json;
        int index = json.IndexOf("\"logistic\"", StringComparison.Ordinal);
        int line = json.Substring(0, index).Count(c => c == '\n') + 1;
        int column = index - json.LastIndexOf('\n', index - 1);
        On(cut, ".editor-input", e => e.Input(json.Substring(0, index) + "\"logistik\"" + json.Substring(index + 10)));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".ln-error")), Wait);
        Assert.Equal(line.ToString(CultureInfo.InvariantCulture), cut.Find(".ln-error").TextContent);
        IElement squiggle = cut.Find(".squiggle-error");
        Assert.Contains("logistik", squiggle.TextContent);
        Assert.StartsWith("BPG", squiggle.GetAttribute("title"));
        Tab(cut, "diagnostics");
        string diagnostics = cut.Find(".diagnostics").TextContent;
        Assert.Matches($"BPG\\d{{3}} error \\(line {line}, column {column}\\)", diagnostics);
        Assert.Contains("logistik", diagnostics);
    }

    [Fact]
    public void The_walkthrough_is_the_generated_codes_own_and_shows_the_total_error()
    {
        var cut = RenderPage();
        Tab(cut, "walkthrough");
        string text = cut.Find(".walkthrough").TextContent;
        Assert.Contains("0.298371109", text);

        // Another learning rate: the updated weights change, E_total does not.
        On(cut, ".wt-rate", e => e.Change("0.25"));
        cut.WaitForAssertion(() => Assert.Contains("0.25", cut.Find(".walkthrough").TextContent), Wait);
        Assert.Contains("0.298371109", cut.Find(".walkthrough").TextContent);
        Assert.NotEqual(text, cut.Find(".walkthrough").TextContent);
    }

    [Fact]
    public void Training_lowers_the_loss_and_shows_the_parameters_before_and_after()
    {
        var cut = RenderPage();
        Tab(cut, "train");
        On(cut, ".train-steps", e => e.Change("200"));
        On(cut, "button.train", e => e.Click());
        cut.WaitForAssertion(() => Assert.Contains("Trained 200 steps", cut.Find(".train-message").TextContent), Wait);
        double first = double.Parse(cut.Find(".loss-first").TextContent, CultureInfo.InvariantCulture);
        double last = double.Parse(cut.Find(".loss-last").TextContent, CultureInfo.InvariantCulture);
        Assert.Equal(0.298371109, first, 9);
        Assert.True(last < first / 2, $"{first} -> {last}");
        var rows = cut.FindAll(".parameters tr");
        Assert.Equal(11, rows.Count);
        Assert.Contains("w5", rows[5].TextContent);
        Assert.Contains("polyline", cut.Find(".loss-chart").OuterHtml);
    }

    [Fact]
    public void Training_with_another_optimizer_builds_that_network_and_lowers_the_loss()
    {
        var cut = RenderPage();
        Tab(cut, "train");
        On(cut, ".train-steps", e => e.Change("100"));
        On(cut, ".train-rate", e => e.Change("0.05"));
        On(cut, ".train-optimizer", e => e.Change("adam"));
        On(cut, "button.train", e => e.Click());
        cut.WaitForAssertion(() => Assert.Contains("Trained 100 steps", cut.Find(".train-message").TextContent), Wait);
        Assert.Contains("adam", cut.Find(".train-message").TextContent);
        Assert.True(double.Parse(cut.Find(".loss-last").TextContent, CultureInfo.InvariantCulture) < 0.298371109);
    }

    [Fact]
    public void The_url_carries_the_description_and_a_link_reproduces_the_page()
    {
        var cut = RenderPage();
        string edited = Presets.WorkedExample.Json.Replace("0.15", "0.125", StringComparison.Ordinal);
        On(cut, ".editor-input", e => e.Input(edited));
        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find(".status").GetAttribute("data-busy")), Wait);

        // The page wrote the state into the fragment; opening that link gives the same description and code.
        string hash = JSInterop.Invocations.Where(i => i.Identifier == "playground.setHash").Select(i => (string)i.Arguments[0]!).Last();
        ShareState state = ShareLink.Decode("http://localhost/" + hash)!;
        Assert.Equal(edited, state.Description);
        Assert.Equal("worked", state.Preset);
        string code = cut.Find(".code.generated").TextContent;
        Assert.Contains("0.125", code);

        using var other = new BunitContext();
        other.JSInterop.Mode = JSRuntimeMode.Loose;
        other.Services.GetRequiredService<NavigationManager>().NavigateTo("http://localhost/" + hash);
        var reopened = other.Render<Components.Playground>();
        reopened.WaitForAssertion(() => Assert.Equal("false", reopened.Find(".status").GetAttribute("data-busy")), Wait);
        Assert.Equal(edited, reopened.Find(".editor-input").GetAttribute("value"));
        Assert.Equal(code, reopened.Find(".code.generated").TextContent);
    }

    [Fact]
    public void Presets_generate_without_errors()
    {
        var cut = RenderPage();
        foreach (Preset preset in Presets.All.Where(p => p.Key != "mnist"))
        {
            On(cut, "select.preset", e => e.Change(preset.Key));
            cut.WaitForAssertion(() => Assert.Equal("false", cut.Find(".status").GetAttribute("data-busy")), Wait);
            Assert.Contains("0 error(s)", cut.Find(".status").TextContent);
            Tab(cut, "walkthrough");
            Assert.Contains("Compiled", cut.Find(".status").TextContent);
            Assert.NotEmpty(cut.FindAll(".walkthrough"));
            Tab(cut, "code");
        }
    }
}
