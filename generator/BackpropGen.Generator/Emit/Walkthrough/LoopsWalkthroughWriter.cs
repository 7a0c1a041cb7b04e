using System.Linq;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Walkthrough
{
    /// <summary>
    /// The loops layout's walk-through: its quantities live in arrays, not in named lines, so it writes the pass layer by
    /// layer from its Trace (net, out and delta per neuron), E_total, and every parameter with its gradient and its
    /// updated value, and says so at the top. Every value is the generated pass's own.
    /// </summary>
    internal static class LoopsWalkthroughWriter
    {
        public static void WriteBody(NetworkModel network, SourceWriter w)
        {
            string t = network.Numeric.Keyword;
            WalkthroughSupport.WriteArgumentChecks(w);
            w.Line($"var gradient = new {t}[ParameterCount];");
            w.Line("Backward(input, target, gradient, out Trace t);");
            w.Line($"var parameters = new {t}[ParameterCount];");
            w.Line("GetParameters(parameters);");
            WalkthroughSupport.WriteFormat(w);
            Text(w, "# One training step, layer by layer\n\n");
            Text(w, "Network: " + NetworkFile.Topology(network) + "; loss " + LossRules.Name(network.Description.Loss) + "; " + t + "; " + network.Parameters.Count + " parameters.\n\n");
            Text(w, "This network is generated in the loops layout: its quantities live in arrays, not in named lines of code, so this walk-through "
                + "gives the pass layer by layer, as its Trace holds it (net, out and delta = dE_total/dnet of every neuron), then every parameter "
                + "with its gradient and its updated value. For the line-by-line walk-through, with every formula and its numbers, generate a "
                + "smaller network, or this one with \"codegen\": \"unrolled\" or \"split\". Every value is the generated pass's own (Backward and its Trace). "
                + "Numbers: invariant culture, ");
            w.Line("writer.Write(significantDigits.ToString(global::System.Globalization.CultureInfo.InvariantCulture));");
            Text(w, " significant digits.\n\n");
            w.Line("Put(\"Learning rate: eta = {0}.\\n\", learningRate);");

            Text(w, "\n## Forward pass\n\n### Inputs and targets\n\n| quantity | value |\n|---|---|\n");
            Rows(w, "t.Input", "i");
            Rows(w, "t.Target", "target_o");
            foreach (Layer layer in network.Layers)
            {
                string role = layer.IsOutput ? "output layer" : "hidden layer";
                string prefix = layer.Neurons[0].Substring(0, layer.Neurons[0].Length - 1);
                Text(w, $"\n### Layer {layer.Number}, {role} {layer.Neurons[0]}..{layer.Neurons[layer.Neurons.Count - 1]}: {ActivationRules.Name(layer.Activation)}, bias {Vocabulary.Name(layer.Description.Bias)}\n\n"
                    + "| neuron | net | out | delta = dE_total/dnet |\n|---|---|---|---|\n");
                w.OpenBlock($"for (int n = 0; n < {layer.Neurons.Count}; n++)");
                w.Line($"writer.Write(\"| {prefix}\" + (n + 1).ToString(global::System.Globalization.CultureInfo.InvariantCulture) + \" | \");");
                w.Line($"Put(\"{{0}} | \", t.Net({layer.Number})[n]);");
                w.Line($"Put(\"{{0}} | \", t.Out({layer.Number})[n]);");
                w.Line($"Put(\"{{0}} |\\n\", t.Delta({layer.Number})[n]);");
                w.CloseBlock();
            }

            Text(w, "\n## Error\n\n" + LossRules.Describe(network.Description.Loss, network.OutputLayer.Activation, network.OutputLayer.Neurons.Count) + "\n\n");
            w.Line("Put(\"- `E_total = {0}`\\n\", t.E_total);");

            // The one place an optimizer's state (moments, step count) would be written out.
            if (network.Description.Optimizer is not null)
            {
                Text(w, "\n## Updated parameters\n\nTrainStep applies " + network.Update.Describe() + ". Its step depends on the optimizer's state (see GetOptimizerState), which this walk-through does not write out yet. The network itself is not changed.\n\n| parameter | p | dE_total/dp |\n|---|---|---|\n");
                w.OpenBlock("for (int i = 0; i < ParameterCount; i++)");
                w.Line("writer.Write(\"| \" + ParameterName(i) + \" | \");");
                w.Line("Put(\"{0} | \", parameters[i]);");
                w.Line("Put(\"{0} |\\n\", gradient[i]);");
                w.CloseBlock();
                WalkthroughSupport.WritePut(w, t);
                return;
            }

            string count = network.Description.TrainBiases ? "ParameterCount" : "WeightCount";
            Text(w, "\n## Updated parameters\n\nPlain gradient descent, every update from the gradients above: p+ = p - eta * dE_total/dp"
                + ". The network itself is not changed (TrainStep makes this step).\n\n| parameter | p | dE_total/dp | p+ |\n|---|---|---|---|\n");
            w.OpenBlock($"for (int i = 0; i < {count}; i++)");
            w.Line("writer.Write(\"| \" + ParameterName(i) + \" | \");");
            w.Line("Put(\"{0} | \", parameters[i]);");
            w.Line("Put(\"{0} | \", gradient[i]);");
            w.Line("Put(\"{0} |\\n\", parameters[i] - learningRate * gradient[i]);");
            w.CloseBlock();
            if (!network.Description.TrainBiases && network.BiasCount > 0)
            {
                Text(w, "\nBiases are not updated (trainBiases: false).\n");
            }

            WalkthroughSupport.WritePut(w, t);
        }

        private static void Rows(SourceWriter w, string span, string prefix)
        {
            w.OpenBlock($"for (int n = 0; n < {span}.Length; n++)");
            w.Line($"writer.Write(\"| {prefix}\" + (n + 1).ToString(global::System.Globalization.CultureInfo.InvariantCulture) + \" | \");");
            w.Line($"Put(\"{{0}} |\\n\", {span}[n]);");
            w.CloseBlock();
        }

        private static void Text(SourceWriter w, string text) => w.Line($"writer.Write({WalkthroughWriter.Literal(text)});");
    }
}
