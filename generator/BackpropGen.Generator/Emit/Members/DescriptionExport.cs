using System.Linq;
using System.Text;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Members
{
    /// <summary>
    /// The body of WriteDescription(writer, frozen): every key of the description that shapes the generated code, then the
    /// current parameters as initial values. The keys are spelled by <see cref="Vocabulary"/>, as the parser reads them.
    /// </summary>
    internal static class DescriptionExport
    {
        public static void WriteBody(MemberContext c)
        {
            c.W.Line("if (writer is null) throw new global::System.ArgumentNullException(nameof(writer));");
            c.W.Line($"var parameters = new {c.T}[ParameterCount];");
            c.W.Line("GetParameters(parameters);");
            c.W.Line($"writer.Write({CSharpString(Head(c.Network.Description))});");
            c.W.Line("if (frozen) writer.Write(\"  \\\"frozen\\\": true,\\n\");");
            c.W.Line("writer.Write(\"  \\\"initial\\\": {\\n    \\\"weights\\\": [\");");
            c.W.Line("WriteNumbers(writer, parameters, 0, WeightCount);");
            c.W.Line("writer.Write(\"],\\n    \\\"biases\\\": [\");");
            c.W.Line("WriteNumbers(writer, parameters, WeightCount, BiasCount);");
            c.W.Line("writer.Write(\"]\\n  }\\n}\\n\");");
        }

        /// <summary>The private helper the body calls.</summary>
        public static void WriteSupport(MemberContext c)
        {
            c.W.OpenBlock($"private static void WriteNumbers(global::System.IO.TextWriter writer, {c.T}[] values, int start, int count)");
            c.W.OpenBlock("for (int i = 0; i < count; i++)");
            c.W.Line("if (i > 0) writer.Write(i % 8 == 0 ? \",\\n      \" : \", \");");
            c.W.Line("writer.Write(values[start + i].ToString(\"R\", global::System.Globalization.CultureInfo.InvariantCulture));");
            c.W.CloseBlock();
            c.W.CloseBlock();
        }

        /// <summary>Everything before "frozen" and the parameters: fixed at generation time.</summary>
        private static string Head(NetworkDescription d)
        {
            var json = new StringBuilder();
            json.Append("{\n  \"inputs\": ").Append(d.Inputs).Append(",\n  \"layers\": [\n");
            json.Append(string.Join(",\n", d.Layers.Select(LayerJson)));
            json.Append("\n  ],\n");
            json.Append("  \"loss\": \"").Append(Vocabulary.Name(d.Loss)).Append("\",\n");
            json.Append("  \"numeric\": \"").Append(Vocabulary.Name(d.Numeric)).Append("\",\n");
            json.Append("  \"trainBiases\": ").Append(d.TrainBiases ? "true" : "false").Append(",\n");
            json.Append("  \"codegen\": \"").Append(Vocabulary.Name(d.Codegen)).Append("\",\n");
            if (d.Optimizer is OptimizerDescription o)
            {
                json.Append("  \"optimizer\": { \"type\": \"").Append(Vocabulary.Name(o.Kind)).Append('"');
                foreach (string key in OptimizerDescription.Keys(o.Kind))
                {
                    json.Append(", \"").Append(key).Append("\": ").Append(OptimizerValue(o, key));
                }

                json.Append(" },\n");
            }

            return json.ToString();
        }

        private static string OptimizerValue(OptimizerDescription o, string key) => key switch
        {
            "momentum" => NumericType.RoundTrip(o.Momentum),
            "nesterov" => o.Nesterov ? "true" : "false",
            "beta1" => NumericType.RoundTrip(o.Beta1),
            "beta2" => NumericType.RoundTrip(o.Beta2),
            "epsilon" => NumericType.RoundTrip(o.Epsilon),
            "weightDecay" => NumericType.RoundTrip(o.WeightDecay),
            _ => throw new System.ArgumentOutOfRangeException(nameof(key), key, "Unknown optimizer key."),
        };


        private static string LayerJson(LayerDescription layer)
        {
            string alpha = ActivationRules.UsesAlpha(layer.Activation)
                ? ", \"alpha\": " + NumericType.RoundTrip(layer.Alpha)
                : string.Empty;
            return $"    {{ \"size\": {layer.Size}, \"activation\": \"{Vocabulary.Name(layer.Activation)}\"{alpha}, \"bias\": \"{Vocabulary.Name(layer.Bias)}\" }}";
        }

        private static string CSharpString(string text) =>
            "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";
    }
}
