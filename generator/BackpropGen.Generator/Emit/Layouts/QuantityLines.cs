using System.Collections.Generic;
using System.Linq;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Layouts
{
    /// <summary>Quantities as local declarations, each block under its heading: the unrolled layout's lines, trainable or frozen.</summary>
    internal static class QuantityLines
    {
        private const string Vector128 = "global::System.Runtime.Intrinsics.Vector128", Vector256 = "global::System.Runtime.Intrinsics.Vector256";

        /// <param name="w">The writer.</param>
        /// <param name="numeric">The numeric type.</param>
        /// <param name="blocks">The quantities to compute, in order.</param>
        /// <param name="skip">Names not to compute (TrainStep does not need untrained biases' gradients).</param>
        public static void Write(SourceWriter w, NumericType numeric, IEnumerable<QuantityBlock> blocks, IEnumerable<string>? skip = null)
        {
            var skipped = new HashSet<string>(skip ?? Enumerable.Empty<string>());
            foreach (QuantityBlock block in blocks)
            {
                if (block.Quantities.All(q => skipped.Contains(q.Name)))
                {
                    continue;
                }

                w.Line();
                foreach (string heading in block.Heading)
                {
                    w.Line("// " + heading);
                }

                List<Chunk> chunks = Chunks(block.Run, numeric, skipped);
                var declared = new HashSet<string>();
                foreach (Quantity quantity in block.Quantities.Where(q => !skipped.Contains(q.Name)))
                {
                    Chunk? chunk = chunks.FirstOrDefault(c => c.Lanes.Contains(quantity.Name));
                    if (chunk is null)
                    {
                        w.Line($"{numeric.Keyword} {quantity.Name} = {quantity.Code};", quantity.Maths);
                        declared.Add(quantity.Name);
                    }
                    else
                    {
                        chunk.Reached = true;
                    }

                    // A chunk is written once its first output is due and all its operands exist.
                    foreach (Chunk ready in chunks.Where(c => c.Reached && !c.Written && c.Operands.All(declared.Contains)).ToList())
                    {
                        WriteChunk(w, numeric, block, ready);
                        ready.Written = true;
                        declared.UnionWith(ready.Lanes);
                    }
                }
            }
        }

        /// <summary>
        /// The run's neurons in vectors: Vector256 while more than a Vector128 remains (the last one padded with zeros, whose
        /// lanes are computed and dropped), then Vector128; a last single neuron stays scalar.
        /// </summary>
        private static List<Chunk> Chunks(LaneRun? run, NumericType numeric, HashSet<string> skipped)
        {
            var chunks = new List<Chunk>();
            if (run is null || run.Outputs.Any(skipped.Contains))
            {
                return chunks;
            }

            int lanes128 = numeric.Keyword == "float" ? 4 : 2;
            for (int first = 0; first < run.Outputs.Count - 1;)
            {
                int remaining = run.Outputs.Count - first;
                (string vector, int width) = remaining > lanes128 ? (Vector256, 2 * lanes128) : (Vector128, lanes128);
                int count = System.Math.Min(width, remaining);
                chunks.Add(new Chunk(run, first, count, vector, width));
                first += count;
            }

            return chunks;
        }

        private static void WriteChunk(SourceWriter w, NumericType numeric, QuantityBlock block, Chunk chunk)
        {
            LaneRun run = chunk.Run;
            string t = numeric.Keyword, type = $"{chunk.Vector}<{t}>";
            string last = run.Neurons[chunk.First + chunk.Count - 1];
            string operands = $"{run.Operands[chunk.First]}_to_{last}", results = $"{run.Outputs[chunk.First]}_to_{last}";
            IEnumerable<string> values = chunk.Operands.Concat(Enumerable.Repeat(numeric.Literal(0), chunk.Width - chunk.Count));
            Quantity[] quantities = chunk.Lanes.Select(name => block.Quantities.First(q => q.Name == name)).ToArray();
            w.Line("#if NET8_0_OR_GREATER");
            w.Line($"{type} {operands} = {chunk.Vector}.Create({string.Join(", ", values)});", chunk.Width > chunk.Count ? "padded with zeros" : "one vector");
            w.Line($"{type} {results} = {run.Vector(chunk.Vector, operands)};", "lane k has the bits of the scalar line under #else");
            for (int k = 0; k < quantities.Length; k++)
            {
                w.Line($"{t} {quantities[k].Name} = {chunk.Vector}.GetElement({results}, {k});", quantities[k].Maths);
            }

            w.Line("#else");
            foreach (Quantity quantity in quantities)
            {
                w.Line($"{t} {quantity.Name} = {quantity.Code};", quantity.Maths);
            }

            w.Line("#endif");
        }

        private sealed class Chunk
        {
            public Chunk(LaneRun run, int first, int count, string vector, int width)
            {
                Run = run;
                First = first;
                Count = count;
                Vector = vector;
                Width = width;
                Lanes = run.Outputs.Skip(first).Take(count).ToArray();
                Operands = run.Operands.Skip(first).Take(count).ToArray();
            }

            public LaneRun Run { get; }

            public int First { get; }

            public int Count { get; }

            public string Vector { get; }

            public int Width { get; }

            public string[] Lanes { get; }

            public string[] Operands { get; }

            public bool Reached { get; set; }

            public bool Written { get; set; }
        }
    }
}
