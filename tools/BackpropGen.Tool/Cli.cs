using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Text;
using BackpropGen.Tool.Description;
using BackpropGen.Tool.Inspect;
using BackpropGen.Tool.Onnx;

namespace BackpropGen.Tool;

/// <summary>
/// The command line. Exit codes: 0 done; 1 the input was refused (the message says why, on one line of stderr);
/// 2 the command line is wrong (usage on stderr). Nothing ever prints a stack trace.
/// </summary>
internal static class Cli
{
    public const int Ok = 0;
    public const int Refused = 1;
    public const int Usage = 2;

    private const string UsageText =
        "usage:\n"
        + "  backpropgen import <model.onnx> -o <net.json> [--numeric float|double] [--trainable] [--graph-output NAME]\n"
        + "      writes a BackpropGen JSON description of a fully connected ONNX model (torch.onnx.export, tf2onnx,\n"
        + "      skl2onnx) with every weight and bias: frozen (a static Predict) unless --trainable; numeric defaults\n"
        + "      to the model's element type. --graph-output picks one output of a model with several (skl2onnx\n"
        + "      classifiers: probabilities); the nodes only the others need are ignored.\n"
        + "  backpropgen inspect <net.json|model.onnx> [--graph-output NAME]\n"
        + "      parameters, bytes of weights, multiply-adds per Predict, the layout \"codegen\": \"auto\" picks and\n"
        + "      the size of the generated source.\n"
        + "  backpropgen --version | --help";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
            {
                (args.Length == 0 ? stderr : stdout).WriteLine(UsageText);
                return args.Length == 0 ? Usage : Ok;
            }

            if (args[0] is "--version")
            {
                stdout.WriteLine(typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");
                return Ok;
            }

            return args[0] switch
            {
                "import" => Import(args, stdout, stderr),
                "inspect" => InspectCommand(args, stdout, stderr),
                _ => UsageError(stderr, $"unknown command '{args[0]}'"),
            };
        }
        catch (ImportException e)
        {
            stderr.WriteLine("backpropgen: error: " + OneLine(e.Message));
            return Refused;
        }
        catch (Exception e)
        {
            // Never a stack trace: one line that says what happened.
            stderr.WriteLine("backpropgen: internal error: " + e.GetType().Name + ": " + OneLine(e.Message));
            return Refused;
        }
    }

    private static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine("backpropgen: " + message);
        stderr.WriteLine(UsageText);
        return Usage;
    }

    private static int Import(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? model = null, output = null, graphOutput = null;
        bool? asFloat = null;
        bool trainable = false;
        for (int i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-o" or "--output":
                    if (i + 1 >= args.Length)
                    {
                        return UsageError(stderr, $"{args[i]} needs a file name");
                    }

                    output = args[++i];
                    break;
                case "--numeric":
                    if (i + 1 >= args.Length || args[i + 1] is not ("float" or "double"))
                    {
                        return UsageError(stderr, "--numeric takes float or double");
                    }

                    asFloat = args[++i] == "float";
                    break;
                case "--trainable":
                    trainable = true;
                    break;
                case "--graph-output":
                    if (i + 1 >= args.Length)
                    {
                        return UsageError(stderr, "--graph-output needs the name of one of the model's outputs");
                    }

                    graphOutput = args[++i];
                    break;
                default:
                    if (args[i].StartsWith('-') || model is not null)
                    {
                        return UsageError(stderr, $"unexpected argument '{args[i]}'");
                    }

                    model = args[i];
                    break;
            }
        }

        if (model is null || output is null)
        {
            return UsageError(stderr, model is null ? "import needs a model file" : "import needs -o <net.json>");
        }

        string json = ImportToJson(model, Path.GetFileName(output), asFloat, trainable, graphOutput, out DenseNetwork network, out bool writtenAsFloat);
        WriteAtomically(output, json);
        stdout.WriteLine($"backpropgen: wrote {output}: {network.Shape}, {network.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)} parameters, "
            + $"{(writtenAsFloat ? "float" : "double")}, {(trainable ? "trainable" : "frozen")}");
        return Ok;
    }

    /// <summary>The description of an ONNX model, as "import" writes it (also used by "inspect").</summary>
    public static string ImportToJson(string modelPath, string outputName, bool? asFloat, bool trainable, string? graphOutput, out DenseNetwork network, out bool writtenAsFloat)
    {
        byte[] bytes = OnnxImporter.ReadFile(modelPath);
        string modelName = Path.GetFileName(modelPath);
        (network, OnnxInfo info) = OnnxImporter.Import(bytes, modelName, graphOutput);
        writtenAsFloat = asFloat ?? !network.IsDouble;
        var command = new StringBuilder($"backpropgen import {modelName} -o {outputName}");
        if (asFloat is bool f)
        {
            command.Append(" --numeric ").Append(f ? "float" : "double");
        }

        if (trainable)
        {
            command.Append(" --trainable");
        }

        if (graphOutput is not null)
        {
            command.Append(" --graph-output ").Append(graphOutput);
        }

        var header = new List<string>
        {
            $"Imported from {modelName} ({info.Producer}, opset {info.Opset}, {(network.IsDouble ? "double" : "float")} weights): {network.Shape}.",
            $"Input: '{info.InputName}' [batch, {network.Inputs}]; output: '{info.OutputName}' [batch, {network.Outputs}]. Re-import rather than edit:",
            "  " + command,
        };
        return DescriptionWriter.Write(network, writtenAsFloat, frozen: !trainable, header);
    }

    /// <summary>
    /// Writes to a temporary file beside <paramref name="path"/> and moves it over <paramref name="path"/>: a reader never
    /// sees a half-written description, and a failure leaves the old file (if any) as it was.
    /// </summary>
    private static void WriteAtomically(string path, string text)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            throw new ImportException($"cannot write {path}: the folder {directory} does not exist");
        }

        string temporary = Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImportException($"cannot write {path}: {e.Message}");
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static int InspectCommand(string[] args, TextWriter stdout, TextWriter stderr)
    {
        bool withOutput = args.Length == 4 && args[2] == "--graph-output";
        if (!(args.Length == 2 || withOutput) || args[1].StartsWith('-'))
        {
            return UsageError(stderr, "inspect takes one file: a .json description or an .onnx model (and --graph-output NAME for an .onnx)");
        }

        return Inspector.Run(args[1], withOutput ? args[3] : null, stdout, stderr);
    }

    private static string OneLine(string text) => text.Replace("\r", " ").Replace("\n", " ");
}
