using System.Globalization;
using System.Xml;
using BackpropGen.Samples;
using BackpropGen.Testing;

namespace BackpropGen.Tests;

/// <summary>The samples' SVG helper: well-formed documents, one point per epoch, one cell per class pair, the same bytes every time.</summary>
public class SvgPlotTests
{
    private static readonly EpochRecord[] History =
    {
        new(1, 0.9, 0.5), new(2, 0.6, 0.75), new(3, 0.45, 0.8), new(4, 0.4, 0.9),
    };

    [Fact]
    public void Training_curve_has_a_point_per_epoch_on_both_axes()
    {
        string svg = SvgPlot.TrainingCurve("curve & <test>", History);
        XmlElement root = WalkthroughReader.ParseSvg(svg);
        XmlNodeList lines = root.GetElementsByTagName("polyline", "http://www.w3.org/2000/svg");
        Assert.Equal(2, lines.Count);
        foreach (XmlElement line in lines)
        {
            Assert.Equal(History.Length, line.GetAttribute("points").Split(' ').Length);
        }

        // The loss axis tops out at the next round number above the largest loss (1 for 0.9); 100% accuracy is the top.
        string[] loss = lines[0]!.Attributes!["points"]!.Value.Split(' ');
        double top = 60, height = 400 - 60 - 60;
        Assert.Equal(top + height - (0.9 * height), double.Parse(loss[0].Split(',')[1], CultureInfo.InvariantCulture), 1);
        Assert.Contains("curve & <test>", root.InnerText);
        Assert.Equal(svg, SvgPlot.TrainingCurve("curve & <test>", History));
        Assert.Throws<ArgumentException>(() => SvgPlot.TrainingCurve("empty", Array.Empty<EpochRecord>()));
    }

    [Fact]
    public void Confusion_matrix_has_a_cell_per_pair_with_its_count()
    {
        int[][] matrix = { new[] { 5, 1, 0 }, new[] { 0, 7, 0 }, new[] { 2, 0, 9 } };
        XmlElement root = WalkthroughReader.ParseSvg(SvgPlot.ConfusionMatrix("confusion", matrix, new[] { "a", "b", "c" }));
        var cells = root.GetElementsByTagName("rect", "http://www.w3.org/2000/svg").Cast<XmlElement>().Skip(1).ToList();   // after the background
        Assert.Equal(9, cells.Count);
        Assert.Equal("#1f5fa8", cells[4].GetAttribute("fill"));                  // 7 of 7: the full colour
        Assert.Equal("#ffffff", cells[2].GetAttribute("fill"));                  // 0: white
        Assert.NotEqual("#ffffff", cells[1].GetAttribute("fill"));               // a single mistake still shows
        var numbers = root.GetElementsByTagName("text", "http://www.w3.org/2000/svg").Cast<XmlElement>().Select(t => t.InnerText).ToList();
        Assert.Equal(new[] { "5", "1", "0", "0", "7", "0", "2", "0", "9" }, numbers.Where(t => t.Length == 1 && char.IsDigit(t[0])));
        Assert.Throws<ArgumentException>(() => SvgPlot.ConfusionMatrix("x", new[] { new[] { 1, 2 } }, new[] { "a" }));
    }
}
