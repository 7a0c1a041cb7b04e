using System.Collections.Generic;
using System.Linq;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit
{
    /// <summary>Forward, Loss, Backward and TrainStep: straight-line code, one named local per quantity.</summary>
    internal sealed partial class NetworkEmitter
    {
        private void WriteForward()
        {
            Summary("Runs the network on <paramref name=\"input\"/> (exactly InputCount values) and writes OutputCount values to <paramref name=\"output\"/>.");
            _w.OpenBlock($"public void Forward({In} input, {Out} output)");
            RequireExactly("input", "InputCount");
            RequireAtLeast("output", "OutputCount");
            WriteBlocks(new[] { _plan.Inputs }.Concat(_plan.Forward));
            _w.Line();
            foreach (var (neuron, k) in _network.OutputLayer.Neurons.Select((n, k) => (n, k)))
            {
                _w.Line($"output[{k}] = {QuantityNames.Out(neuron)};");
            }

            _w.CloseBlock();
        }

        private void WriteLoss()
        {
            Summary("The loss E_total of the network's output for <paramref name=\"input\"/> against <paramref name=\"target\"/>.");
            _w.OpenBlock($"public {_t} Loss({In} input, {In} target)");
            RequireInputAndTarget();
            WriteBlocks(new[] { _plan.Inputs, _plan.Targets }.Concat(_plan.Forward).Concat(new[] { _plan.Loss }));
            _w.Line();
            _w.Line("return E_total;");
            _w.CloseBlock();
        }

        private void WriteBackward()
        {
            Summary("One forward and backward pass: writes dE_total/dparameter for every parameter (canonical order) to <paramref name=\"gradient\"/> and returns E_total.");
            _w.OpenBlock($"public {_t} Backward({In} input, {In} target, {Out} gradient)");
            RequireInputAndTarget();
            RequireAtLeast("gradient", "ParameterCount");
            WriteBlocks(AllBlocks());
            _w.Line();
            WriteGradientStores();
            _w.Line("return E_total;");
            _w.CloseBlock();
        }

        private void WriteBackwardWithTrace()
        {
            Summary("Like Backward, and also records every named quantity of the pass in <paramref name=\"trace\"/> (for reading and teaching; the other methods stay lean).");
            _w.OpenBlock($"public {_t} Backward({In} input, {In} target, {Out} gradient, out Trace trace)");
            RequireInputAndTarget();
            RequireAtLeast("gradient", "ParameterCount");
            WriteBlocks(AllBlocks());
            _w.Line();
            WriteGradientStores();
            _w.Line("trace = default;");
            foreach (Quantity quantity in _plan.All)
            {
                _w.Line($"trace.{quantity.Name} = {quantity.Name};");
            }

            _w.Line("return E_total;");
            _w.CloseBlock();
        }

        private void WriteTrainStep()
        {
            Summary("One step of plain gradient descent: every gradient from the current parameters, then every update. Returns E_total before the step.");
            _w.OpenBlock($"public {_t} TrainStep({In} input, {In} target, {_t} learningRate)");
            RequireInputAndTarget();
            WriteBlocks(AllBlocks(), skip: _network.Description.TrainBiases ? null : _network.Parameters.Where(p => p.IsBias).Select(p => p.GradientName));
            _w.Line();
            foreach (PartLine line in UpdateLines())
            {
                WriteLine(line);
            }

            _w.Line("return E_total;");
            _w.CloseBlock();
        }

        /// <summary>The updates of TrainStep, after every gradient: shared by the unrolled and split layouts.</summary>
        private IEnumerable<PartLine> UpdateLines()
        {
            yield return new PartLine(null, "Updates, all from the gradients above: p+ = p - eta * dE_total/dp.");
            foreach (Parameter p in _network.Parameters.Where(p => !p.IsBias || _network.Description.TrainBiases))
            {
                yield return new PartLine($"{p.Name} -= learningRate * {p.GradientName};", $"{p.Name}+ = {p.Name} - eta * dE_total/d{p.Name}");
            }

            if (!_network.Description.TrainBiases && _network.BiasCount > 0)
            {
                yield return new PartLine(null, "Biases are not updated (trainBiases: false).");
            }
        }

        /// <summary>A statement with its comment, a statement alone, or a comment line.</summary>
        private void WriteLine(PartLine line)
        {
            if (line.Code is null)
            {
                _w.Line("// " + line.Comment);
            }
            else if (line.Comment is null)
            {
                _w.Line(line.Code);
            }
            else
            {
                _w.Line(line.Code, line.Comment);
            }
        }

        private void WriteTraceStruct()
        {
            Summary("Every named quantity of one forward and backward pass, as filled by Backward(input, target, gradient, out trace).");
            _w.OpenBlock("public struct Trace");
            foreach (Quantity quantity in _plan.All)
            {
                Summary(XmlEscape(quantity.Maths));
                _w.Line($"public {_t} {quantity.Name};");
            }

            _w.CloseBlock();
        }

        private IEnumerable<QuantityBlock> AllBlocks() =>
            new[] { _plan.Inputs, _plan.Targets }.Concat(_plan.Forward).Concat(new[] { _plan.Loss }).Concat(_plan.Backward);

        private void RequireInputAndTarget()
        {
            RequireExactly("input", "InputCount");
            RequireExactly("target", "OutputCount");
        }

        /// <param name="blocks">The quantities to compute, in order.</param>
        /// <param name="skip">Names not to compute (TrainStep does not need untrained biases' gradients).</param>
        private void WriteBlocks(IEnumerable<QuantityBlock> blocks, IEnumerable<string>? skip = null)
        {
            var skipped = new HashSet<string>(skip ?? Enumerable.Empty<string>());
            foreach (QuantityBlock block in blocks)
            {
                _w.Line();
                foreach (string heading in block.Heading)
                {
                    _w.Line("// " + heading);
                }

                foreach (Quantity quantity in block.Quantities.Where(q => !skipped.Contains(q.Name)))
                {
                    _w.Line($"{_t} {quantity.Name} = {quantity.Code};", quantity.Maths);
                }
            }
        }

        private void WriteGradientStores()
        {
            foreach (Parameter p in _network.Parameters)
            {
                _w.Line($"gradient[{p.Index}] = {p.GradientName};");
            }
        }
    }
}
