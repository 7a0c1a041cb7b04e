using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace BackpropGen.Generator.Emit.Walkthrough
{
    /// <summary>
    /// A quantity's C# expression read back as a formula a person reads: every operand (a named quantity or a
    /// parameter) becomes a slot, <c>Exp(-x)</c> (the class's deterministic exp, or System.Math's) becomes <c>e^-x</c>, <c>Log</c> becomes <c>ln</c>,
    /// literals lose their C# suffixes. The same template gives the formula (slots as names) and the formula with
    /// the numbers put in (slots as values), so the two always have the same shape as the code that computes them.
    /// </summary>
    internal sealed class ExpressionTemplate
    {
        /// <summary>A math call (System.Math's, or the class's own deterministic Exp, ExpM1, Log, Log1P, Tanh, Power), an identifier, a number, or any other single character.</summary>
        private static readonly Regex Token = new Regex(
            @"(?<call>global::System\.MathF?\.(?<fn>[A-Za-z]+)\(|(?<fn>Exp|ExpM1|Log|Log1P|Tanh|Power|Logistic|SiLU)\()|(?<id>[A-Za-z_][A-Za-z0-9_]*)|(?<num>[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?f?)|(?<other>.)",
            RegexOptions.CultureInvariant | RegexOptions.Singleline);

        private static readonly Regex NegatedExp = new Regex(
            @"\G(global::System\.MathF?\.)?Exp\(-(?<id>[A-Za-z_][A-Za-z0-9_]*)\)",
            RegexOptions.CultureInvariant);

        /// <summary>The class's Logistic(x) and SiLU(x) of one operand, read as the article writes them: 1 / (1 + e^-x), x / (1 + e^-x).</summary>
        private static readonly Regex Helper = new Regex(
            @"\G(?<fn>Logistic|SiLU)\((?<id>[A-Za-z_][A-Za-z0-9_]*)\)",
            RegexOptions.CultureInvariant);

        private readonly List<Piece> _pieces;

        private ExpressionTemplate(List<Piece> pieces) => _pieces = pieces;

        /// <summary>The operands, in the order their slots appear.</summary>
        public IReadOnlyList<string> Operands => _pieces.Where(p => p.Operand is not null).Select(p => p.Operand!).ToArray();

        /// <summary>Reads <paramref name="code"/>; identifiers <paramref name="isOperand"/> accepts become slots.</summary>
        public static ExpressionTemplate Parse(string code, Func<string, bool> isOperand)
        {
            var pieces = new List<Piece>();
            int i = 0;
            while (i < code.Length)
            {
                // exp(-x) of one operand reads as the article writes it: e^-x.
                Match negatedExp = NegatedExp.Match(code, i);
                if (negatedExp.Success && isOperand(negatedExp.Groups["id"].Value))
                {
                    pieces.Add(Piece.Text("e^-"));
                    pieces.Add(Piece.Slot(negatedExp.Groups["id"].Value));
                    i += negatedExp.Length;
                    continue;
                }

                Match helper = Helper.Match(code, i);
                if (helper.Success && isOperand(helper.Groups["id"].Value))
                {
                    string x = helper.Groups["id"].Value;
                    if (helper.Groups["fn"].Value == "SiLU")
                    {
                        pieces.Add(Piece.Slot(x));
                        pieces.Add(Piece.Text(" / (1 + e^-"));
                    }
                    else
                    {
                        pieces.Add(Piece.Text("1 / (1 + e^-"));
                    }

                    pieces.Add(Piece.Slot(x));
                    pieces.Add(Piece.Text(")"));
                    i += helper.Length;
                    continue;
                }

                Match token = Token.Match(code, i);
                if (token.Groups["call"].Success)
                {
                    pieces.Add(Piece.Text(MathName(token.Groups["fn"].Value) + "("));
                }
                else if (token.Groups["id"].Success)
                {
                    string id = token.Value;
                    pieces.Add(isOperand(id) ? Piece.Slot(id) : Piece.Text(id));
                }
                else if (token.Groups["num"].Success)
                {
                    pieces.Add(Piece.Text(Number(token.Value)));
                }
                else
                {
                    pieces.Add(Piece.Text(token.Value));
                }

                i += token.Length;
            }

            return new ExpressionTemplate(pieces);
        }

        /// <summary>The template with each slot written by <paramref name="slot"/> (given the operand and its position among the slots).</summary>
        public string Render(Func<string, int, string> slot)
        {
            var text = new StringBuilder();
            int k = 0;
            foreach (Piece piece in _pieces)
            {
                text.Append(piece.Operand is null ? piece.Literal : slot(piece.Operand, k++));
            }

            return text.ToString();
        }

        private static string MathName(string function) => function switch
        {
            "Exp" => "exp",
            "ExpM1" => "expm1",
            "Log1P" => "ln1p",
            "Power" => "pow",
            "Logistic" => "logistic",
            "SiLU" => "silu",
            "Log" => "ln",
            "Tanh" => "tanh",
            "Max" => "max",
            "Abs" => "abs",
            _ => function.ToLowerInvariant(),
        };

        /// <summary>"1.0" reads "1", "0.01f" reads "0.01".</summary>
        private static string Number(string literal)
        {
            string digits = literal.TrimEnd('f', 'F');
            return double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                ? value.ToString("R", CultureInfo.InvariantCulture)
                : digits;
        }

        private sealed class Piece
        {
            private Piece(string literal, string? operand)
            {
                Literal = literal;
                Operand = operand;
            }

            public string Literal { get; }

            public string? Operand { get; }

            public static Piece Text(string text) => new Piece(text, null);

            public static Piece Slot(string operand) => new Piece(string.Empty, operand);
        }
    }
}
