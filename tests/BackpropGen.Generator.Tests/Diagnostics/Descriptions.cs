namespace BackpropGen.Generator.Tests.Diagnostics;

/// <summary>
/// A valid description that uses every key, one key per line, so a test can replace one value and know the exact
/// line and column of the mistake: root keys start at column 3, layer keys at 7, initial keys at 5.
/// </summary>
internal static class Descriptions
{
    // 2 inputs -> 3 leaky_relu (alpha 0.1, shared bias) -> 1 logistic: 6 + 3 = 9 weights, biases b1 (shared) and b_o1.
    public const string Full = """
        {
          "inputs": 2,
          "layers": [
            {
              "size": 3,
              "activation": "leaky_relu",
              "alpha": 0.1,
              "bias": "shared"
            },
            {
              "size": 1,
              "activation": "logistic"
            }
          ],
          "loss": "half_squared_error",
          "numeric": "double",
          "trainBiases": true,
          "seed": 7,
          "frozen": false,
          "codegen": "auto",
          "initial": {
            "weights": [ 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9 ],
            "biases": [ 0.5, 0.25 ]
          }
        }
        """;

    public const int Inputs = 2, Size0 = 5, Activation0 = 6, Alpha0 = 7, Bias0 = 8, Size1 = 11, Activation1 = 12;
    public const int Loss = 15, Numeric = 16, TrainBiases = 17, Seed = 18, Frozen = 19, Codegen = 20, Initial = 21, Weights = 22, Biases = 23;

    /// <summary><paramref name="json"/> without layer 0's alpha line (for another activation, which would warn BPG028 about it).</summary>
    public static string WithoutAlpha(string json) => json.Replace("      \"alpha\": 0.1,\n", string.Empty, StringComparison.Ordinal);

    /// <summary><see cref="Full"/> with the value on 1-based line <paramref name="line"/> replaced (its trailing comma kept).</summary>
    public static string With(int line, string value) => With(Full, line, value);

    public static string With(string json, int line, string value)
    {
        string[] lines = json.Split('\n');
        string old = lines[line - 1];
        int colon = old.IndexOf(": ", StringComparison.Ordinal);
        Assert.True(colon > 0, $"line {line} has no value: {old}");
        string comma = old.TrimEnd().EndsWith(',') ? "," : string.Empty;
        lines[line - 1] = old.Substring(0, colon + 2) + value + comma;
        return string.Join("\n", lines);
    }
}
