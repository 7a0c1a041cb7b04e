using System;
using System.Linq;
using BackpropGen.Playground.Engine;
using Xunit;

namespace BackpropGen.Playground.Tests;

/// <summary>The engine under the page: share links, the attribute view proved through the generator, the big preset.</summary>
public sealed class EngineTests
{
    [Fact]
    public void Share_links_round_trip_every_character()
    {
        var state = new ShareState("xor", "{ \"inputs\": 2, // ü & # = ?\n \"layers\": [] }", "1, 0", "1", "0.5");
        string hash = ShareLink.Encode(state);
        Assert.StartsWith("#p=xor&d=", hash);
        Assert.DoesNotContain(" ", hash);
        Assert.Equal(state, ShareLink.Decode("https://example.org/playground/" + hash));
        Assert.Null(ShareLink.Decode("https://example.org/playground/"));
        Assert.Null(ShareLink.Decode("https://example.org/#d=not*base64"));
    }

    /// <summary>The attribute view is not decoration: compiled through the generator it gives the same network as the JSON.</summary>
    [Theory]
    [InlineData("worked")]
    [InlineData("xor")]
    [InlineData("iris")]
    public void The_attribute_view_generates_the_same_network_as_the_json(string key)
    {
        Preset preset = Presets.Find(key)!;
        GenerationResult fromJson = new GeneratorRunner().Generate(preset.Json);
        string attributes = AttributeView.Render(preset.Json);
        string host = attributes.Replace("using BackpropGen;\n", "using BackpropGen;\nnamespace " + GeneratorRunner.Namespace + ";\n", StringComparison.Ordinal);
        GenerationResult fromAttributes = GeneratorRunner.ForSource(host).GenerateFromAttributes();
        Assert.Empty(fromJson.Diagnostics);
        Assert.Empty(fromAttributes.Diagnostics);

        CompiledNetwork a = NetworkCompiler.Compile(fromJson).Network!;
        CompiledNetwork b = NetworkCompiler.Compile(fromAttributes).Network!;
        object netA = a.Create(), netB = b.Create();
        Assert.Equal(a.GetParameters(netA), b.GetParameters(netB));
        Assert.True(NumberList.TryParse(preset.Input, out double[] input));
        Assert.True(NumberList.TryParse(preset.Target, out double[] target));
        Assert.Equal(a.TrainStep(netA, input, target, 0.1), b.TrainStep(netB, input, target, 0.1));
        Assert.Equal(a.GetParameters(netA), b.GetParameters(netB));

        // The Forward method is the same text (the files differ only where they name their source).
        Assert.Equal(Method(fromJson, "Forward"), Method(fromAttributes, "Forward"));
    }

    [Fact]
    public void The_784_128_10_preset_generates_the_loops_layout_and_trains()
    {
        GenerationResult generation = new GeneratorRunner().Generate(Presets.Mnist.Json);
        Assert.Empty(generation.Diagnostics);
        Assert.Contains("Dot(", generation.Source);
        CompiledNetwork network = NetworkCompiler.Compile(generation).Network!;
        Assert.Equal(784 * 128 + 128 * 10 + 128 + 10, network.ParameterCount);
        Assert.True(NumberList.TryParseRows(Presets.Mnist.TrainingRows(), 784, 10, out var rows, out _));
        object net = network.Create();
        double before = rows.Average(r => network.Loss(net, r.Input, r.Target));
        for (int i = 0; i < 30; i++)
        {
            network.TrainStep(net, rows[i % rows.Count].Input, rows[i % rows.Count].Target, 0.01);
        }

        Assert.True(rows.Average(r => network.Loss(net, r.Input, r.Target)) < before);
    }

    /// <summary>The colouring never changes the text: the HTML, tags stripped and decoded, is the generated source.</summary>
    [Fact]
    public void Colouring_keeps_the_generated_source_exactly_and_marks_its_tokens()
    {
        foreach (Preset preset in Presets.All.Where(p => p.Key != "mnist"))
        {
            GenerationResult generation = new GeneratorRunner().Generate(preset.Json);
            string html = CSharpColorizer.ToHtml(generation.Source);
            string text = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]*>", ""));
            Assert.Equal(generation.Source, text);
            Assert.Contains("<span class=\"c-keyword\">public</span>", html);
            Assert.Contains("<span class=\"c-comment\">// &lt;auto-generated/&gt;</span>", html);
            Assert.Contains("<span class=\"c-directive\">#nullable enable</span>", html);
            Assert.Matches("<span class=\"c-number\">\\d", html);
        }

        Assert.Equal("<span class=\"c-string\">&quot;a\\&quot;&lt;b&quot;</span> <span class=\"c-number\">1.5e-3</span>", CSharpColorizer.ToHtml("\"a\\\"<b\" 1.5e-3"));
    }

    private static string Method(GenerationResult generation, string name) =>
        string.Join("\n", generation.Trees.SelectMany(t => t.GetRoot().DescendantNodes())
            .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().Where(m => m.Identifier.ValueText == name).Select(m => m.ToFullString()));
}
