using System.Globalization;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Math
{
    /// <summary>
    /// How one algorithm is spelled for a scalar (<c>double</c>) or for a vector of it (<c>Vector256&lt;double&gt;</c>):
    /// constants, comparisons, selects and bit reinterpretation. Each algorithm is written once against this and rendered
    /// for every form, so the lanes of a vector and the scalar run the same IEEE operations in the same order.
    /// The scalar select is a <c>?:</c> (only the chosen side is evaluated: same bits, less work).
    /// </summary>
    internal sealed class Lanes
    {
        private readonly NumericType _numeric;
        private readonly string? _statics;

        private Lanes(NumericType numeric, string? width)
        {
            _numeric = numeric;
            IsFloat = numeric.Keyword == "float";
            string integer = IsFloat ? "int" : "long";
            if (width is null)
            {
                T = numeric.Keyword;
                I = integer;
                Mask = "bool";
            }
            else
            {
                _statics = "global::System.Runtime.Intrinsics." + width;
                T = $"{_statics}<{numeric.Keyword}>";
                I = $"{_statics}<{integer}>";
                Mask = T;
                Count = int.Parse(width.Substring("Vector".Length), CultureInfo.InvariantCulture) / (IsFloat ? 32 : 64);
            }
        }

        public static Lanes Scalar(NumericType numeric) => new Lanes(numeric, null);

        public static Lanes Vector(NumericType numeric, string width) => new Lanes(numeric, width);

        public bool IsFloat { get; }

        /// <summary>Lanes per value: 1 for the scalar form.</summary>
        public int Count { get; } = 1;

        /// <summary>
        /// Table entries as <see cref="I"/> bits, lane i reading <paramref name="table"/>[<paramref name="index"/>i + offset]
        /// (the scalar form: [index + offset]); a load is exact, so every lane has the scalar's bits. The indices are ints
        /// written by <see cref="IndexLine"/>.
        /// </summary>
        public string Load(string table, string index, int offset)
        {
            string plus = offset == 0 ? string.Empty : " + " + offset.ToString(CultureInfo.InvariantCulture);
            if (_statics is null)
            {
                return $"unchecked(({I}){table}[{index}{plus}])";
            }

            var items = new string[Count];
            for (int i = 0; i < Count; i++)
            {
                items[i] = $"{table}[{index}{i}{plus}]";
            }

            return $"{_statics}.{(IsFloat ? "AsInt32" : "AsInt64")}({_statics}.Create({string.Join(", ", items)}))";
        }

        /// <summary>The declaration of the int index (or one per lane, index0, index1, ...) from <paramref name="lanes"/>, an <see cref="I"/>.</summary>
        public string IndexLine(string index, string lanes)
        {
            if (_statics is null)
            {
                return $"int {index} = (int)({lanes});";
            }

            var items = new string[Count];
            for (int i = 0; i < Count; i++)
            {
                items[i] = $"{index}{i} = (int){_statics}.GetElement({lanes}, {i})";
            }

            return $"int {string.Join(", ", items)};";
        }

        /// <summary>All lanes of <paramref name="left"/> below <paramref name="right"/> (false for a NaN lane).</summary>
        public string AllLess(string left, string right) => _statics is null ? $"{left} < {right}" : $"{_statics}.LessThanAll({left}, {right})";

        /// <summary>|x| per lane.</summary>
        public string Abs(string value) => _statics is null ? $"{_numeric.Math}.Abs({value})" : $"{_statics}.Abs({value})";

        /// <summary>The value type: <c>double</c> or <c>Vector256&lt;double&gt;</c>.</summary>
        public string T { get; }

        /// <summary>The integer of the same width, for the bit pattern: <c>long</c> or <c>Vector256&lt;long&gt;</c>.</summary>
        public string I { get; }

        /// <summary>A comparison's result: <c>bool</c>, or all-ones/all-zeros lanes of <see cref="T"/>.</summary>
        public string Mask { get; }

        /// <summary>A constant of type <see cref="T"/> (rounded to float for float).</summary>
        public string C(double value) => Wrap(_numeric.Literal(value));

        /// <summary>An integer constant of type <see cref="I"/>.</summary>
        public string CI(long value) => Wrap(IsFloat ? ((int)value).ToString(CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture) + "L");

        /// <summary>A named constant such as <c>double.NaN</c>, as <see cref="T"/>.</summary>
        public string Constant(string expression) => Wrap(expression);

        private string Wrap(string literal) => _statics is null ? literal : $"{_statics}.Create({literal})";

        /// <summary>The bit pattern of <paramref name="value"/> as <see cref="I"/>.</summary>
        public string Bits(string value) =>
            _statics is not null ? $"{_statics}.{(IsFloat ? "AsInt32" : "AsInt64")}({value})"
            : IsFloat ? $"global::System.BitConverter.SingleToInt32Bits({value})" : $"global::System.BitConverter.DoubleToInt64Bits({value})";

        /// <summary>The <see cref="T"/> whose bit pattern is <paramref name="bits"/>.</summary>
        public string FromBits(string bits) =>
            _statics is not null ? $"{_statics}.{(IsFloat ? "AsSingle" : "AsDouble")}({bits})"
            : IsFloat ? $"global::System.BitConverter.Int32BitsToSingle({bits})" : $"global::System.BitConverter.Int64BitsToDouble({bits})";

        /// <summary><paramref name="mask"/> ? <paramref name="whenTrue"/> : <paramref name="whenFalse"/>, per lane.</summary>
        public string Select(string mask, string whenTrue, string whenFalse) =>
            _statics is null ? $"({mask} ? {whenTrue} : {whenFalse})" : $"{_statics}.ConditionalSelect({mask}, {whenTrue}, {whenFalse})";

        public string Less(string left, string right) => Compare(left, "<", "LessThan", right);

        public string LessOrEqual(string left, string right) => Compare(left, "<=", "LessThanOrEqual", right);

        public string Greater(string left, string right) => Compare(left, ">", "GreaterThan", right);

        public string Equal(string left, string right) => Compare(left, "==", "Equals", right);

        /// <summary>Lanes that are not NaN (a scalar <c>x == x</c> would draw warning CS1718).</summary>
        public string NotNaN(string value) => _statics is null ? $"!{_numeric.Keyword}.IsNaN({value})" : $"{_statics}.Equals({value}, {value})";

        /// <summary>Either mask (the scalar form short-circuits; a mask is all ones or all zeros, so | is exact).</summary>
        public string Or(string left, string right) => _statics is null ? $"({left} || {right})" : $"({left} | {right})";

        private string Compare(string left, string op, string method, string right) =>
            _statics is null ? $"{left} {op} {right}" : $"{_statics}.{method}({left}, {right})";
    }
}
