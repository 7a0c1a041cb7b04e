using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace BackpropGen.Playground.Engine;

/// <summary>Numbers the visitor types: separated by commas, spaces or semicolons, invariant culture.</summary>
public static class NumberList
{
    public static bool TryParse(string? text, out double[] values)
    {
        var list = new List<double>();
        foreach (string part in (text ?? "").Split(new[] { ',', ' ', ';', '\t', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                values = Array.Empty<double>();
                return false;
            }

            list.Add(value);
        }

        values = list.ToArray();
        return true;
    }

    public static string Format(IEnumerable<double> values) =>
        string.Join(", ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>Training rows, one a line: <c>inputs | targets</c>.</summary>
    public static bool TryParseRows(string? text, int inputs, int outputs, out List<(double[] Input, double[] Target)> rows, out string? error)
    {
        rows = new List<(double[], double[])>();
        error = null;
        int lineNumber = 0;
        foreach (string raw in (text ?? "").Split('\n'))
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal))
            {
                continue;
            }

            string[] halves = line.Split('|');
            if (halves.Length != 2 || !TryParse(halves[0], out double[] input) || !TryParse(halves[1], out double[] target))
            {
                error = $"line {lineNumber}: write inputs | targets";
                return false;
            }

            if (input.Length != inputs || target.Length != outputs)
            {
                error = $"line {lineNumber}: {input.Length} inputs and {target.Length} targets; the network takes {inputs} and {outputs}";
                return false;
            }

            rows.Add((input, target));
        }

        if (rows.Count == 0)
        {
            error = "no training rows";
            return false;
        }

        return true;
    }
}
