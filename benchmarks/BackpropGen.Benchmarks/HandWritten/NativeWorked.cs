using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BackpropGen.Benchmarks.HandWritten;

/// <summary>
/// The worked example in C (Native/worked.c, gcc -O3 -march=native), called without a GC transition. The library is
/// built by the benchmark project; its absolute path travels in an assembly attribute, because BenchmarkDotNet runs
/// each benchmark from a project of its own in another folder.
/// </summary>
public static unsafe partial class NativeWorked
{
    private const string Library = "worked";

    static NativeWorked() => NativeLibrary.SetDllImportResolver(typeof(NativeWorked).Assembly, Resolve);

    /// <summary>Whether the C library was built (gcc found at build time) and loads.</summary>
    public static bool Available => File.Exists(LibraryPath);

    private static string LibraryPath =>
        typeof(NativeWorked).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "NativeWorkedLibrary")?.Value ?? string.Empty;

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path) =>
        name == Library && Available ? NativeLibrary.Load(LibraryPath) : IntPtr.Zero;

    [StructLayout(LayoutKind.Sequential)]
    public struct NetD
    {
        public fixed double W[8];
        public fixed double B[2];
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct NetF
    {
        public fixed float W[8];
        public fixed float B[2];
    }

    [LibraryImport(Library, EntryPoint = "worked_nop"), SuppressGCTransition]
    public static partial void Nop();

    [LibraryImport(Library, EntryPoint = "worked_forward_d"), SuppressGCTransition]
    public static partial void Forward(NetD* net, double* input, double* output);

    [LibraryImport(Library, EntryPoint = "worked_train_step_d"), SuppressGCTransition]
    public static partial double TrainStep(NetD* net, double* input, double* target, double rate);

    [LibraryImport(Library, EntryPoint = "worked_forward_f"), SuppressGCTransition]
    public static partial void Forward(NetF* net, float* input, float* output);

    [LibraryImport(Library, EntryPoint = "worked_train_step_f"), SuppressGCTransition]
    public static partial float TrainStep(NetF* net, float* input, float* target, float rate);
}
