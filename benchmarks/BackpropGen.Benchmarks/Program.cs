using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using BackpropGen.Benchmarks.Suites;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace BackpropGen.Benchmarks;

/// <summary>
/// dotnet run -c Release --project benchmarks/BackpropGen.Benchmarks -- --filter '*'     all benchmarks (BenchmarkSwitcher)
/// ... -- --math-hash        the emitted maths' bits as one hash (must not change with the ISA: DOTNET_EnableAVX512=0, ...)
/// ... -- --check            run every suite's setup checks (the three implementations agree) and exit
/// ... -- --export DIR       write the frozen twins' descriptions (ToDescriptionJson(frozen: true)) into DIR
/// ... -- --jit [seconds]    call every generated method until it reaches its final tier (for DOTNET_JitStdOutFile)
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--export")
        {
            return Export(args.Length > 1 ? args[1] : Path.Combine("benchmarks", "BackpropGen.Benchmarks", "Networks"));
        }

        if (args.Length > 0 && args[0] == "--math-hash")
        {
            (ulong hash, int mismatches) = DeterministicMath.Fingerprint();
            Console.WriteLine($"deterministic maths: hash {hash:X16}, vector lanes differing from scalar: {mismatches}");
            return mismatches == 0 ? 0 : 1;
        }

        if (args.Length > 0 && args[0] == "--check")
        {
            new WorkedExampleBenchmarks().Setup();
            new DigitsBenchmarks().Setup();
            new LayoutBenchmarks().Setup();
            new MnistBenchmarks().Setup();
            new FrozenBenchmarks().Setup();
            new NativeBaselineBenchmarks().Setup();
            Console.WriteLine("All setup checks passed: generated, idiomatic and best-effort agree; frozen Predict == trainable Forward bit for bit.");
            return 0;
        }

        if (args.Length > 0 && args[0] == "--jit")
        {
            JitWarmup.Run(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3.0);
            return 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, CreateConfig());
        return 0;
    }

    /// <summary>
    /// 1 launch, 3 warmup and 5 measured iterations per benchmark (75 benchmarks, about 12 minutes plus the build on the
    /// 2-core machine: see README.md); Median, Ratio and Allocated columns.
    /// </summary>
    public static IConfig CreateConfig() =>
        DefaultConfig.Instance
            .AddJob(Job.Default.WithId("3w5i").WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(5))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median)
            .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory)
            // The boilerplate project rebuilds the generator and ~8 MB of generated source; on a loaded 2-core machine
            // that takes minutes, past BenchmarkDotNet's default 2-minute build timeout.
            .WithBuildTimeout(TimeSpan.FromMinutes(30))
            .WithArtifactsPath(Path.Combine(ProjectDirectory(), "BenchmarkDotNet.Artifacts"));

    /// <summary>This project's folder (results go beside it, not into the caller's current directory).</summary>
    private static string ProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BackpropGen.Benchmarks.csproj")))
            {
                return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    private static int Export(string directory)
    {
        Directory.CreateDirectory(directory);
        Write(directory, "worked.frozen.json", new WorkedD().ToDescriptionJson(frozen: true), "worked.json");
        Write(directory, "worked.float.frozen.json", new WorkedF().ToDescriptionJson(frozen: true), "worked.float.json");
        Write(directory, "digits.frozen.json", new DigitsD().ToDescriptionJson(frozen: true), "digits.json");
        Write(directory, "digits.float.frozen.json", new DigitsF().ToDescriptionJson(frozen: true), "digits.float.json");
        return 0;
    }

    private static void Write(string directory, string file, string json, string from)
    {
        const string Head = "{\n";
        if (!json.StartsWith(Head, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Unexpected ToDescriptionJson() format: " + json.Substring(0, Math.Min(40, json.Length)));
        }

        string frozen = Head
            + $"  // {from} with its initial parameters, frozen: ToDescriptionJson(frozen: true) of the trainable network.\n"
            + "  // Written by: dotnet run -c Release --project benchmarks/BackpropGen.Benchmarks -- --export\n"
            + json.Substring(Head.Length);
        string path = Path.Combine(directory, file);
        File.WriteAllText(path, frozen);
        Console.WriteLine("wrote " + path);
    }
}

/// <summary>
/// Calls every generated method often enough, with pauses, for tiered compilation to reach the final tier, so that
/// DOTNET_JitStdOutFile=... DOTNET_JitDisasmSummary=1 lists the tier each method was last compiled at.
/// </summary>
internal static class JitWarmup
{
    public static void Run(double seconds)
    {
        var worked = new WorkedExampleBenchmarks();
        var digits = new DigitsBenchmarks();
        var mnist = new MnistBenchmarks();
        var frozen = new FrozenBenchmarks();
        worked.Setup();
        digits.Setup();
        mnist.Setup();
        frozen.Setup();
        var clock = Stopwatch.StartNew();
        int rounds = 0;
        while (clock.Elapsed.TotalSeconds < seconds || rounds < 20)
        {
            for (int i = 0; i < 200; i++)
            {
                worked.Forward_Double_Generated();
                worked.Backward_Double_Generated();
                worked.TrainStep_Double_Generated();
                worked.Forward_Float_Generated();
                worked.Backward_Float_Generated();
                worked.TrainStep_Float_Generated();
                digits.Forward_Double_Generated();
                digits.Backward_Double_Generated();
                digits.TrainStep_Double_Generated();
                digits.Forward_Float_Generated();
                digits.Backward_Float_Generated();
                digits.TrainStep_Float_Generated();
                digits.Forward_Double_GeneratedUnrolled();
                digits.Backward_Double_GeneratedUnrolled();
                digits.TrainStep_Double_GeneratedUnrolled();
                frozen.Worked_Double_FrozenPredict();
                frozen.Worked_Float_FrozenPredict();
                frozen.Digits_Double_FrozenPredict();
                frozen.Digits_Float_FrozenPredict();
                if (i % 10 == 0)
                {
                    mnist.Forward_Double_Generated();
                    mnist.Backward_Double_Generated();
                    mnist.TrainStep_Double_Generated();
                    mnist.Forward_Float_Generated();
                    mnist.Backward_Float_Generated();
                    mnist.TrainStep_Float_Generated();
                }
            }

            rounds++;
            Thread.Sleep(50);
        }

        Console.WriteLine($"{rounds} rounds in {clock.Elapsed.TotalSeconds:F1} s");
    }
}
