using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Diagram
{
    /// <summary>One piece of the SVG: fixed markup, one parameter's current value, or the range of a run of parameters.</summary>
    internal readonly struct SvgPiece
    {
        private SvgPiece(string? markup, int start, int count)
        {
            Markup = markup;
            Start = start;
            Count = count;
        }

        /// <summary>Markup fixed at generation time; null for a value.</summary>
        public string? Markup { get; }

        /// <summary>The canonical index of the parameter (or the first of a run).</summary>
        public int Start { get; }

        /// <summary>1 for one parameter's value; more for "from min to max" over a run.</summary>
        public int Count { get; }

        public static SvgPiece Text(string markup) => new SvgPiece(markup, 0, 0);

        public static SvgPiece Value(int index) => new SvgPiece(null, index, 1);

        public static SvgPiece Range(int start, int count) => new SvgPiece(null, start, count);
    }

    /// <summary>
    /// The network drawn as the worked example's figure: inputs, hidden and output neurons in columns, the biases, every
    /// connection labelled with its weight's name and value. Geometry and names are fixed at generation time; the
    /// values are slots the generated method fills from the current parameters. A network too large to label
    /// (<see cref="IsDetailed"/>) is drawn aggregated: one box per layer and one band per weight matrix, with counts and
    /// the range of the current values.
    /// </summary>
    internal sealed class NetworkDiagram
    {
        /// <summary>At most this many neurons in any column, and this many weights, for a drawing with every label.</summary>
        public const int MaxDetailedColumn = 10;
        public const int MaxDetailedWeights = 100;

        /// <summary>Between two columns, at most this many lines are labelled one by one (a 3-4 or 2-6 gap; more would overlap).</summary>
        public const int MaxLabelledGap = 12;

        private const double ColumnGap = 300, RowGap = 90, Radius = 24, Left = 90, Top = 90;

        private readonly NetworkModel _network;
        private readonly List<SvgPiece> _pieces = new List<SvgPiece>();
        private readonly StringBuilder _markup = new StringBuilder();

        private NetworkDiagram(NetworkModel network) => _network = network;

        public static bool IsDetailed(NetworkModel network) =>
            network.WeightCount <= MaxDetailedWeights
            && network.Inputs.Count <= MaxDetailedColumn
            && network.Layers.All(l => l.Neurons.Count <= MaxDetailedColumn);

        /// <summary>The pieces of the whole document, adjacent markup merged.</summary>
        public static IReadOnlyList<SvgPiece> Build(NetworkModel network)
        {
            var diagram = new NetworkDiagram(network);
            if (IsDetailed(network))
            {
                diagram.Detailed();
            }
            else
            {
                diagram.Aggregated();
            }

            diagram.Flush();
            return diagram._pieces;
        }

        private void Detailed()
        {
            int columns = _network.Layers.Count + 1;
            int rows = System.Math.Max(_network.Inputs.Count, _network.Layers.Max(l => l.Neurons.Count));
            bool anyShared = _network.Layers.Any(l => l.SharedBias is not null);
            bool anyPerNeuron = _network.Layers.Any(l => l.Description.Bias == BiasKind.PerNeuron);
            double bottom = Top + ((rows - 1) * RowGap);
            bool anyUnlabelled = _network.Layers.Any(l => l.Inputs.Count * l.Neurons.Count > MaxLabelledGap);
            double biasRow = bottom + RowGap + (anyUnlabelled ? 20 : 0);
            double width = Left + ((columns - 1) * ColumnGap) + Left;
            double height = (anyShared ? biasRow : bottom + (anyUnlabelled ? 64 : anyPerNeuron ? 20 : 0)) + 70;
            Open(width, height);

            double X(int column) => Left + (column * ColumnGap);
            double Y(int count, int row) => Top + ((rows - count) * RowGap / 2) + (row * RowGap);

            // Column headings.
            Heading(X(0), "inputs");
            foreach (Layer layer in _network.Layers)
            {
                string role = layer.IsOutput ? "output layer" : (_network.Layers.Count == 2 ? "hidden layer" : $"hidden layer {layer.Number}");
                Heading(X(layer.Number), $"{role}: {ActivationRules.Name(layer.Activation)}");
            }

            // Connections first, so the neurons are drawn over them; labels last, over everything.
            var labels = new List<(double X, double Y, Parameter P)>();
            foreach (Layer layer in _network.Layers)
            {
                int sources = layer.Inputs.Count, targets = layer.Neurons.Count;
                bool labelled = sources * targets <= MaxLabelledGap;
                if (!labelled)
                {
                    // Too many crossing lines to label each: the gap says how many weights and their range instead.
                    int first = layer.Weights[0][0].Index, count = sources * targets;
                    double mx = (X(layer.Number - 1) + X(layer.Number)) / 2;
                    Append($"<text x=\"{N(mx)}\" y=\"{N(bottom + 48)}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#333\">{count} weights w{first + 1}..w{first + count}</text>\n");
                    Append($"<text x=\"{N(mx)}\" y=\"{N(bottom + 64)}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#333\">");
                    Range(first, count);
                    Append("</text>\n");
                }

                for (int n = 0; n < targets; n++)
                {
                    for (int k = 0; k < sources; k++)
                    {
                        double x1 = X(layer.Number - 1), y1 = Y(sources, k), x2 = X(layer.Number), y2 = Y(targets, n);
                        Append($"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"#8a8a8a\" stroke-width=\"1.5\"/>\n");
                        // Labels along the line at staggered fractions, so no two lines into (or out of) one neuron put theirs side by side.
                        int m = System.Math.Max(sources, targets);
                        double t = m == 1 ? 0.5 : 0.3 + (0.4 * ((n + k) % m) / (m - 1));
                        if (labelled)
                        {
                            labels.Add((x1 + (t * (x2 - x1)), y1 + (t * (y2 - y1)), layer.Weights[n][k]));
                        }
                    }
                }

                if (layer.SharedBias is Parameter shared)
                {
                    double bx = (X(layer.Number - 1) + X(layer.Number)) / 2, by = biasRow;
                    for (int n = 0; n < targets; n++)
                    {
                        Append($"<line x1=\"{N(bx)}\" y1=\"{N(by)}\" x2=\"{N(X(layer.Number))}\" y2=\"{N(Y(targets, n))}\" stroke=\"#c08a3e\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>\n");
                    }

                    Append($"<circle cx=\"{N(bx)}\" cy=\"{N(by)}\" r=\"{N(Radius * 0.8)}\" fill=\"#fbe3bd\" stroke=\"#c08a3e\" stroke-width=\"2\"/>\n");
                    Append($"<text x=\"{N(bx)}\" y=\"{N(by + 5)}\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">{shared.Name}</text>\n");
                    Append($"<text x=\"{N(bx)}\" y=\"{N(by + Radius + 16)}\" text-anchor=\"middle\" font-size=\"12\">{shared.Name} = ");
                    Slot(shared.Index);
                    Append("</text>\n");
                }
            }

            Neurons(X(0), _network.Inputs, name => Y(_network.Inputs.Count, _network.Inputs.ToList().IndexOf(name)), "#dbe9f6", "#4a7db3", null);
            foreach (Layer layer in _network.Layers)
            {
                Neurons(X(layer.Number), layer.Neurons, name => Y(layer.Neurons.Count, layer.Neurons.ToList().IndexOf(name)),
                    layer.IsOutput ? "#f6dbdb" : "#dff2dc", layer.IsOutput ? "#b34a4a" : "#4f9a45", layer.Description.Bias == BiasKind.PerNeuron ? layer : null);
            }

            foreach (var (x, y, p) in labels)
            {
                // A white box under each label keeps it readable over the lines (room for a 9-character value).
                double boxWidth = (p.Name.Length + 3 + 9) * 6.6;
                Append($"<rect x=\"{N(x - (boxWidth / 2))}\" y=\"{N(y - 8)}\" width=\"{N(boxWidth)}\" height=\"16\" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.85\"/>\n");
                Append($"<text x=\"{N(x)}\" y=\"{N(y + 4)}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#222\">{p.Name} = ");
                Slot(p.Index);
                Append("</text>\n");
            }

            Close();
        }

        private void Neurons(double x, IReadOnlyList<string> names, System.Func<string, double> y, string fill, string stroke, Layer? perNeuronBias)
        {
            for (int i = 0; i < names.Count; i++)
            {
                double cy = y(names[i]);
                Append($"<circle cx=\"{N(x)}\" cy=\"{N(cy)}\" r=\"{N(Radius)}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"2\"/>\n");
                Append($"<text x=\"{N(x)}\" y=\"{N(cy + 5)}\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">{names[i]}</text>\n");
                if (perNeuronBias?.Biases[i] is Parameter bias)
                {
                    Append($"<text x=\"{N(x)}\" y=\"{N(cy + Radius + 15)}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#7a5520\">{bias.Name} = ");
                    Slot(bias.Index);
                    Append("</text>\n");
                }
            }
        }

        private void Aggregated()
        {
            int columns = _network.Layers.Count + 1;
            const double BoxWidth = 130, BoxTop = 90, BoxHeight = 260;
            double width = Left + ((columns - 1) * ColumnGap) + Left;
            double height = BoxTop + BoxHeight + 120;
            Open(width, height);
            double X(int column) => Left + (column * ColumnGap);

            // Bands between boxes: one per weight matrix.
            int start = 0;
            foreach (Layer layer in _network.Layers)
            {
                int count = layer.Neurons.Count * layer.Inputs.Count;
                double x1 = X(layer.Number - 1) + (BoxWidth / 2), x2 = X(layer.Number) - (BoxWidth / 2);
                Append($"<polygon points=\"{N(x1)},{N(BoxTop + 20)} {N(x2)},{N(BoxTop + 20)} {N(x2)},{N(BoxTop + BoxHeight - 20)} {N(x1)},{N(BoxTop + BoxHeight - 20)}\" fill=\"#e4e4e4\" stroke=\"#9a9a9a\"/>\n");
                double mx = (x1 + x2) / 2, my = BoxTop + (BoxHeight / 2);
                Append($"<text x=\"{N(mx)}\" y=\"{N(my - 10)}\" text-anchor=\"middle\" font-size=\"13\">{Count(count)} weights</text>\n");
                Append($"<text x=\"{N(mx)}\" y=\"{N(my + 8)}\" text-anchor=\"middle\" font-size=\"11\">w{start + 1}..w{start + count}</text>\n");
                Append($"<text x=\"{N(mx)}\" y=\"{N(my + 26)}\" text-anchor=\"middle\" font-size=\"11\">");
                Range(start, count);
                Append("</text>\n");
                start += count;
            }

            Box(X(0), BoxTop, BoxWidth, BoxHeight, "#dbe9f6", "#4a7db3", "inputs", $"{Count(_network.Inputs.Count)} inputs", $"i1..i{_network.Inputs.Count}", null);
            foreach (Layer layer in _network.Layers)
            {
                string role = layer.IsOutput ? "output layer" : $"hidden layer {layer.Number}";
                string neurons = $"{layer.Neurons[0]}..{layer.Neurons[layer.Neurons.Count - 1]}";
                string bias = layer.Description.Bias switch
                {
                    BiasKind.Shared => $"bias {layer.SharedBias!.Name} (shared)",
                    BiasKind.PerNeuron => "a bias per neuron",
                    _ => "no bias",
                };
                Box(X(layer.Number), BoxTop, BoxWidth, BoxHeight, layer.IsOutput ? "#f6dbdb" : "#dff2dc", layer.IsOutput ? "#b34a4a" : "#4f9a45",
                    role, $"{Count(layer.Neurons.Count)} {ActivationRules.Name(layer.Activation)}", neurons, bias);
            }

            Append($"<text x=\"{N(width / 2)}\" y=\"{N(height - 30)}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#555\">{_network.Parameters.Count.ToString("N0", CultureInfo.InvariantCulture)} parameters: drawn layer by layer (neurons are drawn for up to {MaxDetailedColumn} a layer).</text>\n");
            Close();
        }

        private void Box(double cx, double top, double width, double height, string fill, string stroke, string heading, string size, string names, string? bias)
        {
            Heading(cx, heading);
            Append($"<rect x=\"{N(cx - (width / 2))}\" y=\"{N(top)}\" width=\"{N(width)}\" height=\"{N(height)}\" rx=\"14\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"2\"/>\n");
            double my = top + (height / 2);
            Append($"<text x=\"{N(cx)}\" y=\"{N(my - 8)}\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">{size}</text>\n");
            Append($"<text x=\"{N(cx)}\" y=\"{N(my + 12)}\" text-anchor=\"middle\" font-size=\"12\">{names}</text>\n");
            if (bias is not null)
            {
                Append($"<text x=\"{N(cx)}\" y=\"{N(my + 30)}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#7a5520\">{bias}</text>\n");
            }
        }

        private void Open(double width, double height)
        {
            string title = Escape(NetworkFile.Topology(_network) + "; loss " + LossRules.Name(_network.Description.Loss));
            Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(width)}\" height=\"{N(height)}\" viewBox=\"0 0 {N(width)} {N(height)}\" font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\">\n");
            Append($"<title>{title}</title>\n");
            Append($"<rect width=\"{N(width)}\" height=\"{N(height)}\" fill=\"#ffffff\"/>\n");
            Append($"<text x=\"{N(width / 2)}\" y=\"28\" text-anchor=\"middle\" font-size=\"15\">{title}</text>\n");
        }

        private void Close() => Append("</svg>\n");

        private void Heading(double x, string text) =>
            Append($"<text x=\"{N(x)}\" y=\"58\" text-anchor=\"middle\" font-size=\"13\" fill=\"#444\">{Escape(text)}</text>\n");

        private void Append(string markup) => _markup.Append(markup);

        private void Slot(int index)
        {
            Flush();
            _pieces.Add(SvgPiece.Value(index));
        }

        private void Range(int start, int count)
        {
            Flush();
            _pieces.Add(SvgPiece.Range(start, count));
        }

        private void Flush()
        {
            if (_markup.Length > 0)
            {
                _pieces.Add(SvgPiece.Text(_markup.ToString()));
                _markup.Clear();
            }
        }

        private static string Count(int count) => count.ToString("N0", CultureInfo.InvariantCulture);

        /// <summary>Coordinates: invariant culture, at most one decimal.</summary>
        private static string N(double value) => System.Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

        public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
    }
}
