using System.Globalization;

namespace BackpropGen.Generator.Model
{
    /// <summary>What the generated code needs to know about <c>double</c> or <c>float</c>: keyword, math class, literals.</summary>
    internal sealed class NumericType
    {
        public static readonly NumericType Double = new NumericType("double", "global::System.Math", isFloat: false);
        public static readonly NumericType Float = new NumericType("float", "global::System.MathF", isFloat: true);

        private readonly bool _isFloat;

        private NumericType(string keyword, string math, bool isFloat)
        {
            Keyword = keyword;
            Math = math;
            _isFloat = isFloat;
        }

        public string Keyword { get; }

        /// <summary>sizeof(T) in bytes.</summary>
        public int Size => _isFloat ? 4 : 8;

        /// <summary>The class with Exp, Log, Tanh for this type.</summary>
        public string Math { get; }

        public static NumericType Of(NumericKind kind) => kind == NumericKind.Float ? Float : Double;

        /// <summary>The value as this type would hold it (a float rounds).</summary>
        public double Round(double value) => _isFloat ? (float)value : value;

        /// <summary>A C# literal, invariant culture, that round-trips exactly to the stored value.</summary>
        public string Literal(double value) => _isFloat ? FloatLiteral((float)value) : DoubleLiteral(value);

        private static string DoubleLiteral(double value) => EnsureRealLiteral(RoundTrip(value));

        /// <summary>The shortest invariant text that reads back as exactly <paramref name="value"/> (for JSON, messages, formulas).</summary>
        public static string RoundTrip(double value)
        {
            // "R" is shortest on .NET Core but not always round-trip on .NET Framework (Visual Studio's compiler host): verify.
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) == value ? text : value.ToString("G17", CultureInfo.InvariantCulture);
        }

        private static string FloatLiteral(float value)
        {
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            if (float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) != value)
            {
                text = value.ToString("G9", CultureInfo.InvariantCulture);
            }

            return text + "f";
        }

        private static string EnsureRealLiteral(string text) =>
            text.IndexOfAny(new[] { '.', 'E', 'e' }) >= 0 ? text : text + ".0";
    }
}
