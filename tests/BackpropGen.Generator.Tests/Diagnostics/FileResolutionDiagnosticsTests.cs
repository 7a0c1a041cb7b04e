using BackpropGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace BackpropGen.Generator.Tests.Diagnostics;

/// <summary>BPG001 and BPG002: the JSON path is matched against AdditionalFiles by whole trailing path segments.</summary>
public class FileResolutionDiagnosticsTests
{
    private const string Valid = """{ "inputs": 2, "layers": [ { "size": 1, "activation": "logistic" } ] }""";

    private static string Source(string path) => $$"""
        [BackpropGen.Network("{{path}}")]
        public partial class Net { }
        """ + DiagnosticAssert.UsesNet;

    [Fact]
    public void A_path_that_matches_no_AdditionalFiles_item_is_BPG001_at_the_path_argument()
    {
        string source = Source("nets/missing.json");

        GeneratorRun run = GeneratorHarness.Run(source, ("/proj/nets/net.json", Valid));

        Diagnostic error = DiagnosticAssert.Single(run, "BPG001");
        DiagnosticAssert.AtSource(error, source, "\"nets/missing.json\"");
        DiagnosticAssert.MessageContains(error, "No AdditionalFiles item matches \"nets/missing.json\"", "<AdditionalFiles Include=");
    }

    [Fact]
    public void A_path_that_differs_only_in_case_says_which_file_nearly_matched()
    {
        string source = Source("nets/ok.json");

        GeneratorRun run = GeneratorHarness.Run(source, ("/proj/NETS/OK.json", Valid));

        Diagnostic error = DiagnosticAssert.Single(run, "BPG001");
        DiagnosticAssert.AtSource(error, source, "\"nets/ok.json\"");
        DiagnosticAssert.MessageContains(error, "No AdditionalFiles item matches \"nets/ok.json\"", "\"/proj/NETS/OK.json\" differs only in case", "write \"NETS/OK.json\"");
        Assert.DoesNotContain("<AdditionalFiles Include=", error.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_through_parent_folders_says_paths_are_matched_by_trailing_segments()
    {
        string source = Source("../nets/ok.json");

        GeneratorRun run = GeneratorHarness.Run(source, ("/proj/nets/ok.json", Valid));

        Diagnostic error = DiagnosticAssert.Single(run, "BPG001");
        DiagnosticAssert.MessageContains(error, "the path goes through \"..\", but it is not relative to the source file", "write \"nets/ok.json\" (it matches \"/proj/nets/ok.json\")");
    }

    [Fact]
    public void A_file_of_the_same_name_in_another_folder_is_named()
    {
        string source = Source("config/ok.json");

        GeneratorRun run = GeneratorHarness.Run(source, ("/proj/nets/ok.json", Valid));

        Diagnostic error = DiagnosticAssert.Single(run, "BPG001");
        DiagnosticAssert.MessageContains(error, "\"/proj/nets/ok.json\" has that file name in another folder");
    }

    [Fact]
    public void A_path_is_not_found_when_the_project_has_no_AdditionalFiles_at_all()
    {
        string source = Source("net.json");

        GeneratorRun run = GeneratorHarness.Run(source);

        DiagnosticAssert.AtSource(DiagnosticAssert.Single(run, "BPG001"), source, "\"net.json\"");
    }

    [Fact]
    public void A_path_that_matches_two_files_is_BPG002_naming_both()
    {
        string source = Source("nets/net.json");

        GeneratorRun run = GeneratorHarness.Run(source, ("/a/nets/net.json", Valid), ("/b/nets/net.json", Valid));

        Diagnostic error = DiagnosticAssert.Single(run, "BPG002");
        DiagnosticAssert.AtSource(error, source, "\"nets/net.json\"");
        DiagnosticAssert.MessageContains(error, "\"nets/net.json\" matches 2 AdditionalFiles", "/a/nets/net.json", "/b/nets/net.json", "give more of the path");
    }

    [Fact]
    public void Giving_more_of_the_path_resolves_the_ambiguity()
    {
        GeneratorRun run = GeneratorHarness.Run(Source("b/nets/net.json"), ("/a/nets/net.json", Valid), ("/b/nets/net.json", Valid));

        DiagnosticAssert.OnlyBpgErrors(run);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void A_path_matches_by_whole_trailing_segments_only()
    {
        // "othernets/net.json" ends with the characters "nets/net.json" but not with its segments.
        string source = Source("nets/net.json");

        GeneratorRun onlyOther = GeneratorHarness.Run(source, ("/proj/othernets/net.json", Valid));
        GeneratorRun both = GeneratorHarness.Run(source, ("/proj/othernets/net.json", Valid), ("/proj/nets/net.json", Valid));

        DiagnosticAssert.AtSource(DiagnosticAssert.Single(onlyOther, "BPG001"), source, "\"nets/net.json\"");
        DiagnosticAssert.OnlyBpgErrors(both);
        Assert.Empty(both.GeneratorDiagnostics);
    }

    [Theory]
    [InlineData("nets/net.json", @"C:\proj\nets\net.json")]
    [InlineData(@"nets\\net.json", "/proj/nets/net.json")]
    [InlineData("./nets/net.json", "/proj/nets/net.json")]
    public void Both_slashes_separate_segments(string requested, string filePath)
    {
        GeneratorRun run = GeneratorHarness.Run(Source(requested), (filePath, Valid));

        DiagnosticAssert.OnlyBpgErrors(run);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_BPG022_at_the_path_argument()
    {
        string source = Source("nets/net.json");

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(new[] { source }), new AdditionalText[] { new UnreadableText("/proj/nets/net.json") });

        Diagnostic error = DiagnosticAssert.Single(run, "BPG022");
        DiagnosticAssert.AtSource(error, source, "\"nets/net.json\"");
        Assert.Contains("/proj/nets/net.json", error.GetMessage());
        Assert.Contains("cannot be read", error.GetMessage());
    }

    [Fact]
    public void An_empty_path_is_BPG001()
    {
        string source = Source("");

        GeneratorRun run = GeneratorHarness.Run(source, ("/proj/nets/net.json", Valid));

        DiagnosticAssert.AtSource(DiagnosticAssert.Single(run, "BPG001"), source, "\"\"");
    }

    /// <summary>An AdditionalFiles item whose text cannot be read (GetText returns null, as for a locked or deleted file).</summary>
    private sealed class UnreadableText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override Microsoft.CodeAnalysis.Text.SourceText? GetText(System.Threading.CancellationToken cancellationToken = default) => null;
    }
}
