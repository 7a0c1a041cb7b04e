using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace BackpropGen.Samples;

/// <summary>
/// Standalone SVG documents for the samples' training curves and confusion matrices: plain text, invariant culture,
/// fixed sizes, so the same run writes the same bytes on every machine (no plotting library, no native dependency).
/// </summary>
public static class SvgPlot
{
    private const string Font = "DejaVu Sans, Verdana, Arial, sans-serif";

    /// <summary>Mean training loss per epoch (left axis) and held-out accuracy (right axis, 0..100%).</summary>
    public static string TrainingCurve(string title, IReadOnlyList<EpochRecord> history)
    {
        if (history.Count == 0)
        {
            throw new ArgumentException("The history is empty.", nameof(history));
        }

        const double Width = 720, Height = 400, Left = 80, Right = 80, Top = 60, Bottom = 60;
        double plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom;
        int firstEpoch = history[0].Epoch, lastEpoch = history[^1].Epoch;
        double maxLoss = NiceCeiling(history.Max(h => h.MeanLoss));
        double X(int epoch) => Left + (lastEpoch == firstEpoch ? plotWidth / 2 : (epoch - firstEpoch) * plotWidth / (lastEpoch - firstEpoch));
        double YLoss(double loss) => Top + plotHeight - (Math.Clamp(loss / maxLoss, 0, 1) * plotHeight);
        double YAccuracy(double accuracy) => Top + plotHeight - (Math.Clamp(accuracy, 0, 1) * plotHeight);

        var svg = Open(Width, Height, title);
        // Grid and axes.
        for (int i = 0; i <= 5; i++)
        {
            double y = Top + (plotHeight * i / 5);
            svg.Append($"<line x1=\"{N(Left)}\" y1=\"{N(y)}\" x2=\"{N(Left + plotWidth)}\" y2=\"{N(y)}\" stroke=\"#e3e3e3\"/>\n");
            svg.Append(Text(Left - 8, y + 4, Number(maxLoss * (5 - i) / 5), "end", 11, "#1f5fa8"));
            svg.Append(Text(Left + plotWidth + 8, y + 4, ((5 - i) * 20).ToString(CultureInfo.InvariantCulture) + "%", "start", 11, "#c2561a"));
        }

        foreach (int epoch in Ticks(firstEpoch, lastEpoch))
        {
            svg.Append($"<line x1=\"{N(X(epoch))}\" y1=\"{N(Top + plotHeight)}\" x2=\"{N(X(epoch))}\" y2=\"{N(Top + plotHeight + 5)}\" stroke=\"#555\"/>\n");
            svg.Append(Text(X(epoch), Top + plotHeight + 20, epoch.ToString(CultureInfo.InvariantCulture), "middle", 11, "#333"));
        }

        svg.Append($"<rect x=\"{N(Left)}\" y=\"{N(Top)}\" width=\"{N(plotWidth)}\" height=\"{N(plotHeight)}\" fill=\"none\" stroke=\"#555\"/>\n");
        svg.Append(Text(Left + (plotWidth / 2), Height - 15, "epoch", "middle", 12, "#333"));
        svg.Append(Text(18, Top + (plotHeight / 2), "mean training loss", "middle", 12, "#1f5fa8", rotate: true));
        svg.Append(Text(Width - 18, Top + (plotHeight / 2), "held-out accuracy", "middle", 12, "#c2561a", rotate: true));

        svg.Append(Polyline(history.Select(h => (X(h.Epoch), YLoss(h.MeanLoss))), "#1f5fa8"));
        svg.Append(Polyline(history.Select(h => (X(h.Epoch), YAccuracy(h.HeldOutAccuracy))), "#c2561a"));

        EpochRecord last = history[^1];
        string legend = FormattableString.Invariant($"after epoch {last.Epoch}: loss {last.MeanLoss:0.0000}, held-out accuracy {last.HeldOutAccuracy:0.00%}");
        svg.Append(Text(Left + plotWidth - 10, Top + (plotHeight * 0.45), legend, "end", 12, "#333"));
        return Close(svg);
    }

