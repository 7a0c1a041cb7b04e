using System;
using System.Collections.Generic;
using System.Globalization;

namespace WorkedExample;

/// <summary>
/// Compares computed values with the reference table: with the exact column (this decides the exit code)
/// and with the article's printed figures (this is only reported).
/// </summary>
internal sealed class Checker
{
    /// <summary>Largest allowed |computed - exact| where the exact value is given to 12 decimals.</summary>
    public const double Tolerance = 1e-9;

    private readonly List<string> _failures = new();
    private readonly List<string> _articleMismatches = new();

    /// <summary>Values compared with the exact column.</summary>
    public int Count { get; private set; }

    /// <summary>Of those, the ones whose exact value is given to 12 decimals (checked to 1e-9).</summary>
    public int FullPrecisionCount { get; private set; }

    /// <summary>Largest |computed - exact| over the values given to 12 decimals.</summary>
    public double MaxDifference { get; private set; }

    public IReadOnlyList<string> Failures => _failures;

    /// <summary>Figures the article printed that agree with the computed value at their printed precision.</summary>
    public int ArticleAgreements { get; private set; }

    /// <summary>Figures the article printed that do not, as "quantity (N)".</summary>
    public IReadOnlyList<string> ArticleMismatches => _articleMismatches;

    /// <summary>
    /// Checks one value against the exact column. <paramref name="differenceText"/> is the table's
    /// "|c-exact|" cell: the difference, or "rounds" where the exact value is only given to fewer digits.
    /// </summary>
    public bool Check(ReferenceValue reference, double computed, out string differenceText)
    {
        Count++;
        return reference.ExactIsRounded
            ? CheckAtPrintedPrecision(reference, computed, out differenceText)
            : CheckWithinTolerance(reference, computed, out differenceText);
    }

    /// <summary>Records a failure that is not a comparison, e.g. a quantity the program did not compute.</summary>
    public void Fail(string message)
    {
        Count++;
        _failures.Add(message);
    }

    /// <summary>
    /// The "article?" cell, by the printed-precision rule: "yes" if the computed value rounded to as many
    /// decimals as the article printed gives the article's figure; otherwise "no (N)", N being the article's
    /// figure minus the computed value, in units of the article's last printed digit.
    /// </summary>
    public string ArticleVerdict(ReferenceValue reference, double computed)
    {
        if (reference.Article is null)
        {
            return "(not printed)";
        }

        if (Figures.RoundsTo(computed, reference.Article))
        {
            ArticleAgreements++;
            return "yes";
        }

        long units = Figures.UnitsOff(computed, reference.Article);
        string signedUnits = units.ToString("+0;-0", CultureInfo.InvariantCulture);
        _articleMismatches.Add($"{reference.Quantity} ({signedUnits})");
        return $"no ({signedUnits})";
    }

    private bool CheckWithinTolerance(ReferenceValue reference, double computed, out string differenceText)
    {
        FullPrecisionCount++;
        double difference = Math.Abs(computed - Figures.Parse(reference.Exact));
        MaxDifference = Math.Max(MaxDifference, difference);
        differenceText = Figures.Scientific(difference);
        if (difference <= Tolerance)
        {
            return true;
        }

        _failures.Add($"{reference.Quantity}: computed {Figures.Fixed(computed, 12)}, exact {reference.Exact}, " +
                      $"|diff| = {differenceText} > 1e-9");
        return false;
    }

    private bool CheckAtPrintedPrecision(ReferenceValue reference, double computed, out string differenceText)
    {
        if (Figures.RoundsTo(computed, reference.Exact))
        {
            differenceText = "rounds";
            return true;
        }

        differenceText = "NO";
        string rounded = Figures.Fixed(computed, Figures.Decimals(reference.Exact));
        _failures.Add($"{reference.Quantity}: computed {Figures.Fixed(computed, 12)} rounds to {rounded}, not {reference.Exact}");
        return false;
    }
}
