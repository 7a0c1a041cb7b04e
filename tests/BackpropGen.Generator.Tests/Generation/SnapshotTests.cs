using System.Runtime.CompilerServices;
using BackpropGen.Generator.Tests.Infrastructure;

namespace BackpropGen.Generator.Tests.Generation;

/// <summary>
/// The generated worked-example source is checked in (Snapshots/), so anyone can read it without building.
/// Set BACKPROPGEN_UPDATE_SNAPSHOTS=1 to rewrite it after an intended change, then review the diff.
/// </summary>
public class SnapshotTests
{
    private const string MazurSource = """
        namespace WorkedExample;

        [BackpropGen.Network("mazur.json")]
        public partial class MazurNet { }
        """;

    [Fact]
    public void Worked_example_source_matches_the_checked_in_snapshot()
    {
        string generated = GeneratorHarness.Run(MazurSource, ("/p/mazur.json", TestNetworks.MazurJson)).GeneratedSources["WorkedExample.MazurNet.g.cs"];
        string path = Path.Combine(SnapshotDirectory(), "WorkedExample.MazurNet.g.cs");

        if (Environment.GetEnvironmentVariable("BACKPROPGEN_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"No snapshot at {path}; run the tests once with BACKPROPGEN_UPDATE_SNAPSHOTS=1.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), generated);
    }

    private static string SnapshotDirectory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(thisFile))!, "Snapshots");
}
