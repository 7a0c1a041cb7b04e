using System.Globalization;
using System.Text;

namespace BackpropGen.Generator.Tests.Numerics;

/// <summary>One layer of a test network, spelled as in the JSON description.</summary>
public sealed record LayerSpec(int Size, string Activation, string? Bias = "per_neuron", double? Alpha = null)
{
    /// <summary>The activation with its alias resolved (sigmoid is logistic, linear is identity).</summary>
    public string Kind => Activation switch { "sigmoid" => "logistic", "linear" => "identity", "swish" => "silu", _ => Activation };

    /// <summary>The bias mode, defaulting like the generator does when the key is omitted.</summary>
    public string BiasMode => Bias ?? "per_neuron";

    /// <summary>
    /// relu and leaky_relu are not differentiable at net = 0, and elu's derivative jumps there unless alpha is 1:
    /// finite differences must stay away from it.
    /// </summary>
    public bool HasKink => Kind is "relu" or "leaky_relu" or "elu";

    /// <summary>leaky_relu's slope or elu's scale for net &lt; 0, defaulting as the generator does (0.01, 1.0).</summary>
    public double Slope => Alpha ?? (Kind == "elu" ? 1.0 : 0.01);

    public int BiasCount => BiasMode switch { "shared" => 1, "per_neuron" => Size, _ => 0 };
}

/// <summary>A network description for the numeric tests: writes its JSON and knows its parameter layout (SPEC sections 2a and 3).</summary>
public sealed record NetworkSpec(
    string Name,
    int Inputs,
    IReadOnlyList<LayerSpec> Layers,
    string? Loss = "half_squared_error",
    string? Numeric = "double",
    bool? TrainBiases = null,
    int? Seed = null,
    double[]? InitialWeights = null,
    double[]? InitialBiases = null,
    string? Codegen = null,
    string? Optimizer = null)
{
    public bool IsFloat => Numeric == "float";

    public string LossKind => Loss ?? "half_squared_error";

    public bool TrainsBiases => TrainBiases ?? true;

    public int Outputs => Layers[^1].Size;

    public int WeightCount => Layers.Select((l, i) => l.Size * (i == 0 ? Inputs : Layers[i - 1].Size)).Sum();

    public int BiasCount => Layers.Sum(l => l.BiasCount);

    public int ParameterCount => WeightCount + BiasCount;

    /// <summary>"3-5-3-4-2": inputs, then each layer's size.</summary>
    public string Topology => string.Join("-", Layers.Select(l => l.Size).Prepend(Inputs));

    /// <summary>The JSON text; keys left null are omitted so the generator's defaults are exercised too.</summary>
    public string ToJson()
    {
        var json = new StringBuilder();
        json.Append("{\n  \"inputs\": ").Append(Inputs).Append(",\n  \"layers\": [\n");
        json.Append(string.Join(",\n", Layers.Select(LayerJson)));
        json.Append("\n  ]");
        if (Loss is not null)
        {
            json.Append(",\n  \"loss\": \"").Append(Loss).Append('"');
        }

        if (Numeric is not null)
        {
            json.Append(",\n  \"numeric\": \"").Append(Numeric).Append('"');
        }

        if (Optimizer is not null)
        {
            json.Append(",\n  \"optimizer\": ").Append(Optimizer);
        }

        if (TrainBiases is bool train)
        {
            json.Append(",\n  \"trainBiases\": ").Append(train ? "true" : "false");
        }

        if (Seed is int seed)
        {
            json.Append(",\n  \"seed\": ").Append(seed);
        }

        if (Codegen is not null)
        {
            json.Append(",\n  \"codegen\": \"").Append(Codegen).Append('"');
        }

        if (InitialWeights is not null || InitialBiases is not null)
        {
            var parts = new List<string>();
            if (InitialWeights is not null)
            {
                parts.Add("\"weights\": [" + string.Join(", ", InitialWeights.Select(Number)) + "]");
            }

            if (InitialBiases is not null)
            {
                parts.Add("\"biases\": [" + string.Join(", ", InitialBiases.Select(Number)) + "]");
            }

            json.Append(",\n  \"initial\": { ").Append(string.Join(", ", parts)).Append(" }");
        }

        return json.Append("\n}\n").ToString();
    }

    /// <summary>Shortest round-trip text; "-0" keeps negative zero's sign.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string LayerJson(LayerSpec layer)
    {
        string text = $"    {{ \"size\": {layer.Size}, \"activation\": \"{layer.Activation}\"";
        if (layer.Bias is not null)
        {
            text += $", \"bias\": \"{layer.Bias}\"";
        }

        if (layer.Alpha is double alpha)
        {
            text += ", \"alpha\": " + Number(alpha);
        }

        return text + " }";
    }
}
