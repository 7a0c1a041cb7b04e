using System.Collections.Generic;
using System.Linq;
using System.Threading;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Diagnostics;
using BackpropGen.Generator.Model;
using BackpropGen.Generator.Parsing.Json;
using Microsoft.CodeAnalysis.Text;

namespace BackpropGen.Generator.Parsing
{
    /// <summary>A JSON description (SPEC 2a) to a <see cref="NetworkDescription"/>, with a diagnostic at the line and column of every mistake.</summary>
    internal sealed partial class JsonDescriptionParser
    {
        private static readonly string[] RootKeys = { "inputs", "layers", "loss", "numeric", "trainBiases", "initial", "seed", "frozen", "codegen", "optimizer" };
        private static readonly string[] LayerKeys = { "size", "activation", "alpha", "bias" };
        private static readonly string[] InitialKeys = { "weights", "biases" };

        private readonly string _path;
        private readonly SourceText _text;
        private readonly List<DiagnosticInfo> _errors = new List<DiagnosticInfo>();
        private readonly HashSet<(JsonObject Object, string Key)> _misspelled = new HashSet<(JsonObject Object, string Key)>();
        private DescriptionLocations _at = null!;
        private NumericKind _numeric;

        private JsonDescriptionParser(string path, SourceText text)
        {
            _path = path;
            _text = text;
        }

        public static (NetworkDescription? Description, List<DiagnosticInfo> Diagnostics, NumericKind Numeric) Parse(string path, SourceText text, CancellationToken cancellationToken)
        {
            var parser = new JsonDescriptionParser(path, text);
            try
            {
                NetworkDescription? description = parser.Parse(cancellationToken);
                return (parser._errors.Any(e => e.IsError) ? null : description, parser._errors, parser._numeric);
            }
            catch (System.Exception exception) when (exception is not System.OperationCanceledException)
            {
                // Last line of defence: a bug must surface as a clear BPG error, never as CS8785.
                var error = DiagnosticInfo.Create(
                    DiagnosticDescriptors.InternalError,
                    LocationInfo.InText(path, text, 0, 0),
                    path,
                    exception.GetType().Name + ": " + exception.Message);
                return (null, new List<DiagnosticInfo> { error }, parser._numeric);
            }
        }

        private NetworkDescription? Parse(CancellationToken cancellationToken)
        {
            JsonParseResult result = JsonReader.Parse(_text, cancellationToken);
            if (result.Error is JsonError error)
            {
                _errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedJson, LocationInfo.InText(_path, _text, error.Start, error.Length), error.Message + EncodingHint(error.Start)));
                return null;
            }

            JsonValue root = result.Root!;
            _at = new DescriptionLocations(fromAttributes: false, At(root.Start, 1));
            if (root is not JsonObject document)
            {
                _errors.Add(WrongType(root, "the description", "a JSON object"));
                return null;
            }

            Dictionary<string, JsonMember> keys = Members(document, RootKeys, "the description");
            int? inputs = Required(document, keys, "inputs", "the description", "\"inputs\": 2", v => ReadInt(v, "inputs", min: 1));
            _at.Inputs = Location(keys, "inputs");
            List<LayerDescription>? layers = Required(document, keys, "layers", "the description", "\"layers\": [ { \"size\": 2, \"activation\": \"logistic\" } ]", ReadLayers);
            _numeric = Optional(keys, "numeric", v => ReadEnum(v, "numeric", "numeric type", Vocabulary.Numerics), NumericKind.Double);
            var description = new NetworkDescription(
                inputs ?? 1,
                (layers ?? new List<LayerDescription>()).ToEquatableArray(),
                Optional(keys, "loss", v => ReadEnum(v, "loss", "loss", Vocabulary.Losses), LossKind.HalfSquaredError),
                _numeric,
                Optional(keys, "trainBiases", v => ReadBool(v, "trainBiases"), true),
                Optional(keys, "seed", v => ReadInt(v, "seed", min: 0), 0),
                Optional(keys, "frozen", v => ReadBool(v, "frozen"), false),
                Optional(keys, "codegen", v => ReadEnum(v, "codegen", "code layout", Vocabulary.Codegens), CodegenKind.Auto),
                null,
                null);
            _at.Loss = Location(keys, "loss");
            _at.Frozen = Location(keys, "frozen");
            _at.Codegen = Location(keys, "codegen");
            if (keys.TryGetValue("optimizer", out JsonMember optimizer))
            {
                description = description with { Optimizer = ReadOptimizer(optimizer.Value) };
            }

