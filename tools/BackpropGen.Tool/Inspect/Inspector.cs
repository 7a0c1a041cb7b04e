using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackpropGen.Tool.Description;
using BackpropGen.Tool.Onnx;
using Microsoft.CodeAnalysis;

namespace BackpropGen.Tool.Inspect;

/// <summary>
/// "backpropgen inspect": what a user needs before deploying a network: parameters, bytes of parameters in float and
/// double, multiply-adds per Predict, the layout "codegen": "auto" picks and the size of the generated source. The
/// generator itself is run (in-process) so the layout and the sizes are its own, not a restatement.
/// </summary>
internal static class Inspector
{
    public static int Run(string path, string? graphOutput, TextWriter stdout, TextWriter stderr)
    {
        string fileName = Path.GetFileName(path);
        if (path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        {
            // What "import" would write, frozen and trainable.
            string frozen = Cli.ImportToJson(path, Path.ChangeExtension(fileName, ".json"), asFloat: null, trainable: false, graphOutput, out DenseNetwork network, out _);
            string trainable = Cli.ImportToJson(path, Path.ChangeExtension(fileName, ".json"), asFloat: null, trainable: true, graphOutput, out _, out _);
            string jsonName = Path.ChangeExtension(fileName, ".json");
            Generation frozenGeneration = Require(GeneratorRunner.Run(frozen, jsonName), stderr);
            Generation trainableGeneration = Require(GeneratorRunner.Run(trainable, jsonName), stderr);
            string origin = frozen.Split('\n')[0].Replace("// Imported from ", string.Empty, StringComparison.Ordinal).TrimEnd('.');
            stdout.WriteLine($"{path}: ONNX model, {origin}");
            Report(stdout, network, "auto", frozenGeneration, trainableGeneration, isFrozen: true);
            return Cli.Ok;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ImportException($"cannot read {path}: {e.Message}");
        }

        Generation asIs = GeneratorRunner.Run(text, fileName);
        if (asIs.HasErrors)
        {
            foreach (Diagnostic diagnostic in asIs.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
            {
                stderr.WriteLine(Microsoft.CodeAnalysis.CSharp.CSharpDiagnosticFormatter.Instance.Format(diagnostic, CultureInfo.InvariantCulture));
            }

            return Cli.Refused;
        }

        (DenseNetwork net, bool isFrozen, string codegen, JsonObject root) = ReadDescription(text, path);
        Generation? other = null;
        if (isFrozen)
        {
            // The layout is decided by the same rule for the frozen Predict and the trainable class; only the trainable
            // file names it, so generate the trainable twin too.
            root.Remove("frozen");
            other = Require(GeneratorRunner.Run(root.ToJsonString(), fileName), stderr);
        }

        stdout.WriteLine($"{path}: BackpropGen description, {net.Shape}, {(net.IsDouble ? "double" : "float")}, {(isFrozen ? "frozen" : "trainable")}");
        Report(stdout, net, codegen, isFrozen ? asIs : null, isFrozen ? other! : asIs, isFrozen);
        return Cli.Ok;
    }

    private static Generation Require(Generation generation, TextWriter stderr)
    {
        if (generation.HasErrors)
        {
            throw new ImportException("the generator refused the description: " + generation.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error).GetMessage(CultureInfo.InvariantCulture));
        }

        return generation;
    }

    private static void Report(TextWriter w, DenseNetwork network, string codegen, Generation? frozen, Generation trainable, bool isFrozen)
    {
        static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
        w.WriteLine($"  inputs, outputs:             {N(network.Inputs)}, {N(network.Outputs)}");
        w.WriteLine($"  parameters:                  {N(network.ParameterCount)} ({N(network.WeightCount)} weights, {N(network.BiasCount)} biases)");
        w.WriteLine($"  parameters in float:         {N(network.ParameterCount * 4)} bytes");
        w.WriteLine($"  parameters in double:        {N(network.ParameterCount * 8)} bytes");
        w.WriteLine($"  multiply-adds per Predict:   {N(network.WeightCount)}");
        w.WriteLine($"  layout:                      {LayoutText(network, codegen, trainable.Layout, isFrozen)}");
        string sizes = frozen is null
            ? $"{N(trainable.SourceBytes)} bytes (trainable class)"
            : $"{N(frozen.SourceBytes)} bytes frozen (Predict), {N(trainable.SourceBytes)} bytes trainable";
        w.WriteLine($"  generated source:            {sizes}");
        foreach (Diagnostic warning in (frozen ?? trainable).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning))
        {
            w.WriteLine($"  generator warning:           {warning.Id}: {warning.GetMessage(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>
    /// The generator's own choice (read from its output). The rule it applies today, for the explanation
    /// (generator/BackpropGen.Generator/Emit/CodeLayout.cs): unrolled while the network has at most 1,000 weights and the
    /// unrolled TrainStep at most 480 named locals, loops beyond; a frozen Predict follows the same choice (split
    /// gives an unrolled Predict).
    /// </summary>
    private static string LayoutText(DenseNetwork network, string codegen, string? layout, bool isFrozen)
    {
        if (layout is null)
        {
            return "unknown (the generator's header did not name a layout)";
        }

        if (isFrozen && layout == "split")
        {
            layout = "unrolled";
        }

        if (codegen != "auto")
        {
            return $"{layout} (\"codegen\": \"{codegen}\" in the description)";
        }

        string weights = network.WeightCount.ToString("N0", CultureInfo.InvariantCulture);
        return layout switch
        {
            "unrolled" => $"unrolled (\"codegen\": \"auto\": {weights} weights <= 1,000 and the unrolled TrainStep within 480 named locals)",
            "loops" when network.WeightCount > 1000 => $"loops (\"codegen\": \"auto\": {weights} weights > 1,000)",
            "loops" => "loops (\"codegen\": \"auto\": the unrolled TrainStep would need more than 480 named locals)",
            _ => layout,
        };
    }

    /// <summary>The topology of a description the generator has accepted (so every key is known to be valid).</summary>
    private static (DenseNetwork Network, bool IsFrozen, string Codegen, JsonObject Root) ReadDescription(string text, string path)
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip };
        JsonObject root = JsonNode.Parse(text, documentOptions: options)?.AsObject()
            ?? throw new ImportException($"{path}: not a JSON object");
        int inputs = root["inputs"]!.GetValue<int>();
        var layers = new List<DenseLayer>();
        int fanIn = inputs;
        foreach (JsonNode? layer in root["layers"]!.AsArray())
        {
            int size = layer!["size"]!.GetValue<int>();
            string activation = layer["activation"]!.GetValue<string>();
            LayerBias bias = (layer["bias"]?.GetValue<string>() ?? "per_neuron") switch
            {
                "shared" => LayerBias.Shared,
                "none" => LayerBias.None,
                _ => LayerBias.PerNeuron,
            };
            layers.Add(new DenseLayer(size, fanIn, activation, null, bias, Array.Empty<double>(), Array.Empty<double>()));
            fanIn = size;
        }

        bool isDouble = (root["numeric"]?.GetValue<string>() ?? "double") == "double";
        bool frozen = root["frozen"]?.GetValue<bool>() ?? false;
        string codegen = root["codegen"]?.GetValue<string>() ?? "auto";
        return (new DenseNetwork(inputs, layers, isDouble), frozen, codegen, root);
    }
}
