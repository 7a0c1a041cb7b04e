using System;
using System.Text;

namespace WorkedExample;

/// <summary>Prints rows of left-aligned, fixed-width cells separated by one space.</summary>
internal sealed class Table
{
    private readonly int[] _widths;

    public Table(params int[] widths)
    {
        _widths = widths;
    }

    public void Header(params string[] cells)
    {
        Row(cells);
        Row(Rules());
    }

    public void Row(params string[] cells)
    {
        var line = new StringBuilder();
        for (int i = 0; i < cells.Length; i++)
        {
            string cell = cells[i];
            bool last = i == cells.Length - 1 || i == _widths.Length - 1;
            line.Append(last ? cell : cell.PadRight(_widths[i])).Append(' ');
        }

        Console.WriteLine(line.ToString().TrimEnd());
    }

    private string[] Rules()
    {
        var rules = new string[_widths.Length];
        for (int i = 0; i < rules.Length; i++)
        {
            rules[i] = new string('-', _widths[i]);
        }

        return rules;
    }
}
