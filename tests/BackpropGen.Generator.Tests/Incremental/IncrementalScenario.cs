using System.Collections.Immutable;
using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace BackpropGen.Generator.Tests.Incremental;

/// <summary>
/// One generator driver kept across runs, the way the IDE keeps it: a first run, then edits to the
/// compilation or to AdditionalFiles, each followed by a run whose step reasons the tests inspect.
/// </summary>
internal sealed class IncrementalScenario
{
    private readonly Dictionary<string, AdditionalText> _files;
    private GeneratorDriver _driver;

    private IncrementalScenario(CSharpCompilation compilation, Dictionary<string, AdditionalText> files, GeneratorRun first)
    {
        Compilation = compilation;
        _files = files;
        _driver = first.Driver;
        First = first;
        Last = first;
    }

    public CSharpCompilation Compilation { get; private set; }

    /// <summary>The run every scenario starts with (all steps New).</summary>
    public GeneratorRun First { get; }

    public GeneratorRun Last { get; private set; }

    /// <param name="sources">C# files by path (the path is the syntax tree's file path).</param>
    /// <param name="files">AdditionalFiles by path.</param>
    public static IncrementalScenario Start(IEnumerable<(string Path, string Source)> sources, IEnumerable<(string Path, string Text)> files)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Array.Empty<string>())
            .AddSyntaxTrees(sources.Select(s => Parse(s.Path, s.Source)));
        var texts = files.ToDictionary(f => f.Path, f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text));
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(texts.Values.ToList()), compilation);
        return new IncrementalScenario(compilation, texts, first);
    }

    public static SyntaxTree Parse(string path, string source) =>
        CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: path);

    /// <summary>Replaces an AdditionalFiles item by a new object with the new text (what the IDE does on an edit) and runs again.</summary>
    public GeneratorRun EditFile(string path, string text)
    {
        var replacement = new InMemoryAdditionalText(path, text);
        _driver = _driver.ReplaceAdditionalText(_files[path], replacement);
        _files[path] = replacement;
        return RunAgain();
    }

    public GeneratorRun AddFile(string path, string text)
    {
        var added = new InMemoryAdditionalText(path, text);
        _driver = _driver.AddAdditionalTexts(ImmutableArray.Create<AdditionalText>(added));
        _files[path] = added;
        return RunAgain();
    }

    public GeneratorRun EditSource(string path, Func<string, string> edit)
    {
        SyntaxTree old = Compilation.SyntaxTrees.Single(t => t.FilePath == path);
        string source = old.GetText().ToString();
        string edited = edit(source);
        Assert.NotEqual(source, edited); // the edit must really change something, or the test proves nothing
        Compilation = Compilation.ReplaceSyntaxTree(old, Parse(path, edited));
        return RunAgain();
    }

    public GeneratorRun AddSource(string path, string source)
    {
        Compilation = Compilation.AddSyntaxTrees(Parse(path, source));
        return RunAgain();
    }

    /// <summary>Runs on the current compilation without any edit.</summary>
    public GeneratorRun RunAgain()
    {
        Last = GeneratorHarness.Run(_driver, Compilation);
        _driver = Last.Driver;
        return Last;
    }
}
