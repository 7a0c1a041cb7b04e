using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace BackpropGen.Playground.Engine;

/// <summary>
/// The same network as C# attributes (README "Attribute twins"). Read-only: it is written from the JSON, and a test compiles
/// it through the generator and checks it yields the same network. Returns null with a reason when the JSON cannot be read.
/// </summary>
public static class AttributeView
{
    public static string Render(string json, string className = GeneratorRunner.ClassName)
    {
        JsonElement root;
        try
        {
            using JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return "// The JSON does not parse yet: " + e.Message;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return "// The description must be a JSON object.";
        }

        var lines = new List<string>();
        var network = new List<string>();
        foreach (JsonProperty p in root.EnumerateObject())
        {
            switch (p.Name)
            {
                case "inputs": network.Add("Inputs = " + p.Value.GetRawText()); break;
                case "loss": network.Add("Loss = LossFunction." + Pascal(p.Value)); break;
                case "numeric": network.Add("Numeric = Numeric." + Pascal(p.Value)); break;
                case "trainBiases": network.Add("TrainBiases = " + p.Value.GetRawText()); break;
                case "seed": network.Add("Seed = " + p.Value.GetRawText()); break;
                case "frozen": network.Add("Frozen = " + p.Value.GetRawText()); break;
                case "codegen": network.Add("Codegen = Codegen." + Pascal(p.Value)); break;
            }
        }

        lines.Add("[Network(" + string.Join(", ", network) + ")]");
        if (root.TryGetProperty("layers", out JsonElement layers) && layers.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement layer in layers.EnumerateArray())
            {
                var args = new List<string>();
                args.Add(layer.TryGetProperty("size", out JsonElement size) ? size.GetRawText() : "?");
                args.Add(layer.TryGetProperty("activation", out JsonElement activation) ? "Activation." + Pascal(activation) : "?");
                if (layer.TryGetProperty("bias", out JsonElement bias))
                {
                    args.Add("Bias = BiasMode." + Pascal(bias));
                }

                if (layer.TryGetProperty("alpha", out JsonElement alpha))
                {
                    args.Add("Alpha = " + alpha.GetRawText());
                }

                lines.Add("[Layer(" + string.Join(", ", args) + ")]");
            }
        }

        if (root.TryGetProperty("initial", out JsonElement initial) && initial.ValueKind == JsonValueKind.Object)
        {
            if (initial.TryGetProperty("weights", out JsonElement weights))
            {
                lines.Add("[InitialWeights(" + Numbers(weights) + ")]");
            }

            if (initial.TryGetProperty("biases", out JsonElement biases))
            {
                lines.Add("[InitialBiases(" + Numbers(biases) + ")]");
            }
        }

        if (root.TryGetProperty("optimizer", out JsonElement optimizer) && optimizer.ValueKind == JsonValueKind.Object)
        {
            var args = new List<string>();
            foreach (JsonProperty p in optimizer.EnumerateObject())
            {
                args.Add(p.Name == "type" ? "OptimizerKind." + Pascal(p.Value) : char.ToUpperInvariant(p.Name[0]) + p.Name.Substring(1) + " = " + p.Value.GetRawText());
            }

            lines.Add("[Optimizer(" + string.Join(", ", args) + ")]");
        }

        lines.Add("public partial class " + className + " { }");
        return "using BackpropGen;\n\n" + string.Join("\n", lines) + "\n";
    }

    private static string Numbers(JsonElement array) =>
        array.ValueKind == JsonValueKind.Array ? string.Join(", ", array.EnumerateArray().Select(v => v.GetRawText())) : "?";

    // JSON spelling -> enum member: "half_squared_error" -> HalfSquaredError; the few irregular ones by name.
    private static string Pascal(JsonElement value)
    {
        string text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        switch (text)
        {
            case "relu": return "ReLU";
            case "leaky_relu": return "LeakyReLU";
            case "silu": case "swish": return "SiLU";
            case "elu": return "ELU";
            case "adamw": return "AdamW";
            case "sigmoid": return "Logistic";
            case "linear": return "Identity";
        }

        var result = new StringBuilder();
        foreach (string part in text.Split('_', StringSplitOptions.RemoveEmptyEntries))
        {
            result.Append(char.ToUpperInvariant(part[0])).Append(part, 1, part.Length - 1);
        }

        return result.ToString();
    }
}
