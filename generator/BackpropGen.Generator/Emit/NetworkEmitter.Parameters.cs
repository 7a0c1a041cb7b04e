using System.Linq;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit
{
    /// <summary>Counts, parameter fields and parameter access.</summary>
    internal sealed partial class NetworkEmitter
    {
        private void WriteParameterFields()
        {
            _w.Line("// Parameters in canonical order, with their initial values.");
            foreach (Layer layer in _network.Layers)
            {
                for (int n = 0; n < layer.Neurons.Count; n++)
                {
                    for (int k = 0; k < layer.Inputs.Count; k++)
                    {
                        Parameter weight = layer.Weights[n][k];
                        _w.Line($"private {_t} {weight.Name} = {_network.Numeric.Literal(weight.InitialValue)};", $"{layer.Inputs[k]} -> {layer.Neurons[n]}");
                    }
                }
            }

            foreach (Layer layer in _network.Layers)
            {
                foreach (Parameter bias in layer.Biases.OfType<Parameter>().Distinct())
                {
                    string feeds = layer.SharedBias is null ? "bias of " + bias.Name.Substring(2) : $"bias shared by layer {layer.Number}";
                    _w.Line($"private {_t} {bias.Name} = {_network.Numeric.Literal(bias.InitialValue)};", feeds);
                }
            }
        }

        private void WriteParameterAccess()
        {
            Summary("The name of the parameter at <paramref name=\"index\"/> in canonical order (\"w1\", ..., \"b1\", \"b_h1\", ...).");
            _w.OpenBlock("public static string ParameterName(int index)");
            _w.OpenBlock("switch (index)");
            foreach (Parameter p in _network.Parameters)
            {
                _w.Line($"case {p.Index}: return \"{p.Name}\";");
            }

            _w.Line("default: throw new global::System.ArgumentOutOfRangeException(nameof(index), index, \"The index must be at least 0 and less than ParameterCount (" + _network.Parameters.Count + ").\");");
            _w.CloseBlock();
            _w.CloseBlock();
            _w.Line();

            Summary("Copies every parameter, in canonical order, into the first ParameterCount elements of <paramref name=\"destination\"/>.");
            _w.OpenBlock($"public void GetParameters(global::System.Span<{_t}> destination)");
            RequireAtLeast("destination", "ParameterCount");
            foreach (Parameter p in _network.Parameters)
            {
                _w.Line($"destination[{p.Index}] = {p.Name};");
            }

            _w.CloseBlock();
            _w.Line();

            Summary("Sets every parameter from <paramref name=\"source\"/>, which holds exactly ParameterCount values in canonical order.");
            _w.OpenBlock($"public void SetParameters(global::System.ReadOnlySpan<{_t}> source)");
            RequireExactly("source", "ParameterCount");
            foreach (Parameter p in _network.Parameters)
            {
                _w.Line($"{p.Name} = source[{p.Index}];");
            }

            _w.CloseBlock();
        }
    }
}
