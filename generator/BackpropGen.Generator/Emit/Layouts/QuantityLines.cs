using System.Collections.Generic;
using System.Linq;
using BackpropGen.Generator.Common;

namespace BackpropGen.Generator.Emit.Layouts
{
    /// <summary>Quantities as local declarations, each block under its heading: the unrolled layout's lines, trainable or frozen.</summary>
    internal static class QuantityLines
    {
        /// <param name="w">The writer.</param>
        /// <param name="t">"double" or "float".</param>
        /// <param name="blocks">The quantities to compute, in order.</param>
        /// <param name="skip">Names not to compute (TrainStep does not need untrained biases' gradients).</param>
        public static void Write(SourceWriter w, string t, IEnumerable<QuantityBlock> blocks, IEnumerable<string>? skip = null)
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

                foreach (Quantity quantity in block.Quantities.Where(q => !skipped.Contains(q.Name)))
                {
                    w.Line($"{t} {quantity.Name} = {quantity.Code};", quantity.Maths);
                }
            }
        }
    }
}