    /// <summary>Rows: the true class; columns: the predicted class; each cell shaded by its share of its row.</summary>
    public static string ConfusionMatrix(string title, int[][] matrix, IReadOnlyList<string> names)
    {
        int n = matrix.Length;
        if (n == 0 || names.Count != n || matrix.Any(row => row.Length != n))
        {
            throw new ArgumentException("The matrix must be square, with one name per class.", nameof(matrix));
        }

        double cell = n <= 4 ? 70 : 42;
        double labelWidth = Math.Max(60, names.Max(s => s.Length) * 8 + 20);
        double left = labelWidth + 40, top = 90;
        double width = left + (n * cell) + 30, height = top + (n * cell) + 40;
        var svg = Open(width, height, title);
        svg.Append(Text(left + (n * cell / 2), top - 38, "predicted", "middle", 12, "#333"));
        svg.Append(Text(16, top + (n * cell / 2), "true", "middle", 12, "#333", rotate: true));
        for (int j = 0; j < n; j++)
        {
            svg.Append(Text(left + ((j + 0.5) * cell), top - 10, Escape(names[j]), "middle", 11, "#333"));
        }

        for (int i = 0; i < n; i++)
        {
            int rowSum = matrix[i].Sum();
            svg.Append(Text(left - 8, top + ((i + 0.5) * cell) + 4, Escape(names[i]), "end", 11, "#333"));
            for (int j = 0; j < n; j++)
            {
                double share = rowSum == 0 ? 0 : (double)matrix[i][j] / rowSum;
                // Mistakes stand out even when few: any off-diagonal count gets at least a light shade.
                string fill = i == j ? Shade(share, (31, 95, 168)) : Shade(matrix[i][j] == 0 ? 0 : Math.Max(share, 0.3), (194, 86, 26));
                double x = left + (j * cell), y = top + (i * cell);
                svg.Append($"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(cell)}\" height=\"{N(cell)}\" fill=\"{fill}\" stroke=\"#bbbbbb\"/>\n");
                string color = share > 0.6 ? "#ffffff" : "#222222";
                svg.Append(Text(x + (cell / 2), y + (cell / 2) + 5, matrix[i][j].ToString(CultureInfo.InvariantCulture), "middle", n <= 4 ? 16 : 13, color));
            }
        }

        return Close(svg);
    }

    /// <summary>White for 0, the full colour for 1.</summary>
    private static string Shade(double share, (int R, int G, int B) color)
    {
        int Mix(int c) => (int)Math.Round(255 + ((c - 255) * Math.Clamp(share, 0, 1)));
        return FormattableString.Invariant($"#{Mix(color.R):x2}{Mix(color.G):x2}{Mix(color.B):x2}");
    }

    private static StringBuilder Open(double width, double height, string title)
    {
        var svg = new StringBuilder();
        svg.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(width)}\" height=\"{N(height)}\" viewBox=\"0 0 {N(width)} {N(height)}\" font-family=\"{Font}\">\n");
        svg.Append($"<title>{Escape(title)}</title>\n");
        svg.Append($"<rect width=\"{N(width)}\" height=\"{N(height)}\" fill=\"#ffffff\"/>\n");
        svg.Append(Text(width / 2, 28, Escape(title), "middle", 15, "#111"));
        return svg;
    }

    private static string Close(StringBuilder svg) => svg.Append("</svg>\n").ToString();

    private static string Polyline(IEnumerable<(double X, double Y)> points, string color) =>
        $"<polyline points=\"{string.Join(" ", points.Select(p => N(p.X) + "," + N(p.Y)))}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" stroke-linejoin=\"round\"/>\n";

    private static string Text(double x, double y, string text, string anchor, double size, string color, bool rotate = false)
    {
        string transform = rotate ? $" transform=\"rotate(-90 {N(x)} {N(y)})\"" : string.Empty;
        return $"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" font-size=\"{N(size)}\" fill=\"{color}\"{transform}>{text}</text>\n";
    }

    /// <summary>About 5 to 10 round epoch numbers, first and last included.</summary>
    private static IEnumerable<int> Ticks(int first, int last)
    {
        int span = Math.Max(1, last - first);
        int step = new[] { 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000 }.FirstOrDefault(s => span / s <= 10, span);
        var ticks = new SortedSet<int> { first, last };
        for (int e = (first / step + 1) * step; e < last; e += step)
        {
            if (e - first >= step / 2 && last - e >= step / 2)
            {
                ticks.Add(e);
            }
        }

        return ticks;
    }

    /// <summary>The smallest of 1, 2, 2.5, 5 times a power of ten at or above <paramref name="value"/>.</summary>
    private static double NiceCeiling(double value)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            return 1;
        }

        double power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (double m in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (m * power >= value)
            {
                return m * power;
            }
        }

        return 10 * power;
    }

    private static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
