using System.Linq;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Layouts
{
    /// <summary>Parameter fields and parameter access.</summary>
    internal sealed partial class UnrolledLayout
    {
        private void WriteParameterFields()
        {
            W.Line("// Parameters in canonical order, with their initial values.");
            foreach (Layer layer in Network.Layers)
            {
                for (int n = 0; n < layer.Neurons.Count; n++)
                {
                    for (int k = 0; k < layer.Inputs.Count; k++)
                    {
                        Parameter weight = layer.Weights[n][k];
                        W.Line($"private {T} {weight.Name} = {Numeric.Literal(weight.InitialValue)};", $"{layer.Inputs[k]} -> {layer.Neurons[n]}");
                    }
                }
            }

            foreach (Layer layer in Network.Layers)
            {
                for (int n = 0; n < layer.Neurons.Count; n++)
                {
                    if (layer.Biases[n] is Parameter bias && (layer.SharedBias is null || n == 0))
                    {
                        string feeds = layer.SharedBias is null ? "bias of " + layer.Neurons[n] : $"bias shared by layer {layer.Number}";
                        W.Line($"private {T} {bias.Name} = {Numeric.Literal(bias.InitialValue)};", feeds);
                    }
                }
            }
        }

        private void WriteParameterName()
        {
            W.OpenBlock("switch (index)");
            foreach (Parameter p in Network.Parameters)
            {
                W.Line($"case {p.Index}: return \"{p.Name}\";");
            }

            W.Line("default: throw new global::System.ArgumentOutOfRangeException(nameof(index), index, \"The index must be at least 0 and less than ParameterCount (" + Network.Parameters.Count + ").\");");
            W.CloseBlock();
        }

        private void WriteGetParameters()
        {
            foreach (Parameter p in Network.Parameters)
            {
                W.Line($"destination[{p.Index}] = {p.Name};");
            }
        }

        private void WriteCopyParametersTo()
        {
            W.Line("if (destination is null) throw new global::System.ArgumentNullException(nameof(destination));");
            foreach (Parameter p in Network.Parameters)
            {
                W.Line($"destination.{p.Name} = {p.Name};");
            }
        }

        private void WriteSetParameters()
        {
            foreach (Parameter p in Network.Parameters)
            {
                W.Line($"{p.Name} = source[{p.Index}];");
            }
        }
    }
}
