using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml;
using Xunit;

namespace BackpropGen.Testing;

/// <summary>
/// Reads a generated walk-through back (every "- `name = ... = value`" line) and checks each value against the
/// generated pass: the Trace field of the quantity, the value a "dnet/dw" line names, and the parameter TrainStep
/// leaves for "p+" lines. Linked into both test projects.
/// </summary>
public static class WalkthroughReader
{
    private static readonly Regex QuantityLine = new Regex(@"^- `(?<body>[^`]*)`", RegexOptions.CultureInvariant);

    /// <summary>(name, value text, formula text, whole line) of every quantity line, in order.</summary>
    public static IReadOnlyList<(string Name, string Value, string Formula, string Line)> Lines(string markdown)
    {
        var lines = new List<(string, string, string, string)>();
        foreach (string line in markdown.Split('\n'))
        {
            Match match = QuantityLine.Match(line);
            if (!match.Success)
            {
                continue;
            }

            string body = match.Groups["body"].Value;
            int first = body.IndexOf(" = ", StringComparison.Ordinal);
            int last = body.LastIndexOf(" = ", StringComparison.Ordinal);
            Assert.True(first > 0, "A quantity line without ' = ': " + line);
            lines.Add((body.Substring(0, first), body.Substring(last + 3), body.Substring(first + 3), line));
        }

        return lines;
    }

    /// <summary>The Trace field a line's name reads: "dE_total/dout_o1" is dE_dout_o1, "dout_o1/dnet_o1" is dout_o1_dnet_o1.</summary>
    public static string TraceField(string name) => name.Replace("dE_total/d", "dE_d").Replace("/", "_");

    /// <summary>
    /// Every value of a walk-through written with 17 significant digits is, bit for bit, the generated pass's: each
    /// quantity its Trace field, each dnet/dw the value it names, each p+ what TrainStep leaves in p; and every
    /// field of the Trace has its line.
    /// </summary>
    public static int AssertMatchesPass(string markdown, object trace, Func<int, string> parameterName, Array parametersAfterTrainStep, Func<string, double?>? optimizerAfterTrainStep = null)
    {
        Type type = trace.GetType();
        bool isFloat = parametersAfterTrainStep is float[];
        var fields = type.GetFields(BindingFlags.Public | BindingFlags.Instance).ToDictionary(f => f.Name, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var parameters = Enumerable.Range(0, parametersAfterTrainStep.Length).ToDictionary(parameterName, i => i, StringComparer.Ordinal);
        int checkedValues = 0;
        foreach (var (name, value, formula, line) in Lines(markdown))
        {
            object expected;
            if (name.EndsWith("'", StringComparison.Ordinal))
            {
                // An intermediate value of an optimizer step (AdamW's decayed parameter): its final value is checked.
                continue;
            }

            if (name.EndsWith("+", StringComparison.Ordinal) && !parameters.ContainsKey(name.TrimEnd('+')))
            {
                // The optimizer's state after the step (moments, step count, bias corrections).
                double? state = optimizerAfterTrainStep?.Invoke(name.TrimEnd('+'));
                Assert.True(state is not null, "No parameter or optimizer state for line: " + line);
                expected = isFloat ? (object)(float)state!.Value : state!.Value;
            }
            else if (name.EndsWith("+", StringComparison.Ordinal))
            {
                Assert.True(parameters.TryGetValue(name.TrimEnd('+'), out int index), "No parameter for line: " + line);
                expected = parametersAfterTrainStep.GetValue(index)!;
            }
            else if (name.StartsWith("dnet_", StringComparison.Ordinal))
            {
                string carried = formula.Substring(0, formula.IndexOf(" = ", StringComparison.Ordinal));
                Assert.True(fields.ContainsKey(carried), "dnet/dw line names no quantity: " + line);
                expected = fields[carried].GetValue(trace)!;
            }
            else
            {
                string field = TraceField(name);
                Assert.True(fields.ContainsKey(field), $"No Trace field {field} for line: {line}");
                expected = fields[field].GetValue(trace)!;
                seen.Add(field);
            }

            if (isFloat)
            {
                Assert.True(float.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture) == (float)expected, $"{line}\nexpected {(float)expected:R}");
            }
            else
            {
                Assert.True(double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture) == (double)expected, $"{line}\nexpected {(double)expected:R}");
            }

            checkedValues++;
        }

        Assert.Empty(fields.Keys.Except(seen));
        return checkedValues;
    }

    /// <summary>Parses the SVG with System.Xml (no DTD, no external entities) and returns its root element.</summary>
    public static XmlElement ParseSvg(string svg)
    {
        var document = new XmlDocument { XmlResolver = null };
        using (var reader = XmlReader.Create(new System.IO.StringReader(svg), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
        {
            document.Load(reader);
        }

        XmlElement root = document.DocumentElement!;
        Assert.Equal("svg", root.LocalName);
        Assert.Equal("http://www.w3.org/2000/svg", root.NamespaceURI);
        Assert.True(double.Parse(root.GetAttribute("width"), CultureInfo.InvariantCulture) > 0);
        Assert.True(double.Parse(root.GetAttribute("height"), CultureInfo.InvariantCulture) > 0);
        return root;
    }
}
