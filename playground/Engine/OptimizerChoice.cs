using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BackpropGen.Playground.Engine;

/// <summary>The Train tab's optimizer: the description's own, or one of these written into a copy of it (then generated and compiled).</summary>
public static class OptimizerChoice
{
    public const string AsDescribed = "described";

    public static IReadOnlyList<(string Key, string Title)> All { get; } = new[]
    {
        (AsDescribed, "as described"), ("sgd", "sgd (plain)"), ("momentum", "sgd, momentum 0.9"), ("adam", "adam"), ("adamw", "adamw"),
    };

    public static string Title(string key) => All.FirstOrDefault(c => c.Key == key).Title ?? key;

    /// <summary>The description with its "optimizer" replaced (comments dropped), or null when the JSON does not parse.</summary>
    public static string? Apply(string json, string key)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException)
        {
            return null;
        }

        if (root is not JsonObject description)
        {
            return null;
        }

        description.Remove("optimizer");
        JsonObject? optimizer = key switch
        {
            "sgd" => new JsonObject { ["type"] = "sgd" },
            "momentum" => new JsonObject { ["type"] = "sgd", ["momentum"] = 0.9 },
            "adam" => new JsonObject { ["type"] = "adam" },
            "adamw" => new JsonObject { ["type"] = "adamw" },
            _ => null,
        };
        if (optimizer is not null)
        {
            description["optimizer"] = optimizer;
        }

        return description.ToJsonString();
    }
}
