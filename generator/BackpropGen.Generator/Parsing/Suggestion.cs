using System;
using System.Collections.Generic;

namespace BackpropGen.Generator.Parsing
{
    /// <summary>"Did you mean ...?": the accepted word nearest to a misspelt one, if any is near enough to be meant.</summary>
    internal static class Suggestion
    {
        /// <summary>
        /// The candidate closest to <paramref name="given"/> by edit distance (insertions, deletions, substitutions and
        /// swaps of neighbours, ignoring case), if it is at most a third of the longer word away (at least 1, at most 3);
        /// ties go to the earlier candidate. Null when nothing is that close, or when <paramref name="given"/> is empty.
        /// </summary>
        public static string? Closest(string given, IEnumerable<string> candidates)
        {
            if (given.Length == 0 || given.Length > 64)
            {
                return null;
            }

            string? best = null;
            int bestDistance = int.MaxValue;
            foreach (string candidate in candidates)
            {
                int limit = Math.Min(3, Math.Max(1, Math.Max(given.Length, candidate.Length) / 3));
                int distance = Distance(given.ToLowerInvariant(), candidate.ToLowerInvariant());
                if (distance <= limit && distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }

            return best;
        }

        /// <summary>Optimal string alignment distance: Levenshtein, plus a swap of two neighbouring characters costing 1.</summary>
        public static int Distance(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (int i = 0; i <= a.Length; i++)
            {
                d[i, 0] = i;
            }

            for (int j = 0; j <= b.Length; j++)
            {
                d[0, j] = j;
            }

            for (int i = 1; i <= a.Length; i++)
            {
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    int value = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    {
                        value = Math.Min(value, d[i - 2, j - 2] + 1);
                    }

                    d[i, j] = value;
                }
            }

            return d[a.Length, b.Length];
        }
    }
}
