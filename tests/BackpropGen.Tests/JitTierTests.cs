using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;

namespace BackpropGen.Tests;

/// <summary>
/// No generated method may run unoptimized. RyuJIT falls back to MinOpts for methods past its size budgets;
/// BackpropGen.JitCheck runs networks from 2-2-2 to 784-128-10 with tiering off (every method compiled once,
/// fully optimized unless too big) and the JIT's summary says how each method was compiled.
/// </summary>
public class JitTierTests
{
    private static readonly Regex CompiledMethod = new(@"JIT compiled (?<method>BackpropGen\.JitCheck\.[^(\s]+)\(.*\[(?<how>[^,\]]+)", RegexOptions.Compiled);

    [Fact]
    public void No_generated_method_is_compiled_with_MinOpts()
    {
        string summary = RunJitCheck();
        var methods = Parse(summary);

        Assert.True(methods.Count >= 60, $"Expected the JIT summary to list the generated methods, found {methods.Count}:\n{summary}");
        Assert.Contains(methods, m => m.Method.EndsWith("N784_128_10:BackwardCore", StringComparison.Ordinal));
        Assert.Contains(methods, m => m.Method.EndsWith("N784_128_10:InputGradientCore", StringComparison.Ordinal));
        Assert.Contains(methods, m => m.Method.EndsWith("N64_32_10Split:ApplyGradientPart1", StringComparison.Ordinal));
        Assert.Contains(methods, m => m.Method.EndsWith("Mazur:TrainBatch", StringComparison.Ordinal));
        Assert.Contains(methods, m => m.Method.EndsWith("Mazur:TrainStep", StringComparison.Ordinal));
        Assert.Contains(methods, m => m.Method.EndsWith("Mazur:ForwardBatch", StringComparison.Ordinal));
        Assert.Contains(methods, m => m.Method.EndsWith("Mazur:ForwardLanes128", StringComparison.Ordinal)); // 39 rows leave a pair for the narrowest lanes
        Assert.Contains(methods, m => m.Method.EndsWith("MazurFrozen:PredictBatch", StringComparison.Ordinal));
        Assert.Contains(methods, m => m.Method.EndsWith("N784_128_10:ForwardRows", StringComparison.Ordinal));
        Assert.Contains(methods, m => m.Method.EndsWith("N784_128_10F:DotRows2", StringComparison.Ordinal)); // 128 and 10 neurons: weight rows in pairs only
        Assert.Contains(methods, m => m.Method.EndsWith("Mazur:DivideByRows", StringComparison.Ordinal));
        Assert.Contains(methods, m => m.Method.EndsWith("N784_128_10:TrainRows", StringComparison.Ordinal));
        Assert.Contains(methods, m => m.Method.EndsWith("N784_128_10F:AddOuterRows", StringComparison.Ordinal));
        Assert.Contains(methods, m => m.Method.EndsWith("N784_128_10:AddScaledProduct", StringComparison.Ordinal));
        Assert.Contains(methods, m => m.Method.EndsWith("N64_32_10Split:ForwardPart2", StringComparison.Ordinal)); // forced split
        Assert.Contains(methods, m => m.Method.EndsWith("N64_32_10Split:BackwardPart6", StringComparison.Ordinal));
        var unoptimized = methods.Where(m => m.How.Contains("MinOpts", StringComparison.Ordinal)).ToList();
        Assert.True(unoptimized.Count == 0, "Compiled with MinOpts:\n" + string.Join("\n", unoptimized));
    }

    [Fact]
    public void The_summary_parser_recognises_a_MinOpts_method()
    {
        const string line = "   4: JIT compiled BackpropGen.JitCheck.Mid:Backward(System.ReadOnlySpan`1[double],System.Span`1[double]) [Tier-0 switched MinOpts, IL size=43796, code size=88254]";

        var method = Assert.Single(Parse(line));

        Assert.Equal("BackpropGen.JitCheck.Mid:Backward", method.Method);
        Assert.Contains("MinOpts", method.How);
    }

    private static List<(string Method, string How)> Parse(string summary) =>
        CompiledMethod.Matches(summary).Select(m => (m.Groups["method"].Value, m.Groups["how"].Value)).ToList();

    private static string RunJitCheck()
    {
        string summaryFile = Path.Combine(Path.GetTempPath(), $"backpropgen-jit-{Guid.NewGuid():N}.txt");
        var start = new ProcessStartInfo("dotnet", $"\"{JitCheckAssembly()}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_TieredCompilation"] = "0";
        start.Environment["DOTNET_JitDisasmSummary"] = "1";
        start.Environment["DOTNET_JitStdOutFile"] = summaryFile;
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "JitCheck did not finish in 2 minutes");
        Assert.True(process.ExitCode == 0, $"JitCheck failed ({process.ExitCode}):\n{output}");
        try
        {
            return File.ReadAllText(summaryFile);
        }
        finally
        {
            File.Delete(summaryFile);
        }
    }

    private static string JitCheckAssembly()
    {
        // This test assembly lives in tests/BackpropGen.Tests/bin/<Configuration>/<tfm>/; JitCheck builds beside it.
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string configuration = tfm.Parent!.Name;
        string testsFolder = tfm.Parent.Parent!.Parent!.Parent!.FullName;
        string path = Path.Combine(testsFolder, "BackpropGen.JitCheck", "bin", configuration, tfm.Name, "BackpropGen.JitCheck.dll");
        Assert.True(File.Exists(path), $"JitCheck is not built at {path}");
        return path;
    }
}
