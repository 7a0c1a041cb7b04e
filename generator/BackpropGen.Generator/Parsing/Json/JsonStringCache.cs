namespace BackpropGen.Generator.Parsing.Json;

/// <summary>
/// Shares the string instances of short repeated strings, such as the keys of every object in an array,
/// which would otherwise be the bulk of a large document's allocations. Direct-mapped: a clash just evicts.
/// </summary>
internal sealed class JsonStringCache
{
    private const int MaxCachedLength = 32;
    private const int SlotCount = 256;

    private readonly string?[] slots = new string?[SlotCount];

    /// <summary>text.Substring(start, length), reusing an earlier equal instance when there is one.</summary>
    public string Substring(string text, int start, int length)
    {
        if (length > MaxCachedLength)
        {
            return text.Substring(start, length);
        }

        int hash = length;
        for (int i = start; i < start + length; i++)
        {
            hash = unchecked((hash * 31) + text[i]);
        }

        int slot = hash & (SlotCount - 1);
        string? cached = slots[slot];
        if (cached != null && cached.Length == length && string.CompareOrdinal(text, start, cached, 0, length) == 0)
        {
            return cached;
        }

        return slots[slot] = text.Substring(start, length);
    }
}
