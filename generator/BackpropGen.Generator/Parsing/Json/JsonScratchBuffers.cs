using System.Collections.Generic;

namespace BackpropGen.Generator.Parsing.Json;

/// <summary>
/// One reusable list per nesting depth. Only one container per depth is open at a time, so a container
/// can collect its children here and then cost a single exact-size array instead of a growing List.
/// </summary>
internal sealed class JsonScratchBuffers<T>
{
    private readonly List<T>?[] byDepth;

    public JsonScratchBuffers(int maxDepth)
    {
        byDepth = new List<T>?[maxDepth + 1];
    }

    /// <summary>An empty list for the container at <paramref name="depth"/>.</summary>
    public List<T> Rent(int depth)
    {
        List<T> buffer = byDepth[depth] ??= new List<T>();
        buffer.Clear();
        return buffer;
    }
}
