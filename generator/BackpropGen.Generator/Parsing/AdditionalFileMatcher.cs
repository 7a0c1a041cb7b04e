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

        /// <summary>
        /// For a path that matches nothing: what nearly matched, and what to write instead. A path through "..": the
        /// path is not relative to the source file, so the trailing segments after the ".." are what to write; a file
        /// that differs only in case (matching is case-sensitive); a file of the same name in another folder.
        /// Null when nothing comes close.
        /// </summary>
        public static string? NearMiss(string requested, IReadOnlyList<string> filePaths)
        {
            string[] wanted = Resolved(Segments(requested));
            if (wanted.Length == 0)
            {
                return null;
            }

            bool throughParent = Segments(requested).Contains("..");
            foreach (StringComparer comparer in new[] { StringComparer.Ordinal, StringComparer.OrdinalIgnoreCase })
            {
                foreach (string path in filePaths)
                {
                    string[] segments = Resolved(Segments(path));
                    if (segments.Length < wanted.Length || !segments.Skip(segments.Length - wanted.Length).SequenceEqual(wanted, comparer))
                    {
                        continue;
                    }

                    string write = string.Join("/", segments.Skip(segments.Length - wanted.Length));
                    if (comparer == StringComparer.Ordinal)
                    {
                        return throughParent
                            ? $"the path goes through \"..\", but it is not relative to the source file: it is matched against the AdditionalFiles items' trailing path segments, so write \"{write}\" (it matches \"{path}\")"
                            : $"the AdditionalFiles item \"{path}\" matches it only once its \"..\" segments are resolved; list the file without \"..\"";
                    }

                    return $"the AdditionalFiles item \"{path}\" differs only in case, and matching is case-sensitive (as on Linux and macOS): write \"{write}\"" +
                        (throughParent ? " (without \"..\": paths are matched by trailing segments, not relative to the source file)" : string.Empty);
                }
            }

            string fileName = wanted[wanted.Length - 1];
            foreach (string path in filePaths)
            {
                string[] segments = Segments(path);
                if (segments.Length > 0 && string.Equals(segments[segments.Length - 1], fileName, StringComparison.OrdinalIgnoreCase))
                {
                    return $"the AdditionalFiles item \"{path}\" has that file name in another folder: to use it, write its trailing segments, such as \"{segments[segments.Length - 1]}\"";
                }
            }

            return null;
        }

        private static string[] Segments(string path) =>
            path.Split(Separators, StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToArray();

        /// <summary>"a/b/../c" as "a/c"; ".." at the start (above what the path names) is dropped.</summary>
        private static string[] Resolved(string[] segments)
        {
            var resolved = new List<string>();
            foreach (string segment in segments)
            {
                if (segment != "..")
                {
                    resolved.Add(segment);
                }
                else if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }
            }

            return resolved.ToArray();
        }
    }
}
