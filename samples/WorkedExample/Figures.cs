using System;
using System.Globalization;

namespace WorkedExample;

/// <summary>Small helpers for printed figures: how many decimals, rounding, formatting.</summary>
internal static class Figures
{
    /// <summary>Number of digits after the decimal point of a printed figure ("0.3775" has 4).</summary>
    public static int Decimals(string figure)
    {
        int point = figure.IndexOf('.');
        return point < 0 ? 0 : figure.Length - point - 1;
    }

    public static double Parse(string figure) => double.Parse(figure, CultureInfo.InvariantCulture);

    /// <summary>The value rounded to <paramref name="decimals"/> decimals, e.g. "0.751365070".</summary>
    public static string Fixed(double value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>
    /// The printed-precision rule: true if rounding <paramref name="value"/> to as many decimals as
    /// <paramref name="figure"/> has gives exactly <paramref name="figure"/>.
    /// </summary>
    public static bool RoundsTo(double value, string figure) => Fixed(value, Decimals(figure)) == figure;

    /// <summary>How far <paramref name="figure"/> is from <paramref name="value"/>, in units of its last printed digit.</summary>
    public static long UnitsOff(double value, string figure)
    {
        double unit = Math.Pow(10, -Decimals(figure));
        return (long)Math.Round((Parse(figure) - value) / unit);
    }

    /// <summary>Puts a space in front of non-negative numbers so that columns of numbers line up.</summary>
    public static string Signed(string number) => number.StartsWith('-') ? number : " " + number;

    /// <summary>A small difference in scientific notation, e.g. "3.1E-13", "+1.50E-7".</summary>
    public static string Scientific(double value, bool withSign = false)
    {
        if (value == 0)
        {
            return "0";
        }

        return value.ToString(withSign ? "+0.00E+0;-0.00E+0" : "0.0E+0", CultureInfo.InvariantCulture);
    }
}
