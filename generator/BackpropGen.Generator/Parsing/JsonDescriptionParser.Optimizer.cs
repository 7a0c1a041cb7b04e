using System.Collections.Generic;
using System.Linq;
using BackpropGen.Generator.Diagnostics;
using BackpropGen.Generator.Model;
using BackpropGen.Generator.Parsing.Json;

namespace BackpropGen.Generator.Parsing
{
    /// <summary>The "optimizer" object: its type first, then the keys that type takes.</summary>
    internal sealed partial class JsonDescriptionParser
    {
        private OptimizerDescription? ReadOptimizer(JsonValue value)
        {
            if (value is not JsonObject obj)
            {
                _errors.Add(WrongType(value, "optimizer", "an object such as { \"type\": \"adam\" }"));
                return null;
            }

            JsonMember? typeMember = obj.Members.Where(m => m.Name == "type").Select(m => (JsonMember?)m).FirstOrDefault();
            OptimizerKind? kind = typeMember is JsonMember type ? ReadEnum(type.Value, "optimizer.type", "optimizer", Vocabulary.Optimizers) : null;
            // With an unknown type, every key any optimizer takes is allowed, so one mistake gives one message.
            string[] allowed = new[] { "type" }.Concat(kind is OptimizerKind k ? OptimizerDescription.Keys(k) : new[] { "momentum", "nesterov", "beta1", "beta2", "epsilon", "weightDecay" }).ToArray();
            Dictionary<string, JsonMember> keys = Members(obj, allowed, "\"optimizer\"" + (kind is OptimizerKind named ? $" of type \"{Vocabulary.Name(named)}\"" : string.Empty));
            if (typeMember is null)
            {
                Missing(obj, "type", "\"optimizer\"", "\"type\": \"adam\" (or \"sgd\", \"adamw\")");
            }

            var at = new OptimizerLocations(fromAttributes: false, At(obj.Start, 1));
            foreach (KeyValuePair<string, JsonMember> key in keys)
            {
                at.Settings[key.Key] = At(key.Value.Value);
            }

            double? Number(string key) => keys.TryGetValue(key, out JsonMember m) ? ReadNumber(m.Value, "optimizer." + key) : null;
            OptimizerDescription? optimizer = kind is OptimizerKind found
                ? OptimizerRules.WithDefaults(
                    found,
                    Number("momentum"),
                    keys.TryGetValue("nesterov", out JsonMember nesterov) ? ReadBool(nesterov.Value, "optimizer.nesterov") : null,
                    Number("beta1"),
                    Number("beta2"),
                    Number("epsilon"),
                    Number("weightDecay"))
                : null;
            if (optimizer is not null && !_errors.Any(e => e.IsError))
            {
                OptimizerRules.Validate(optimizer, at, _errors);
            }

            return optimizer;
        }
    }
}
