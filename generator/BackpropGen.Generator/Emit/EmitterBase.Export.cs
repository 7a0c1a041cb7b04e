using System.Linq;
using System.Text;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit
{
    /// <summary>Export: WriteDescription / ToDescriptionJson: the network with its current parameters, as a JSON description.</summary>
    internal abstract partial class EmitterBase
    {
        protected void WriteExport()
        {
            Summary("Writes this network's description with its current parameters as JSON (invariant culture, round-trip exact). Compile it as a network again; add \"frozen\": true for inference only.");
            _w.OpenBlock("public void WriteDescription(global::System.IO.TextWriter writer)");
            _w.Line("if (writer is null) throw new global::System.ArgumentNullException(nameof(writer));");
            _w.Line($"var parameters = new {_t}[ParameterCount];");
            _w.Line("GetParameters(parameters);");
            _w.Line($"writer.Write({CSharpString(DescriptionHead())});");
            _w.Line("WriteNumbers(writer, parameters, 0, WeightCount);");
            _w.Line("writer.Write(\"],\\n    \\\"biases\\\": [\");");
            _w.Line("WriteNumbers(writer, parameters, WeightCount, BiasCount);");
            _w.Line("writer.Write(\"]\\n  }\\n}\\n\");");
            _w.CloseBlock();
            _w.Line();
            Summary("This network's description with its current parameters, as JSON (see WriteDescription).");
            _w.OpenBlock("public string ToDescriptionJson()");
            _w.Line("var writer = new global::System.IO.StringWriter(global::System.Globalization.CultureInfo.InvariantCulture);");
            _w.Line("WriteDescription(writer);");
            _w.Line("return writer.ToString();");
            _w.CloseBlock();
            _w.Line();
            _w.OpenBlock($"private static void WriteNumbers(global::System.IO.TextWriter writer, {_t}[] values, int start, int count)");
            _w.OpenBlock("for (int i = 0; i < count; i++)");
            _w.Line("if (i > 0) writer.Write(i % 8 == 0 ? \",\\n      \" : \", \");");
            _w.Line("writer.Write(values[start + i].ToString(\"R\", global::System.Globalization.CultureInfo.InvariantCulture));");
            _w.CloseBlock();
            _w.CloseBlock();
        }

        /// <summary>Everything before the first weight: the topology and training options, fixed at generation time.</summary>
        private string DescriptionHead()
        {
            NetworkDescription d = _network.Description;
            var json = new StringBuilder();
            json.Append("{\n  \"inputs\": ").Append(d.Inputs).Append(",\n  \"layers\": [\n");
            json.Append(string.Join(",\n", d.Layers.Select(LayerJson)));
            json.Append("\n  ],\n");
            json.Append("  \"loss\": \"").Append(LossRules.Name(d.Loss)).Append("\",\n");
            json.Append("  \"numeric\": \"").Append(d.Numeric == NumericKind.Float ? "float" : "double").Append("\",\n");
            json.Append("  \"trainBiases\": ").Append(d.TrainBiases ? "true" : "false").Append(",\n");
            json.Append("  \"initial\": {\n    \"weights\": [");
            return json.ToString();
        }

        private string LayerJson(LayerDescription layer)
        {
            string bias = layer.Bias switch { BiasKind.Shared => "shared", BiasKind.None => "none", _ => "per_neuron" };
            string alpha = layer.Activation == ActivationKind.LeakyReLU
                ? ", \"alpha\": " + layer.Alpha.ToString("R", System.Globalization.CultureInfo.InvariantCulture)
                : string.Empty;
            return $"    {{ \"size\": {layer.Size}, \"activation\": \"{ActivationRules.Name(layer.Activation)}\"{alpha}, \"bias\": \"{bias}\" }}";
        }

        private static string CSharpString(string text) =>
            "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";
    }
}