            if (keys.TryGetValue("initial", out JsonMember initial))
            {
                description = ReadInitial(initial.Value, description);
            }

            if (layers is null)
            {
                return null;
            }

            // Every independent mistake in one build: the rules also run after a mistake above, and skip only what
            // depends on it. A missing or wrong "inputs" is already reported: the 1 in its place is not reported again.
            bool earlierErrors = _errors.Any(e => e.IsError) || inputs is null;
            _errors.AddRange(DescriptionValidator.Validate(description, _at, earlierErrors));
            return earlierErrors ? null : description;
        }

        private List<LayerDescription>? ReadLayers(JsonValue value)
        {
            if (value is not JsonArray array)
            {
                _errors.Add(WrongType(value, "layers", "an array of layer objects"));
                return null;
            }

            _at.Layers.Clear();
            var layers = new List<LayerDescription>();
            if (array.Items.Count == 0)
            {
                _errors.Add(DescriptionValidator.NoLayers(_at, At(value)));
                return null;
            }

            for (int i = 0; i < array.Items.Count; i++)
            {
                string name = $"layers[{i}]";
                JsonValue item = array.Items[i];
                _at.Layers.Add(At(item));
                if (item is not JsonObject layer)
                {
                    _errors.Add(WrongType(item, name, "a layer object such as { \"size\": 2, \"activation\": \"logistic\" }"));
                    _at.LayerSizes.Add(null);
                    _at.LayerActivations.Add(null);
                    _at.LayerAlphas.Add(null);
                    _at.GivenAlphas.Add(null);
                    layers.Add(new LayerDescription(1, ActivationKind.Identity, BiasKind.PerNeuron, LayerDescription.DefaultAlpha(ActivationKind.Identity)));
                    continue;
                }

                Dictionary<string, JsonMember> keys = Members(layer, LayerKeys, name);
                int? size = Required(layer, keys, "size", name, "\"size\": 2", v => ReadInt(v, name + ".size", min: 1));
                ActivationKind? activation = Required(layer, keys, "activation", name, "\"activation\": \"logistic\"", v => ReadEnum(v, name + ".activation", "activation", Vocabulary.Activations));
                _at.LayerSizes.Add(Location(keys, "size"));
                _at.LayerActivations.Add(Location(keys, "activation"));
                _at.LayerAlphas.Add(Location(keys, "alpha"));
                _at.GivenAlphas.Add(activation is null ? null : Location(keys, "alpha"));
                layers.Add(new LayerDescription(
                    size ?? 1,
                    activation ?? ActivationKind.Identity,
                    Optional(keys, "bias", v => ReadEnum(v, name + ".bias", "bias mode", Vocabulary.Biases), BiasKind.PerNeuron),
                    Optional(keys, "alpha", v => ReadNumber(v, name + ".alpha"), LayerDescription.DefaultAlpha(activation ?? ActivationKind.Identity))));
            }

            return layers;
        }

        private NetworkDescription ReadInitial(JsonValue value, NetworkDescription description)
        {
            if (value is not JsonObject initial)
            {
                _errors.Add(WrongType(value, "initial", "an object with \"weights\" and/or \"biases\" arrays"));
                return description;
            }

            Dictionary<string, JsonMember> keys = Members(initial, InitialKeys, "initial");
            _at.InitialWeights = Location(keys, "weights");
            _at.InitialBiases = Location(keys, "biases");
            return description with
            {
                InitialWeights = keys.TryGetValue("weights", out JsonMember weights) ? ReadNumbers(weights.Value, "initial.weights", _at.InitialWeightItems) : null,
                InitialBiases = keys.TryGetValue("biases", out JsonMember biases) ? ReadNumbers(biases.Value, "initial.biases", _at.InitialBiasItems) : null,
            };
        }

        private EquatableArray<double>? ReadNumbers(JsonValue value, string name, List<LocationInfo?> itemLocations)
        {
            if (value is not JsonArray array)
            {
                _errors.Add(WrongType(value, name, "an array of numbers"));
                return null;
            }

            var numbers = new List<double>(array.Items.Count);
            for (int i = 0; i < array.Items.Count; i++)
            {
                itemLocations.Add(At(array.Items[i]));
                numbers.Add(ReadNumber(array.Items[i], $"{name}[{i}]") ?? 0);
            }

            return numbers.ToEquatableArray();
        }

        private Dictionary<string, JsonMember> Members(JsonObject obj, string[] allowed, string where)
        {
            var members = new Dictionary<string, JsonMember>(System.StringComparer.Ordinal);
            foreach (JsonMember member in obj.Members)
            {
                if (System.Array.IndexOf(allowed, member.Name) < 0)
                {
                    string? meant = allowed.FirstOrDefault(key => string.Equals(key, member.Name, System.StringComparison.OrdinalIgnoreCase))
                        ?? Suggestion.Closest(member.Name, allowed);
                    string expected = Hint(member.Name, allowed, "keys", "expected one of: " + string.Join(", ", allowed));
                    _errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownKey, At(member.NameStart, member.NameLength), JsonMessageText.DoubleQuoted(member.Name), where, expected));
                    if (meant is not null && !obj.Members.Any(m => m.Name == meant))
                    {
                        // Already reported: "Inputs" or "inptus" for "inputs" is one mistake, not also a missing key.
                        _misspelled.Add((obj, meant));
                    }

                    continue;
                }

                members[member.Name] = member;
            }

            return members;
        }

        private T? Required<T>(JsonObject obj, Dictionary<string, JsonMember> keys, string key, string where, string example, System.Func<JsonValue, T?> read)
            where T : class
        {
            if (keys.TryGetValue(key, out JsonMember member))
            {
                return read(member.Value);
            }

            Missing(obj, key, where, example);
            return null;
        }

        private T? Required<T>(JsonObject obj, Dictionary<string, JsonMember> keys, string key, string where, string example, System.Func<JsonValue, T?> read, int _ = 0)
            where T : struct
        {
            if (keys.TryGetValue(key, out JsonMember member))
            {
                return read(member.Value);
            }

            Missing(obj, key, where, example);
            return null;
        }

        private void Missing(JsonObject obj, string key, string where, string example)
        {
            if (!_misspelled.Contains((obj, key)))
            {
                _errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingKey, At(obj.Start, 1), "key \"" + key + "\"", where, example));
            }
        }

        private static T Optional<T>(Dictionary<string, JsonMember> keys, string key, System.Func<JsonValue, T?> read, T defaultValue)
            where T : struct =>
            keys.TryGetValue(key, out JsonMember member) ? read(member.Value) ?? defaultValue : defaultValue;

        private int? ReadInt(JsonValue value, string name, int min = int.MinValue)
        {
            if (value is not JsonNumber number)
            {
                _errors.Add(WrongType(value, name, "an integer"));
                return null;
            }

            string range = min == int.MinValue ? $"at most {int.MaxValue}" : $"between {min} and {int.MaxValue}";
            bool outOfRange = number.Value < min || number.Value > int.MaxValue;
            if (!number.IsInteger && !(outOfRange && System.Math.Floor(number.Value) == number.Value))
            {
                // 2.5 is the wrong type; 1e10 is a whole number, and its real problem is its size.
                _errors.Add(WrongType(value, name, "an integer (no fraction or exponent)"));
                return null;
            }

            if (outOfRange)
            {
                _errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OutOfRange, At(value), "\"" + name + "\"", range, JsonMessageText.Plain(number.Text)));
                return null;
            }

            return (int)number.Value;
        }

        private double? ReadNumber(JsonValue value, string name)
        {
            if (value is JsonNumber number)
            {
                return number.Value;
            }

            _errors.Add(WrongType(value, name, "a number"));
            return null;
        }

        private bool? ReadBool(JsonValue value, string name)
        {
            if (value.Kind == JsonKind.True || value.Kind == JsonKind.False)
            {
                return value.Kind == JsonKind.True;
            }

            _errors.Add(WrongType(value, name, "true or false"));
            return null;
        }

        private T? ReadEnum<T>(JsonValue value, string name, string what, IReadOnlyList<KeyValuePair<string, T>> table)
            where T : struct, System.Enum
        {
            string expected = "expected one of: " + Vocabulary.Describe(table);
            if (value is not JsonString text)
            {
                _errors.Add(WrongType(value, name, "a string, " + expected.Substring("expected ".Length)));
                return null;
            }

            foreach (KeyValuePair<string, T> pair in table)
            {
                if (pair.Key == text.Value)
                {
                    return pair.Value;
                }
            }

            _errors.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownValue, At(value), what, JsonMessageText.DoubleQuoted(text.Value), Hint(text.Value, Vocabulary.Spellings(table), "values", expected)));
            return null;
        }

        /// <summary>What to write instead of a word that is not accepted: the same word in the right case, the nearest word, or the list.</summary>
        private static string Hint(string given, IReadOnlyList<string> accepted, string words, string expected)
        {
            string? sameButCase = accepted.FirstOrDefault(word => string.Equals(word, given, System.StringComparison.OrdinalIgnoreCase));
            if (sameButCase is not null)
            {
                return words + " are case-sensitive: write \"" + sameButCase + "\"";
            }

            string? near = Suggestion.Closest(given, accepted);
            return near is null ? expected : "did you mean \"" + near + "\"? " + expected;
        }

        private DiagnosticInfo WrongType(JsonValue value, string name, string expected) =>
            DiagnosticInfo.Create(DiagnosticDescriptors.WrongType, At(value), name == "the description" ? "The description" : "\"" + name + "\"", expected, Describe(value));

        private static string Describe(JsonValue value) => value switch
        {
            JsonString s => "the string " + JsonMessageText.DoubleQuoted(s.Value),
            JsonNumber n => "the number " + JsonMessageText.Plain(n.Text),
            JsonArray _ => "an array",
            JsonObject _ => "an object",
            _ => value.Kind switch { JsonKind.True => "true", JsonKind.False => "false", _ => "null" },
        };

        private LocationInfo? Location(Dictionary<string, JsonMember> keys, string key) =>
            keys.TryGetValue(key, out JsonMember member) ? At(member.Value) : null;

        private LocationInfo At(JsonValue value) => At(value.Start, value.Length);

        private LocationInfo At(int start, int length) => LocationInfo.InText(_path, _text, start, length);

        /// <summary>
        /// UTF-16 text without a byte order mark is read as UTF-8, which puts a NUL between the characters:
        /// say so rather than leave the user puzzling over an invisible character.
        /// </summary>
        private string EncodingHint(int errorStart)
        {
            if (errorStart >= _text.Length || _text[errorStart] != '\0')
            {
                return string.Empty;
            }

            int sample = System.Math.Min(_text.Length, 64), nuls = 0;
            for (int i = 0; i < sample; i++)
            {
                nuls += _text[i] == '\0' ? 1 : 0;
            }

            return nuls * 4 >= sample
                ? " (the file looks like UTF-16 without a byte order mark; save it as UTF-8, or as UTF-16 with a byte order mark)"
                : string.Empty;
        }

    }
}
