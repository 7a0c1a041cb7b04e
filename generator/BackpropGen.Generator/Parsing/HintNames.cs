using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Parsing
{
    /// <summary>
    /// The generated file's hint name for every network class in the compilation. Roslyn accepts only some characters
    /// in a hint name and compares hint names ignoring case, while C# type names may hold any letter (and differ only in
    /// case), so a readable name ("My.Nets.Outer`1+Net.g.cs") is kept where it is unique, and a hash of the exact full
    /// name is added where it is not ("My.Nets.Net.1a2b3c4d.g.cs" beside "My.Nets.NET.5e6f7a8b.g.cs").
    /// </summary>
    internal sealed record HintNames(EquatableArray<HintName> Entries)
    {
        public static HintNames Assign(ImmutableArray<TargetClass> targets)
        {
            var distinct = targets.Distinct().ToList();
            var entries = new List<HintName>();
            var taken = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
            foreach (var group in distinct.GroupBy(Readable, System.StringComparer.OrdinalIgnoreCase))
            {
                bool alone = group.Count() == 1;
                foreach (TargetClass target in group)
                {
                    string name = alone ? group.Key : Readable(target) + "." + Hash(Exact(target));
                    // A hash collision (or a name Readable cannot tell apart): number the later ones.
                    string unique = name;
                    for (int n = 2; !taken.Add(unique); n++)
                    {
                        unique = name + "." + n.ToString(CultureInfo.InvariantCulture);
                    }

                    entries.Add(new HintName(target, unique + ".g.cs"));
                }
            }

            return new HintNames(entries.ToEquatableArray());
        }

        /// <summary>The hint name of <paramref name="target"/>; a readable, hashed one if the table does not hold it.</summary>
        public string For(TargetClass target)
        {
            foreach (HintName entry in Entries)
            {
                if (entry.Target == target)
                {
                    return entry.Name;
                }
            }

            return Readable(target) + "." + Hash(Exact(target)) + ".g.cs";
        }

        /// <summary>
        /// Namespace, containing types (with arity, after '+') and the class, every character Roslyn might refuse in a hint
        /// name replaced by '_': class Net in class A.B ("A.B+Net") and in namespace A.B ("A.B.Net") stay apart.
        /// </summary>
        public static string Readable(TargetClass target) => Sanitize(Exact(target));

        /// <summary>The full name, exactly: two different classes never share it.</summary>
        private static string Exact(TargetClass target)
        {
            var builder = new StringBuilder();
            if (target.Namespace is not null)
            {
                builder.Append(target.Namespace).Append('.');
            }

            foreach (ContainingType type in target.ContainingTypes)
            {
                builder.Append(type.Name);
                int arity = type.TypeParameterList.Length == 0 ? 0 : type.TypeParameterList.Split(',').Length;
                if (arity > 0)
                {
                    builder.Append('`').Append(arity.ToString(CultureInfo.InvariantCulture));
                }

                builder.Append('+');
            }

            return builder.Append(target.Name).ToString();
        }

        private static string Sanitize(string name)
        {
            var builder = new StringBuilder(name.Length);
            foreach (char c in name)
            {
                bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c is '.' or '_' or '+' or '`';
                builder.Append(safe ? c : '_');
            }

            return builder.ToString();
        }

        /// <summary>FNV-1a over the UTF-16 code units: stable across processes and machines (string.GetHashCode is not).</summary>
        private static string Hash(string text)
        {
            uint hash = 2166136261;
            foreach (char c in text)
            {
                hash = unchecked((hash ^ c) * 16777619);
            }

            return hash.ToString("x8", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>One network class and its generated file's hint name.</summary>
    internal sealed record HintName(TargetClass Target, string Name);
}
