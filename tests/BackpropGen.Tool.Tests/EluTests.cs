namespace BackpropGen.Tool.Tests;

/// <summary>
/// ONNX Elu imports as the "elu" activation (with its alpha; ImportTests checks the description). The generator on this
/// branch does not know "elu" yet (it is being added on main); once it does, enable this test.
/// </summary>
public sealed class EluTests
{
    [Fact]
    public void Elu_model_agrees_with_onnx_runtime()
    {
        foreach (string[] options in new[] { new[] { "--numeric", "float" }, new[] { "--numeric", "double" }, new[] { "--trainable" } })
        {
            string json = Models.Import("torch_elu", options);
            Type type = Compiler.Compile(new[] { ("TorchElu", json) }, "TorchElu" + options[^1].TrimStart('-')).GetType("Imported.TorchElu", throwOnError: true)!;
            double[][] rows = Reference.RandomRows(41, 48, 4);
            double[][] expected = Reference.Run(Models.PathOf("torch_elu"), rows);
            bool isFloat = json.Contains("\"numeric\": \"float\"", StringComparison.Ordinal);
            AgreementTests.AssertAgree("torch_elu", expected, rows.Select(r => Compiler.Run(type, r, isFloat)).ToArray());
        }
    }
}
