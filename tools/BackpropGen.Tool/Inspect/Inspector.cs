using System.IO;

namespace BackpropGen.Tool.Inspect;

internal static class Inspector
{
    public static int Run(string path, TextWriter stdout, TextWriter stderr) => 0;
}
