using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Layouts
{
    /// <summary>
    /// The split layout: the unrolled layout's lines, unchanged, with every quantity a field instead of a local, cut
    /// into private part methods that each stay inside the JIT's budgets (<see cref="CodeLayout.MaxSplitPartCost"/>).
    /// The public methods call the parts in order, so the arithmetic (and every bit of the result) is the unrolled one.
    /// </summary>
    internal sealed partial class UnrolledLayout
    {
        private static readonly Regex Operand = new Regex(@"(?<![\w.])[A-Za-z_]\w*(?!\w*\s*\()", RegexOptions.CultureInvariant);

        /// <summary>One group of lines, cut into parts named Name1, Name2, ...</summary>
        private sealed class PartGroup
        {
            public PartGroup(string name, string parameters, IReadOnlyList<PartLine> lines)
            {
                Name = name;
                Parameters = parameters;
                Lines = lines;
            }

            public string Name { get; }

            /// <summary>The part methods' parameter list, e.g. the input span.</summary>
            public string Parameters { get; }

            public IReadOnlyList<PartLine> Lines { get; }

            public List<int> PartStarts { get; } = new List<int>();

            public string Call(int part, string arguments) => $"{Name}{part + 1}({(arguments.Length == 0 ? "q" : "q, " + arguments)});";
        }

        /// <summary>A statement and its comment; headings are comment-only lines.</summary>
        private sealed class PartLine
        {
            public PartLine(string? code, string? comment)
            {
                Code = code;
                Comment = comment;
            }

            public string? Code { get; }

            public string? Comment { get; }

            /// <summary>
            /// What the JIT counts: each operand is a load of "this" and a field (local accesses, IL bytes), and each
            /// conditional adds basic blocks.
            /// </summary>
            public int Cost => Code is null ? 0 : 1 + Operand.Matches(Code).Count + 4 * Code.Count(c => c == '?');
        }

        private HashSet<string> _quantityNames = null!;

        /// <summary>
        /// A quantity of a pass lives in the calling thread's <c>Pass</c> object <c>q</c>, so concurrent passes on one
        /// instance never share one: "net_h1 = w1 * i1" becomes "q.net_h1 = w1 * q.i1" (parameters stay fields).
        /// </summary>
        private string Qualify(string code) =>
            Operand.Replace(code, m => _quantityNames.Contains(m.Value) ? "q." + m.Value : m.Value);

        /// <summary>The blocks whose quantities live in the Pass object: one pass, and the input gradients.</summary>
        private IEnumerable<QuantityBlock> PassBlocks => _plan.Blocks.Concat(new[] { _plan.InputGradients });

        private PartGroup _applyGradient = null!, _inputGradient = null!;

        private PartGroup _inputs = null!, _targets = null!, _forward = null!, _loss = null!, _backward = null!, _stores = null!, _updates = null!;

        /// <summary>The lines of every pass, cut into parts.</summary>
        private void BuildParts()
        {
            _quantityNames = new HashSet<string>(PassBlocks.SelectMany(b => b.Quantities).Select(q => q.Name), System.StringComparer.Ordinal);
            _inputs = Group("ReadInputs", $"Pass q, {In} input", new[] { _plan.Inputs });
            _targets = Group("ReadTargets", $"Pass q, {In} target", new[] { _plan.Targets });
            _forward = Group("ForwardPart", "Pass q", _plan.Forward);
            _loss = Group("LossPart", "Pass q", new[] { _plan.Loss });
            _backward = Group("BackwardPart", "Pass q", _plan.Backward);
            _stores = new PartGroup("StoreGradients", $"Pass q, {Out} gradient", Network.Parameters.Select(p => new PartLine($"gradient[{p.Index}] = {Qualify(p.GradientName)};", null)).ToList());
            Cut(_stores);
            _updates = new PartGroup("UpdateParameters", $"Pass q, {T} learningRate", UpdateLines(fromArgument: false).Select(l => new PartLine(l.Code is null ? null : Qualify(l.Code), l.Comment)).ToList());
            Cut(_updates);
            _applyGradient = new PartGroup("ApplyGradientPart", $"Pass q, {In} gradient, {T} learningRate", UpdateLines(fromArgument: true).ToList());
            Cut(_applyGradient);
            _inputGradient = Group("InputGradientPart", "Pass q", new[] { _plan.InputGradients });
        }

        private PartGroup Group(string name, string parameters, IEnumerable<QuantityBlock> blocks)
        {
            var lines = new List<PartLine>();
            foreach (QuantityBlock block in blocks)
            {
                lines.AddRange(block.Heading.Select(h => new PartLine(null, h)));
                lines.AddRange(block.Quantities.Select(q => new PartLine($"{Qualify(q.Name)} = {Qualify(q.Code)};", q.Maths)));
            }

            var group = new PartGroup(name, parameters, lines);
            Cut(group);
            return group;
        }

        /// <summary>Starts a new part where the next statement would take the current one past the budget.</summary>
        private static void Cut(PartGroup group)
        {
            int cost = 0;
            group.PartStarts.Add(0);
            for (int i = 0; i < group.Lines.Count; i++)
            {
                int lineCost = group.Lines[i].Cost;
                if (cost > 0 && cost + lineCost > CodeLayout.MaxSplitPartCost)
                {
                    // A heading belongs to the statements under it.
                    int start = i;
                    while (start > group.PartStarts[group.PartStarts.Count - 1] + 1 && group.Lines[start - 1].Code is null)
                    {
                        start--;
                    }

                    group.PartStarts.Add(start);
                    cost = 0;
                    for (int j = start; j < i; j++)
                    {
                        cost += group.Lines[j].Cost;
                    }
                }

                cost += lineCost;
            }
        }

        private void WriteQuantityFields()
        {
            W.Line("// Every named quantity of a pass, as fields of one object per thread: the parts below hand them on to each other,");
            W.Line("// and passes on different threads never share one. No call allocates after a thread's first.");
            W.Line("[global::System.ThreadStatic]");
            W.Line("private static Pass? t_pass;");
            W.Line();
            W.OpenBlock("private sealed class Pass");
            foreach (QuantityBlock block in PassBlocks)
            {
                IReadOnlyList<Quantity> quantities = block.Quantities;
                for (int i = 0; i < quantities.Count; i += 8)
                {
                    W.Line($"public {T} " + string.Join(", ", quantities.Skip(i).Take(8).Select(q => q.Name)) + ";");
                }
            }

            W.CloseBlock();
        }

        private void TakePass() => W.Line("Pass q = t_pass ??= new Pass();");

        private void WriteSplitForward()
        {
            TakePass();
            CallParts(_inputs, "input");
            CallParts(_forward, string.Empty);
            WriteOutputStores("q.");
        }

        private void WriteSplitLoss()
        {
            TakePass();
            CallForwardAndLoss();
            W.Line($"return q.{QuantityNames.TotalError};");
        }

        private void WriteSplitBackward()
        {
            TakePass();
            CallForwardAndLoss();
            CallParts(_backward, string.Empty);
            CallParts(_stores, "gradient");
            W.Line($"return q.{QuantityNames.TotalError};");
        }

        private void WriteSplitBackwardWithTrace()
        {
            TakePass();
            CallForwardAndLoss();
            CallParts(_backward, string.Empty);
            CallParts(_stores, "gradient");
            WriteTraceStores("q.");
            W.Line($"return q.{QuantityNames.TotalError};");
        }

        private void WriteSplitApplyGradient()
        {
            TakePass();
            CallParts(_applyGradient, "gradient, learningRate");
        }

        private void WriteSplitInputGradient()
        {
            TakePass();
            CallForwardAndLoss();
            CallParts(_backward, string.Empty);
            CallParts(_inputGradient, string.Empty);
            foreach (var (input, k) in Network.Inputs.Select((name, k) => (name, k)))
            {
                W.Line($"inputGradient[{k}] = q.{ChainRulePlan.InputGradientName(input)};");
            }

            W.Line($"return q.{QuantityNames.TotalError};");
        }

        private void WriteSplitTrainStep()
        {
            TakePass();
            CallForwardAndLoss();
            CallParts(_backward, string.Empty);
            CallParts(_updates, "learningRate");
            W.Line($"return q.{QuantityNames.TotalError};");
        }

        private void CallForwardAndLoss()
        {
            CallParts(_inputs, "input");
            CallParts(_targets, "target");
            CallParts(_forward, string.Empty);
            CallParts(_loss, string.Empty);
        }

        private void CallParts(PartGroup group, string arguments)
        {
            for (int part = 0; part < group.PartStarts.Count; part++)
            {
                W.Line(group.Call(part, arguments));
            }
        }

        private void WriteParts()
        {
            foreach (PartGroup group in new[] { _inputs, _targets, _forward, _loss, _backward, _stores, _updates, _applyGradient, _inputGradient })
            {
                WriteParts(group);
            }
        }

        private void WriteParts(PartGroup group)
        {
            for (int part = 0; part < group.PartStarts.Count; part++)
            {
                int start = group.PartStarts[part];
                int end = part + 1 < group.PartStarts.Count ? group.PartStarts[part + 1] : group.Lines.Count;
                W.Line();
                W.OpenBlock($"private void {group.Name}{part + 1}({group.Parameters})");
                for (int i = start; i < end; i++)
                {
                    WriteLine(group.Lines[i]);
                }

                W.CloseBlock();
            }
        }
    }
}
