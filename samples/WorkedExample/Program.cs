using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace WorkedExample;

/// <summary>
/// Reproduces "A Step by Step Backpropagation Example" (Matt Mazur, 2015) with the class BackpropGen
/// generates from mazur.json, and compares every number with the article and with the exact values
/// (Reference.cs). Exits with 1 if any computed value misses an exact value.
/// </summary>
internal static class Program
{
    private const double LearningRate = 0.5;
    private const int TrainingUpdates = 10_000;
    private static readonly int[] Checkpoints = { 1, 9_999, 10_000 };

    // The training sample of the worked example.
    private static readonly double[] Input = { 0.05, 0.10 };
    private static readonly double[] Target = { 0.01, 0.99 };

    private static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        string? outputDirectory = args.Length == 0 ? "plots" : args.Length == 2 && args[0] == "--plots" ? args[1] : null;
        if (outputDirectory is null)
        {
            Console.Error.WriteLine("Usage: WorkedExample [--plots DIR]   (where to write walkthrough.md and mazur-diagram.svg; default: plots)");
            return 2;
        }

        var checker = new Checker();
        PrintIntroduction();
        PrintForwardAndBackward(checker);
        PrintGradients(checker);
        PrintOneStep(checker);
        Dictionary<int, Snapshot> described = Train(net => net.TrainStep(Input, Target, LearningRate));
        PrintTraining(described, checker);
        var reconstructionChecker = new Checker();
        PrintArticleSummaryExplained(described, reconstructionChecker);
        PrintWhereToReadTheGeneratedCode();
        WriteWalkthroughAndDiagram(outputDirectory);
        return PrintSummary(checker, reconstructionChecker);
    }

    // ----- 1. Introduction -------------------------------------------------------------------------

    private static void PrintIntroduction()
    {
        Console.WriteLine("BackpropGen: \"A Step by Step Backpropagation Example\" (Matt Mazur, 2015), reproduced");
        Console.WriteLine("with the class the generator writes from mazur.json (MazurNet).");
        Console.WriteLine("Every computed number is checked against its exact value. A \"no\" in the last column means the");
        Console.WriteLine("article printed another figure (its rounding, or its earlier script: see the end), not an error.");
        Console.WriteLine();
        Console.WriteLine("Network: inputs i1 i2 -> hidden h1 h2 -> outputs o1 o2, all logistic; one bias per layer,");
        Console.WriteLine("shared by its neurons (b1, b2); E_total = sum of 1/2 (target - out)^2; plain gradient");
        Console.WriteLine($"descent, eta = {LearningRate}, biases not trained. Sample: i = ({Input[0]:0.00}, {Input[1]:0.00}), " +
                          $"target = ({Target[0]:0.00}, {Target[1]:0.00}).");
        Console.WriteLine();
        PrintInitialParameters();
        Console.WriteLine();
        Console.WriteLine("How to read the tables:");
        Console.WriteLine("  computed   what the generated MazurNet computes, to 12 decimals");
        Console.WriteLine("  article    the figure printed in the article, digit for digit");
        Console.WriteLine("  exact      the exact value, recomputed in IEEE double precision (table in Reference.cs)");
        Console.WriteLine("  |c-exact|  |computed - exact|, which must be <= 1e-9 or the program fails. The training");
        Console.WriteLine("             summary's exact values are given to fewer digits: there the computed value");
        Console.WriteLine("             must round to them (\"rounds\").");
        Console.WriteLine("  article?   printed-precision rule: \"yes\" if the computed value, rounded to as many");
        Console.WriteLine("             decimals as the article printed, gives the article's figure exactly; else");
        Console.WriteLine("             \"no (N)\": the article's figure minus the computed value is N units of the");
        Console.WriteLine("             article's last printed digit. Only reported: it does not decide the exit code.");
    }

    private static void PrintInitialParameters()
    {
        var net = new MazurNet();
        Span<double> parameters = stackalloc double[MazurNet.ParameterCount];
        net.GetParameters(parameters);
        Console.Write("Initial parameters (new MazurNet(), read back with GetParameters):");
        for (int k = 0; k < MazurNet.ParameterCount; k++)
        {
            if (k % 5 == 0)
            {
                Console.WriteLine();
            }

            Console.Write($"  {MazurNet.ParameterName(k)} = {parameters[k]:0.00}");
        }

        Console.WriteLine();
    }

    // ----- 2. One forward and backward pass, read from the trace ----------------------------------

    private static void PrintForwardAndBackward(Checker checker)
    {
        var net = new MazurNet();
        Span<double> gradient = stackalloc double[MazurNet.ParameterCount];
        net.Backward(Input, Target, gradient, out MazurNet.Trace trace);

        Compare("Forward pass (MazurNet.Backward with a Trace)", Reference.ForwardPass, ForwardValues(trace), checker);
        Compare("Backward pass (the same Trace)", Reference.BackwardPass, BackwardValues(trace), checker);
    }

    private static Dictionary<string, double> ForwardValues(MazurNet.Trace t) => new()
    {
        ["net_h1"] = t.net_h1,
        ["out_h1"] = t.out_h1,
        ["out_h2"] = t.out_h2,
        ["net_o1"] = t.net_o1,
        ["out_o1"] = t.out_o1,
        ["net_o2"] = t.net_o2,
        ["out_o2"] = t.out_o2,
        ["E_o1"] = t.E_o1,
        ["E_o2"] = t.E_o2,
        ["E_total"] = t.E_total,
    };

    private static Dictionary<string, double> BackwardValues(MazurNet.Trace t) => new()
    {
        ["dE_total/dout_o1"] = t.dE_dout_o1,
        ["dout_o1/dnet_o1"] = t.dout_o1_dnet_o1,
        ["dnet_o1/dw5 (= out_h1)"] = t.out_h1,
        ["dE_total/dw5"] = t.dE_dw5,
        ["delta_o1 = dE_total/dnet_o1"] = t.delta_o1,
        ["dE_o1/dout_h1"] = t.dE_o1_dout_h1,
        ["dE_o2/dout_h1"] = t.dE_o2_dout_h1,
        ["dE_total/dout_h1"] = t.dE_dout_h1,
        ["dout_h1/dnet_h1"] = t.dout_h1_dnet_h1,
        ["dE_total/dw1"] = t.dE_dw1,
    };

    // ----- 3. All ten gradients ------------------------------------------------------------------

    private static void PrintGradients(Checker checker)
    {
        var net = new MazurNet();
        var gradient = new double[MazurNet.ParameterCount];
        net.Backward(Input, Target, gradient);

        var computed = new Dictionary<string, double>();
        for (int k = 0; k < MazurNet.ParameterCount; k++)
        {
            computed["dE_total/d" + MazurNet.ParameterName(k)] = gradient[k];
        }

        Compare("All gradients (MazurNet.Backward; names from MazurNet.ParameterName)", Reference.Gradients, computed, checker);
    }

    // ----- 4. One training step ------------------------------------------------------------------

    private static void PrintOneStep(Checker checker)
    {
        var net = new MazurNet();
        double lossBefore = net.TrainStep(Input, Target, LearningRate);
        var parameters = new double[MazurNet.ParameterCount];
        net.GetParameters(parameters);

        var computed = new Dictionary<string, double>();
        for (int k = 0; k < MazurNet.ParameterCount; k++)
        {
            computed[MazurNet.ParameterName(k) + "+"] = parameters[k];
        }

        Compare($"Parameters after one step (MazurNet.TrainStep, eta = {LearningRate})", Reference.ParametersAfterOneStep, computed, checker);
        Console.WriteLine("b1+ and b2+ must equal b1 and b2: mazur.json says \"trainBiases\": false, as in the article.");
        Console.WriteLine($"TrainStep returned {lossBefore:F12}: the loss before the step.");
    }

    // ----- 5. Training ---------------------------------------------------------------------------

    /// <summary>E_total and the outputs after some number of updates; Returned is what the last step returned.</summary>
    private sealed record Snapshot(int Updates, double Loss, double OutO1, double OutO2, double Returned);

    /// <summary>Trains a fresh network with <paramref name="step"/> and measures it at the checkpoints.</summary>
    private static Dictionary<int, Snapshot> Train(Func<MazurNet, double> step)
    {
        var net = new MazurNet();
        var snapshots = new Dictionary<int, Snapshot> { [0] = Measure(net, 0, double.NaN) };
        for (int n = 1; n <= TrainingUpdates; n++)
        {
            double returned = step(net);
            if (Array.IndexOf(Checkpoints, n) >= 0)
            {
                snapshots[n] = Measure(net, n, returned);
            }
        }

        return snapshots;
    }

    private static Snapshot Measure(MazurNet net, int updates, double returned)
    {
        var output = new double[MazurNet.OutputCount];
        net.Forward(Input, output);
        return new Snapshot(updates, net.Loss(Input, Target), output[0], output[1], returned);
    }

    private static void PrintTraining(Dictionary<int, Snapshot> described, Checker checker)
    {
        Heading($"Training: fresh network, the same sample, eta = {LearningRate}, MazurNet.TrainStep");
        var table = new Table(8, 15, 15, 15);
        table.Header("updates", "E_total", "out_o1", "out_o2");
        TrainingRow(table, described[0]);
        foreach (int updates in Checkpoints)
        {
            TrainingRow(table, described[updates]);
        }

        Console.WriteLine($"TrainStep returns the loss before its update: its 10,000th call returned {described[10_000].Returned:F12},");
        Console.WriteLine("which is E_total after 9,999 updates.");

        var computed = new Dictionary<string, double>();
        foreach (ReferenceValue reference in Reference.Training)
        {
            computed[reference.Quantity] = TrainingValue(described, reference.Quantity);
        }

        Compare("Training summary against the algorithm as the article describes it", Reference.Training, computed, checker);
    }

    private static void TrainingRow(Table table, Snapshot s) =>
        table.Row(s.Updates.ToString("N0").PadLeft(7), Figures.Fixed(s.Loss, 12), Figures.Fixed(s.OutO1, 12), Figures.Fixed(s.OutO2, 12));

    /// <summary>The training quantity named as in the reference table, e.g. "out_o1 after 10,000 updates".</summary>
    private static double TrainingValue(Dictionary<int, Snapshot> snapshots, string quantity) => quantity switch
    {
        "E_total after 1 update" => snapshots[1].Loss,
        "E_total after 9,999 updates" => snapshots[9_999].Loss,
        "E_total after 10,000 updates" => snapshots[10_000].Loss,
        "out_o1 after 10,000 updates" => snapshots[10_000].OutO1,
        "out_o2 after 10,000 updates" => snapshots[10_000].OutO2,
        _ => double.NaN,
    };

    // ----- 6. Where the article's summary figures come from -------------------------------------

    private static void PrintArticleSummaryExplained(Dictionary<int, Snapshot> described, Checker reconstructionChecker)
    {
        Heading("Where the article's summary figures come from");
        PrintWrapped(
            "The article's per-step numbers (every gradient, every updated weight above) follow its text: all " +
            "gradients from the old weights, then all updates. Its summary figures do not. They come from an " +
            "earlier version of the author's own script, in which the output weights were updated first and " +
            "the hidden-layer deltas were then computed from the already-updated output weights. The script was " +
            "later corrected; the article's summary was not.");
        Console.WriteLine();
        PrintWrapped(
            "Demonstration: EarlierScript.cs is a RECONSTRUCTION of that earlier script, not the algorithm the " +
            "article describes. From MazurNet.Backward with a Trace it computes new w5..w8, then " +
            "dE_total/dout_h1 = delta_o1*w5new + delta_o2*w7new and dE_total/dout_h2 = delta_o1*w6new + " +
            "delta_o2*w8new (old deltas), times dout_h/dnet_h and the input for w1..w4, and calls SetParameters. " +
            "Trained the same way (fresh network, same sample, eta 0.5):");
        Console.WriteLine();

        Dictionary<int, Snapshot> earlier = Train(net => EarlierScript.TrainStep(net, Input, Target, LearningRate));
        PrintSideBySide(described, earlier);
        Console.WriteLine();
        PrintWrapped(
            "* The error the article prints \"after 10,000\" (0.0000351085) is not what the earlier script gives " +
            "after 10,000 updates (0.0000350848, with exactly the outputs the article prints). To its 10 printed " +
            "decimals it equals the described algorithm's error after 9,999 updates, i.e. the loss before the " +
            "10,000th update (what TrainStep's 10,000th call returns). The article's error and outputs thus do " +
            "not come from one and the same measurement; which run printed the error, the article does not say.");
        Console.WriteLine();
        CheckReconstruction(earlier, reconstructionChecker);
    }

    private static void PrintSideBySide(Dictionary<int, Snapshot> described, Dictionary<int, Snapshot> earlier)
    {
        Console.WriteLine("  described  = the algorithm as the article describes it (MazurNet.TrainStep), exact");
        Console.WriteLine("  art.-desc. = the article's figure minus the exact value of the described algorithm");
        Console.WriteLine("  earlier    = the reconstruction of the earlier script; values rounded as the article's");
        Console.WriteLine();
        var table = new Table(29, 13, 13, 10, 13, 15);
        table.Header("quantity", "article", "described", "art.-desc.", "earlier", "article matches");
        string errorFigure = ArticleFigure("E_total after 10,000 updates");
        SideBySideRow(table, "E_total after 1 update", ArticleFigure("E_total after 1 update"), described[1].Loss, earlier[1].Loss);
        SideBySideRow(table, "E_total after 10,000 updates*", errorFigure, described[10_000].Loss, earlier[10_000].Loss);
        SideBySideRow(table, "out_o1 after 10,000 updates", ArticleFigure("out_o1 after 10,000 updates"), described[10_000].OutO1, earlier[10_000].OutO1);
        SideBySideRow(table, "out_o2 after 10,000 updates", ArticleFigure("out_o2 after 10,000 updates"), described[10_000].OutO2, earlier[10_000].OutO2);
        SideBySideRow(table, "E_total after 9,999 updates*", errorFigure, described[9_999].Loss, earlier[9_999].Loss);
    }

    private static void SideBySideRow(Table table, string quantity, string article, double described, double earlier)
    {
        int decimals = Figures.Decimals(article);
        string difference = Figures.Scientific(Figures.Parse(article) - described, withSign: true);
        table.Row(quantity, article, Figures.Fixed(described, decimals), difference, Figures.Fixed(earlier, decimals),
                  WhichMatches(article, described, earlier));
    }

    private static string WhichMatches(string article, double described, double earlier)
    {
        bool describedMatches = Figures.RoundsTo(described, article);
        bool earlierMatches = Figures.RoundsTo(earlier, article);
        if (describedMatches && earlierMatches)
        {
            return "both";
        }

        return describedMatches ? "described" : earlierMatches ? "earlier script" : "neither";
    }

    private static string ArticleFigure(string quantity)
    {
        foreach (ReferenceValue reference in Reference.Training)
        {
            if (reference.Quantity == quantity && reference.Article is not null)
            {
                return reference.Article;
            }
        }

        throw new InvalidOperationException("The reference table has no article figure for " + quantity);
    }

    /// <summary>Checks the reconstruction against the reference figures for the earlier script.</summary>
    private static void CheckReconstruction(Dictionary<int, Snapshot> earlier, Checker reconstructionChecker)
    {
        var expected = new List<string>();
        foreach (ReferenceValue reference in Reference.EarlierScript)
        {
            reconstructionChecker.Check(reference, TrainingValue(earlier, reference.Quantity), out _);
            expected.Add(reference.Exact);
        }

        int agreeing = reconstructionChecker.Count - reconstructionChecker.Failures.Count;
        PrintWrapped(
            $"Check: the reference table says the earlier script gives {string.Join(", ", expected)} " +
            $"(E_total after 1 update; E_total, out_o1, out_o2 after 10,000). The reconstruction agrees " +
            $"with {agreeing} of {reconstructionChecker.Count} at their printed precision.");
    }

    // ----- 7. The generated source ---------------------------------------------------------------

    private static void PrintWhereToReadTheGeneratedCode()
    {
        Heading("The generated code");
        Console.WriteLine("Read it next to the article (one named local per quantity, one line per partial derivative):");
        Console.WriteLine("  checked-in snapshot:");
        Console.WriteLine("    tests/BackpropGen.Generator.Tests/Snapshots/WorkedExample.MazurNet.g.cs");
        Console.WriteLine("  after a build of this sample (EmitCompilerGeneratedFiles in WorkedExample.csproj):");
        Console.WriteLine("    samples/WorkedExample/obj/Generated/BackpropGen.Generator/");
        Console.WriteLine("      BackpropGen.Generator.BackpropGenerator/WorkedExample.MazurNet.g.cs");
    }

    // ----- 8. Summary and exit code --------------------------------------------------------------

    private static int PrintSummary(Checker checker, Checker reconstructionChecker)
    {
        Heading("Summary");
        PrintArticleTally(checker);
        Console.WriteLine();
        if (checker.Failures.Count == 0 && reconstructionChecker.Failures.Count == 0)
        {
            Console.WriteLine($"All {checker.Count} values agree with the exact column " +
                              $"(max |diff| = {Figures.Scientific(checker.MaxDifference)}).");
            Console.WriteLine($"  {checker.FullPrecisionCount} are given to 12 decimals and checked to 1e-9; " +
                              $"{checker.Count - checker.FullPrecisionCount} training figures,");
            Console.WriteLine("  given to fewer digits, are checked to their printed precision.");
            Console.WriteLine($"The earlier-script reconstruction reproduces all {reconstructionChecker.Count} of its figures.");
            return 0;
        }

        PrintFailures($"{checker.Failures.Count} of {checker.Count} values disagree with the exact column:", checker.Failures);
        PrintFailures($"{reconstructionChecker.Failures.Count} of {reconstructionChecker.Count} earlier-script figures are not reproduced:",
                      reconstructionChecker.Failures);
        return 1;
    }

    private static void PrintArticleTally(Checker checker)
    {
        int printed = checker.ArticleAgreements + checker.ArticleMismatches.Count;
        Console.WriteLine($"Of the article's {printed} printed figures, {checker.ArticleAgreements} agree with the computed " +
                          "values at their printed");
        Console.WriteLine($"precision; {checker.ArticleMismatches.Count} do not (N: article minus computed, in units of its last digit):");
        foreach (string mismatch in checker.ArticleMismatches)
        {
            Console.WriteLine("  " + mismatch);
        }

        Console.WriteLine("The training-summary figures are explained in \"Where the article's summary figures come");
        Console.WriteLine("from\". dE_o2/dout_h1 is a one-unit slip in the article's last printed digit (exact");
        Console.WriteLine("-0.019049118258, printed -0.019049119); the figures computed from it agree.");
    }

    private static void PrintFailures(string title, IReadOnlyList<string> failures)
    {
        if (failures.Count == 0)
        {
            return;
        }

        Console.WriteLine(title);
        foreach (string failure in failures)
        {
            Console.WriteLine("  " + failure);
        }
    }

    // ----- The walk-through and the diagram, written by the generated class itself -------------------

    private static void WriteWalkthroughAndDiagram(string directory)
    {
        Heading("Walk-through and diagram");
        Directory.CreateDirectory(directory);
        var net = new MazurNet();
        var walkthrough = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        net.WriteWalkthrough(Input, Target, LearningRate, walkthrough);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        string walkthroughPath = Path.Combine(directory, "walkthrough.md");
        File.WriteAllText(walkthroughPath, walkthrough.ToString(), utf8);
        string diagramPath = Path.Combine(directory, "mazur-diagram.svg");
        File.WriteAllText(diagramPath, net.ToDiagramSvg(), utf8);
        Console.WriteLine($"wrote {walkthroughPath} (net.WriteWalkthrough: the step above, every formula with its numbers)");
        Console.WriteLine($"wrote {diagramPath} (net.ToDiagramSvg: the network as the article draws it)");
    }

    // ----- Printing helpers ----------------------------------------------------------------------

    private static void Heading(string title)
    {
        Console.WriteLine();
        Console.WriteLine("== " + title + " " + new string('=', Math.Max(3, 95 - title.Length)));
    }

    /// <summary>Compares one section's computed values with the reference table and prints it.</summary>
    private static void Compare(string title, ReferenceValue[] references, Dictionary<string, double> computed, Checker checker)
    {
        Heading(title);
        var table = new Table(28, 15, 13, 15, 9, 13);
        table.Header("quantity", "computed", "article", "exact", "|c-exact|", "article?");
        foreach (ReferenceValue reference in references)
        {
            if (!computed.TryGetValue(reference.Quantity, out double value))
            {
                checker.Fail(reference.Quantity + ": not computed by the program");
                table.Row(reference.Quantity, "(missing)");
                continue;
            }

            bool agrees = checker.Check(reference, value, out string difference);
            table.Row(reference.Quantity, Figures.Signed(Figures.Fixed(value, 12)),
                      reference.Article is null ? "(not printed)" : Figures.Signed(reference.Article),
                      Figures.Signed(reference.Exact), difference, checker.ArticleVerdict(reference, value));
            if (!agrees)
            {
                Console.WriteLine("  ^ FAILS: does not agree with the exact column");
            }
        }
    }

    /// <summary>Prints a paragraph wrapped at 96 columns.</summary>
    private static void PrintWrapped(string text)
    {
        const int Width = 96;
        string line = "";
        foreach (string word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > Width)
            {
                Console.WriteLine(line);
                line = "";
            }

            line = line.Length == 0 ? word : line + " " + word;
        }

        Console.WriteLine(line);
    }
}
