namespace BackpropGen.Tool.Tests;

/// <summary>The checked-in description of samples/OnnxImport is what the importer writes for its checked-in model.</summary>
public sealed class SampleTests
{
    private static string RepositoryRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "BackpropGen.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("BackpropGen.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void The_sample_description_is_reimported_byte_for_byte()
    {
        string sample = Path.Combine(RepositoryRoot(), "samples", "OnnxImport");
        string folder = Directory.CreateTempSubdirectory("backpropgen-sample-").FullName;
        try
        {
            string output = Path.Combine(folder, "iris_mlp.json");
            (int code, _, string stderr) = Models.Run("import", Path.Combine(sample, "iris_mlp.onnx"), "-o", output);
            Assert.True(code == 0, stderr);
            Assert.Equal(File.ReadAllText(Path.Combine(sample, "iris_mlp.json")), File.ReadAllText(output));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
