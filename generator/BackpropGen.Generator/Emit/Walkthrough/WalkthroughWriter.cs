using System.Collections.Generic;
using System.Linq;
using System.Text;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Walkthrough
{
    /// <summary>
    /// The body of WriteWalkthrough(input, target, learningRate, writer, significantDigits) for the unrolled and split
    /// layouts: one Backward with its Trace, then the plan's quantities in computation order, each as its formula, the
    /// same formula with the numbers put in, and its value. Every formula and every "numbers put in" template is fixed
    /// here, at generation time, from the plan's code; every number comes from the Trace of the generated pass or
    /// from the parameters, so the walk-through never computes anything the generated code does not.
    /// </summary>
    internal sealed class WalkthroughWriter
    {
        private readonly NetworkModel _network;
        private readonly ChainRulePlan _plan;
        private readonly SourceWriter _w;
        private readonly string _t;
        private readonly HashSet<string> _quantities;
        private readonly Dictionary<string, Quantity> _byName;
        private readonly Dictionary<string, Parameter> _parameters;
        private readonly Dictionary<string, (Layer Layer, int Neuron, int Input)> _weights = new Dictionary<string, (Layer, int, int)>();

        public WalkthroughWriter(NetworkModel network, ChainRulePlan plan, SourceWriter writer)
        {
            _network = network;
            _plan = plan;
            _w = writer;
            _t = network.Numeric.Keyword;
            _byName = plan.All.ToDictionary(q => q.Name, System.StringComparer.Ordinal);
            _quantities = new HashSet<string>(_byName.Keys, System.StringComparer.Ordinal);
            _parameters = network.Parameters.ToDictionary(p => p.Name, System.StringComparer.Ordinal);
            foreach (Layer layer in network.Layers)
            {
                for (int n = 0; n < layer.Neurons.Count; n++)
                {
                    for (int k = 0; k < layer.Inputs.Count; k++)
                    {
                        _weights[layer.Weights[n][k].GradientName] = (layer, n, k);
                    }
                }
            }
        }

        /// <summary>The statements of the body, after the input and target checks.</summary>
        public void WriteBody()
        {
            WalkthroughSupport.WriteArgumentChecks(_w);
            _w.Line($"var gradient = new {_t}[ParameterCount];");
            _w.Line("Backward(input, target, gradient, out Trace t);");
            WalkthroughSupport.WriteFormat(_w);
            Text("# One training step, number by number\n\n");
            Text("Network: " + NetworkFile.Topology(_network) + "; loss " + LossRules.Name(_network.Description.Loss) + "; " + _t + ".\n");
            Emit("Put(\"Learning rate: eta = {0}.\\n\\n\", learningRate);");
            Text("Each line: the formula, the same formula with the numbers put in, the value. The formulas are the lines of the generated code; every value is the generated pass's own (Backward and its Trace). Numbers: invariant culture, ");
            Emit("writer.Write(significantDigits.ToString(global::System.Globalization.CultureInfo.InvariantCulture));");
            Text(" significant digits.\n");

            Section("Forward pass");
            Block(_plan.Inputs, "Inputs");
            Block(_plan.Targets, "Targets");
            foreach (QuantityBlock block in _plan.Forward)
            {
                Block(block);
            }

            Section("Error");
            Block(_plan.Loss);
            Section("Backward pass");
            foreach (QuantityBlock block in _plan.Backward)
            {
                Block(block);
            }

            WriteUpdates();

            // The lines in local functions of at most PartSize statements each: every method stays small for the JIT, however large the network.
            int parts = (_statements.Count + PartSize - 1) / PartSize;
            for (int part = 1; part <= parts; part++)
            {
                _w.Line($"Part{part}();");
            }

            for (int part = 1; part <= parts; part++)
            {
                _w.Line();
                _w.OpenBlock($"void Part{part}()");
                foreach (string statement in _statements.Skip((part - 1) * PartSize).Take(PartSize))
                {
                    _w.Line(statement);
                }

                _w.CloseBlock();
            }

            WalkthroughSupport.WritePut(_w, _t);
        }

        /// <summary>Statements per local function: about 10 KB of IL, a third of what the split layout allows a part.</summary>
        private const int PartSize = 150;

        private readonly List<string> _statements = new List<string>();

        private void Emit(string statement) => _statements.Add(statement);

        /// <summary>
        /// The updated parameters, as TrainStep computes them (p - learningRate * gradient), for display only: the
        /// network is not changed. This is the one place an optimizer's state (moments, step count) would be written out.
        /// </summary>
        private void WriteUpdates()
        {
            Section("Updated parameters");
            if (_network.Description.Optimizer is not null)
            {
                WriteOptimizerStep();
                return;
            }

            Text("\nPlain gradient descent, every update from the gradients above: p+ = p - eta * dE_total/dp. The network itself is not changed (TrainStep makes this step).\n\n");
            foreach (Parameter p in _network.Trained)
            {
                string maths = $"{p.Name}+ = {p.Name} - eta * dE_total/d{p.Name}";
                Emit($"Put({Literal("- `" + maths + " = {0} - {1} * {2} = {3}`\n")}, {p.Name}, learningRate, t.{p.GradientName}, {p.Name} - learningRate * t.{p.GradientName});");
            }

            if (!_network.Description.TrainBiases && _network.BiasCount > 0)
            {
                Text("\nBiases are not updated (trainBiases: false): " + string.Join(", ", _network.Parameters.Where(p => p.IsBias).Select(p => p.Name)) + " stay as they are.\n");
            }
        }

        /// <summary>
        /// The optimizer's step, statement by statement as TrainStep runs it (the rule of <see cref="UpdateRule"/>), on
        /// copies of the parameters and of the optimizer's state, so the network itself is not changed. A line per
        /// statement: the new value's formula, the numbers put in, the value ("m_w5+", "w5+").
        /// </summary>
        private void WriteOptimizerStep()
        {
            UpdateRule rule = _network.Update;
            Text("\nTrainStep applies " + rule.Describe() + ", from the gradients above and the optimizer's state (GetOptimizerState). The step, statement by statement; the network itself is not changed. A name with + is its value after the step.\n\n");
            var locals = new Dictionary<string, string>(System.StringComparer.Ordinal) { ["learningRate"] = "learningRate" };
            if (rule.CountsSteps)
            {
                _w.Line($"int step_ = {UpdateRule.Step};");
                _w.Line($"{_t} correction1_ = {UpdateRule.Correction1}, correction2_ = {UpdateRule.Correction2};");
                locals[UpdateRule.Step] = "step_";
                locals[UpdateRule.Correction1] = "correction1_";
                locals[UpdateRule.Correction2] = "correction2_";
                foreach (UpdateLine line in rule.Prologue())
                {
                    StepLine(line, locals, line.Code.StartsWith(UpdateRule.Step, System.StringComparison.Ordinal) ? "t+" : line.Code.StartsWith(UpdateRule.Correction1, System.StringComparison.Ordinal) ? "correction1+" : "correction2+");
                }
            }

            foreach (Parameter p in _network.Trained)
            {
                IReadOnlyList<string> state = rule.StateNames(p.Name);
                _w.Line($"{_t} {p.Name}_ = {p.Name}, {p.GradientName}_ = t.{p.GradientName}" + string.Concat(state.Select(s => $", {s}_ = {s}")) + ";");
                locals[p.Name] = p.Name + "_";
                locals[p.GradientName] = p.GradientName + "_";
                foreach (string s in state)
                {
                    locals[s] = s + "_";
                }

                List<UpdateLine> statements = rule.Statements(p.Name, p.GradientName, state, p.Name).ToList();
                for (int i = 0; i < statements.Count; i++)
                {
                    // A parameter changed before its last statement (AdamW's decay) is an intermediate value: w5'.
                    string target = statements[i].Code.Substring(0, statements[i].Code.IndexOf(' '));
                    bool intermediate = target == p.Name && statements.Skip(i + 1).Any(s => s.Code.StartsWith(p.Name + " ", System.StringComparison.Ordinal));
                    StepLine(statements[i], locals, intermediate ? target + "'" : target + "+");
                }
            }

            if (!_network.Description.TrainBiases && _network.BiasCount > 0)
            {
                Text("\nBiases are not updated (trainBiases: false): " + string.Join(", ", _network.Parameters.Where(p => p.IsBias).Select(p => p.Name)) + " stay as they are.\n");
            }
        }

        private static readonly System.Text.RegularExpressions.Regex Assignment = new System.Text.RegularExpressions.Regex(@"^(?<target>\w+) (?<op>\+=|-=|\*=|=) (?<rhs>.*);$");

        /// <summary>One statement of the step on the copies: its line (value computed as the statement would), then the statement itself.</summary>
        private void StepLine(UpdateLine line, Dictionary<string, string> locals, string name)
        {
            string code = System.Text.RegularExpressions.Regex.Replace(line.Code, @"\b\w+\b", m => locals.TryGetValue(m.Value, out string? local) ? local : m.Value);
            System.Text.RegularExpressions.Match parts = Assignment.Match(code);
            string target = parts.Groups["target"].Value, rhs = parts.Groups["rhs"].Value;
            string value = parts.Groups["op"].Value switch
            {
                "=" => rhs,
                "+=" => $"{target} + {rhs}",
                "-=" => $"{target} - {rhs}",
                "*=" => $"{target} * ({rhs})",
                _ => throw new System.InvalidOperationException("Not an update statement: " + line.Code),
            };
            var operands = new HashSet<string>(locals.Values, System.StringComparer.Ordinal);
            ExpressionTemplate template = ExpressionTemplate.Parse(value, operands.Contains);
            string numbers = template.Render((_, k) => "{" + k + "}");
            int equals = line.Maths.IndexOf(" = ", System.StringComparison.Ordinal);
            string formula = equals < 0 ? line.Maths : line.Maths.Substring(equals + 3);
            int last = template.Operands.Count;
            string text = "- `" + name + " = " + formula + " = " + numbers + " = {" + last + "}`\n";
            Emit($"Put({Literal(text)}, {string.Join(", ", template.Operands.Concat(new[] { $"({_t})({value})" }))});");
            Emit(code);
        }

        private void Section(string title) => Text("\n## " + title + "\n");

        private void Block(QuantityBlock block, string? title = null)
        {
            List<string> lines = (title is null ? block.Heading.Skip(1) : block.Heading).ToList();
            string first = title ?? block.Heading[0];
            while (title is null && first.EndsWith(",", System.StringComparison.Ordinal) && lines.Count > 0 && !lines[0].StartsWith(" ", System.StringComparison.Ordinal))
            {
                // A heading that goes on over the next line ("..., then delta = ...") stays one heading.
                first += " " + lines[0];
                lines.RemoveAt(0);
            }

            var heading = new StringBuilder("\n### ").Append(first).Append('\n');
            if (title is null && lines.Count > 0)
            {
                heading.Append('\n');
                if (lines.Any(l => l.StartsWith(" ", System.StringComparison.Ordinal)))
                {
                    heading.Append("```text\n").Append(string.Join("\n", lines)).Append("\n```\n");
                }
                else
                {
                    heading.Append(string.Join(" ", lines)).Append('\n');
                }
            }

            Text(heading.Append('\n').ToString());
            bool isInputOrTarget = block == _plan.Inputs || block == _plan.Targets;
            foreach (Quantity q in block.Quantities)
            {
                if (isInputOrTarget)
                {
                    Emit($"Put({Literal("- `" + q.Name + " = {0}`\n")}, t.{q.Name});");
                    continue;
                }

                if (_weights.TryGetValue(q.Name, out var weight))
                {
                    WriteDnetDw(weight.Layer, weight.Neuron, weight.Input);
                }

                WriteQuantity(q);
            }
        }

        /// <summary>dnet/dw: the value the weight carries, the third factor of the article's chain.</summary>
        private void WriteDnetDw(Layer layer, int neuron, int input)
        {
            string carried = layer.Number == 1 ? layer.Inputs[input] : QuantityNames.Out(layer.Inputs[input]);
            string line = $"- `d{QuantityNames.Net(layer.Neurons[neuron])}/d{layer.Weights[neuron][input].Name} = {carried} = {{0}}`\n";
            Emit($"Put({Literal(line)}, t.{carried});");
        }

        private void WriteQuantity(Quantity q)
        {
            ExpressionTemplate template = ExpressionTemplate.Parse(q.Code, id => id != q.Name && (_quantities.Contains(id) || _parameters.ContainsKey(id)));
            string symbolic = template.Render((operand, _) => DisplayName(operand));
            string numbers = template.Render((_, k) => "{" + k + "}");
            string[] segments = q.Maths.Split(new[] { " = " }, System.StringSplitOptions.None);
            string head;
            string? note = null;
            if (segments.Length >= 2 && Normal(segments[segments.Length - 1]) == Normal(symbolic))
            {
                head = q.Maths;
                if (segments[0].IndexOf(' ') >= 0)
                {
                    // "dE/dout_h1_1 through h2_1 = ...": the line starts with the quantity's name, the reading follows.
                    head = q.Name + " = " + string.Join(" = ", segments.Skip(1));
                    note = segments[0];
                }
            }
            else
            {
                head = DisplayName(q.Name) + " = " + symbolic;
                if (Normal(q.Maths) != Normal(head))
                {
                    note = q.Maths;
                }
            }

            int last = template.Operands.Count;
            string line = "- `" + head + (last > 0 ? " = " + numbers : string.Empty) + " = {" + last + "}`" + (note is null ? string.Empty : " (" + note + ")") + "\n";
            IEnumerable<string> values = template.Operands.Select(Value).Concat(new[] { "t." + q.Name });
            Emit($"Put({Literal(line)}, {string.Join(", ", values)});");
        }

        /// <summary>A quantity from the Trace, a parameter from its field.</summary>
        private string Value(string operand) => _parameters.ContainsKey(operand) ? operand : "t." + operand;

        /// <summary>How the article writes an operand: "dE_total/dout_o1" for dE_dout_o1, read off the left side of its formula.</summary>
        private string DisplayName(string operand)
        {
            if (_byName.TryGetValue(operand, out Quantity? q))
            {
                int equals = q.Maths.IndexOf(" = ", System.StringComparison.Ordinal);
                string lhs = equals < 0 ? q.Name : q.Maths.Substring(0, equals);
                return lhs.IndexOf(' ') >= 0 ? q.Name : lhs;
            }

            return operand;
        }

        private static string Normal(string text) => new string(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

        private void Text(string text) => Emit($"writer.Write({Literal(text)});");

        public static string Literal(string text)
        {
            var s = new StringBuilder("\"");
            foreach (char c in text)
            {
                s.Append(c switch
                {
                    '\\' => "\\\\",
                    '"' => "\\\"",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ => c.ToString(),
                });
            }

            return s.Append('"').ToString();
        }
    }
}
