namespace BackpropGen.Generator.Tests.Infrastructure;

/// <summary>Descriptions shared by several tests.</summary>
public static class TestNetworks
{
    /// <summary>The sample's description of the worked example (copied next to the tests at build time).</summary>
    public static string MazurJson => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Networks", "mazur.json"));
}
