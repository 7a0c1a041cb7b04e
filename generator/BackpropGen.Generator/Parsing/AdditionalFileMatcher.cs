using System;
using System.Collections.Generic;
using System.Linq;

namespace BackpropGen.Generator.Parsing
{
    /// <summary>
    /// Matches a description path against AdditionalFiles by whole trailing path segments ('/' and '\' both separate):
    /// "nets/mazur.json" matches ".../nets/mazur.json" but not ".../othernets/mazur.json".
    /// </summary>
    internal static class AdditionalFileMatcher
    {
        private static readonly char[] Separators = { '/', '\\' };

        public static List<int> Matches(string requested, IReadOnlyList<string> filePaths)
        {
            string[] wanted = Segments(requested);
            var matches = new List<int>();
            if (wanted.Length == 0)
            {
                return matches;
            }

            for (int i = 0; i < filePaths.Count; i++)
            {
                string[] segments = Segments(filePaths[i]);
                if (segments.Length >= wanted.Length && segments.Skip(segments.Length - wanted.Length).SequenceEqual(wanted, StringComparer.Ordinal))
                {
                    matches.Add(i);
                }
            }

            return matches;
        }

        private static string[] Segments(string path) =>
            path.Split(Separators, StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToArray();
    }
}
