using BackpropGen.Generator.Common;

namespace BackpropGen.Generator.Emit.Walkthrough
{
    /// <summary>The lines every layout's walk-through starts and ends with.</summary>
    internal static class WalkthroughSupport
    {
        public const int DefaultDigits = 9;

        public static void WriteArgumentChecks(SourceWriter w)
        {
            w.Line("if (writer is null) throw new global::System.ArgumentNullException(nameof(writer));");
            w.Line("if (significantDigits < 1 || significantDigits > 17) throw new global::System.ArgumentOutOfRangeException(nameof(significantDigits), significantDigits, \"The number of significant digits must be between 1 and 17.\");");
        }

        public static void WriteFormat(SourceWriter w) =>
            w.Line("string format = \"G\" + significantDigits.ToString(global::System.Globalization.CultureInfo.InvariantCulture);");

        /// <summary>
        /// Put(template, values): writes the template with each {k} replaced by values[k] (invariant culture, the
        /// requested significant digits); operands (every value but the last) in parentheses when negative.
        /// </summary>
        public static void WritePut(SourceWriter w, string t)
        {
            w.Line();
            w.OpenBlock($"void Put(string template, params {t}[] values)");
            w.Line("int i = 0;");
            w.OpenBlock("while (i < template.Length)");
            w.OpenBlock("if (template[i] == '{')");
            w.Line("int close = template.IndexOf('}', i);");
            w.Line("int k = int.Parse(template.Substring(i + 1, close - i - 1), global::System.Globalization.NumberStyles.None, global::System.Globalization.CultureInfo.InvariantCulture);");
            w.Line("string number = values[k].ToString(format, global::System.Globalization.CultureInfo.InvariantCulture);");
            w.Line("writer.Write(k < values.Length - 1 && number.StartsWith(\"-\", global::System.StringComparison.Ordinal) ? \"(\" + number + \")\" : number);");
            w.Line("i = close + 1;");
            w.CloseBlock();
            w.OpenBlock("else");
            w.Line("writer.Write(template[i]);");
            w.Line("i++;");
            w.CloseBlock();
            w.CloseBlock();
            w.CloseBlock();
        }
    }
}
