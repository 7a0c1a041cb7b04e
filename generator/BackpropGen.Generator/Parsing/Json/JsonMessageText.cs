using System.Globalization;
using System.Text;

namespace BackpropGen.Generator.Parsing.Json;

/// <summary>Renders pieces of hostile input safely inside error messages: short, and without raw control characters.</summary>
internal static class JsonMessageText
{
    private const int MaxShownChars = 40;

    /// <summary>Source text in single quotes, as messages show found tokens: 'undefined', '\x'.</summary>
    public static string SingleQuoted(string text) => "'" + Escape(text, escapeQuotes: false) + "'";

    /// <summary>A decoded key in double quotes, escaped as JSON would write it: "inputs".</summary>
    public static string DoubleQuoted(string text) => "\"" + Escape(text, escapeQuotes: true) + "\"";

    /// <summary>Source text shown bare, such as a number.</summary>
    public static string Plain(string text) => Escape(text, escapeQuotes: false);

    /// <summary>U+0041 style name of a character that should not be shown raw.</summary>
    public static string CodePoint(char c) =>
        "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);

    private static string Escape(string text, bool escapeQuotes)
    {
        bool truncated = text.Length > MaxShownChars;
        int shown = truncated ? MaxShownChars : text.Length;
        var builder = new StringBuilder(shown + 8);
        for (int i = 0; i < shown; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < shown && char.IsLowSurrogate(text[i + 1]))
            {
                // A well-formed pair (an emoji, say) displays fine; only lone halves get escaped.
                builder.Append(text, i, 2);
                i++;
            }
            else
            {
                AppendEscaped(builder, text[i], escapeQuotes);
            }
        }

        if (truncated)
        {
            builder.Append("...");
        }

        return builder.ToString();
    }

    private static void AppendEscaped(StringBuilder builder, char c, bool escapeQuotes)
    {
        switch (c)
        {
            case '\n': builder.Append("\\n"); return;
            case '\r': builder.Append("\\r"); return;
            case '\t': builder.Append("\\t"); return;
        }

        if (escapeQuotes && (c == '"' || c == '\\'))
        {
            builder.Append('\\').Append(c);
        }
        else if (c < ' ' || c == '\u007F' || char.IsSurrogate(c))
        {
            // Raw control characters or lone surrogates would garble the diagnostic.
            builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
        else
        {
            builder.Append(c);
        }
    }
}
