using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace BackpropGen.Tool.Description;

/// <summary>Writes a <see cref="DenseNetwork"/> as a BackpropGen JSON description (SPEC.md section 2a).</summary>
internal static class DescriptionWriter
{
    /// <summary>
    /// The description, frozen (a static Predict with every parameter a constant) or trainable. Numbers are invariant
    /// culture and round-trip exact: a float network's parameters are written as the shortest text that the generator
    /// (which reads a double, then rounds to float) turns back into the same float; a double network's as the shortest
    /// text of the exact double. The output depends only on the arguments: the same model gives the same bytes.
    /// </summary>
    /// <param name="network">The network with every weight and bias.</param>
    /// <param name="asFloat">Write <c>"numeric": "float"</c> (otherwise double).</param>
    /// <param name="frozen">Write <c>"frozen": true</c> (otherwise a trainable description with a loss).</param>
    /// <param name="headerLines">Comment lines written above the JSON (without the leading //).</param>
    public static string Write(DenseNetwork network, bool asFloat, bool frozen, IEnumerable<string> headerLines)
    {
        var json = new StringBuilder();
        foreach (string line in headerLines)
        {
            json.Append("// ").Append(line).Append('\n');
        }

        json.Append("{\n");
        if (frozen)
        {
            json.Append("  \"frozen\": true,\n");
        }

        json.Append("  \"inputs\": ").Append(network.Inputs.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        json.Append("  \"layers\": [\n");
        json.Append(string.Join(",\n", network.Layers.Select(l => LayerJson(l, asFloat))));
        json.Append("\n  ],\n");
        if (!frozen)
        {
            json.Append("  \"loss\": \"").Append(LossFor(network)).Append("\",\n");
        }

        json.Append("  \"numeric\": \"").Append(asFloat ? "float" : "double").Append("\",\n");
        json.Append("  \"initial\": {\n    \"weights\": [");
        WriteNumbers(json, network.Layers.SelectMany(l => l.Weights), asFloat);
        json.Append("],\n    \"biases\": [");
        WriteNumbers(json, network.Layers.SelectMany(l => l.Biases), asFloat);
        json.Append("]\n  }\n}\n");
        return json.ToString();
    }

    /// <summary>
    /// The loss a trainable import starts with: cross-entropy for a softmax or logistic output (classification, as
    /// PyTorch's CrossEntropyLoss / BCELoss), mean squared error otherwise (PyTorch's MSELoss). Edit it to fine-tune differently.
    /// </summary>
    public static string LossFor(DenseNetwork network) =>
        network.Layers[^1].Activation is "softmax" or "logistic" ? "cross_entropy" : "mean_squared_error";

    private static string LayerJson(DenseLayer layer, bool asFloat)
    {
        string alpha = layer.Alpha is double a ? ", \"alpha\": " + Number(a, asFloat) : string.Empty;
        return $"    {{ \"size\": {layer.Size.ToString(CultureInfo.InvariantCulture)}, \"activation\": \"{layer.Activation}\"{alpha}, \"bias\": \"{DenseLayer.BiasName(layer.Bias)}\" }}";
    }

    private static void WriteNumbers(StringBuilder json, IEnumerable<double> values, bool asFloat)
    {
        int i = 0;
        foreach (double value in values)
        {
            if (i > 0)
            {
                json.Append(i % 8 == 0 ? ",\n      " : ", ");
            }

            json.Append(Number(value, asFloat));
            i++;
        }
    }

    /// <summary>Round-trip exact text: for float, the float the generator gets by reading a double and rounding it.</summary>
    public static string Number(double value, bool asFloat)
    {
        if (asFloat)
        {
            float f = (float)value;
            string text = f.ToString("R", CultureInfo.InvariantCulture);
            if ((float)double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) == f)
            {
                return text;
            }

            value = f;
        }

        string exact = value.ToString("R", CultureInfo.InvariantCulture);
        return double.Parse(exact, NumberStyles.Float, CultureInfo.InvariantCulture) == value
            ? exact
            : value.ToString("G17", CultureInfo.InvariantCulture);
    }
}
