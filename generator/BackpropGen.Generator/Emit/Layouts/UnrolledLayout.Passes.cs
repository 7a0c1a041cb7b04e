using System.Collections.Generic;
using System.Linq;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Layouts
{
    /// <summary>Forward, Loss, Backward and TrainStep: straight-line code, one named local per quantity.</summary>
    internal sealed partial class UnrolledLayout
    {
        private void WriteForward()
        {
            WriteBlocks(new[] { _plan.Inputs }.Concat(_plan.Forward));
            W.Line();
            WriteOutputStores();
        }

        /// <param name="from">Where the outputs are: locals (""), or the split layout's pass object ("q.").</param>
        private void WriteOutputStores(string from = "")
        {
            foreach (var (neuron, k) in Network.OutputLayer.Neurons.Select((n, k) => (n, k)))
            {
                W.Line($"output[{k}] = {from}{QuantityNames.Out(neuron)};");
            }
        }

        private void WriteLoss()
        {
            WriteBlocks(new[] { _plan.Inputs, _plan.Targets }.Concat(_plan.Forward).Concat(new[] { _plan.Loss }));
            W.Line();
            W.Line($"return {QuantityNames.TotalError};");
        }

        private void WriteBackward(bool trace)
        {
            WriteBlocks(_plan.Blocks);
            W.Line();
            WriteGradientStores();
            if (trace)
            {
                WriteTraceStores();
            }

            W.Line($"return {QuantityNames.TotalError};");
        }

        /// <param name="from">Where the quantities are: locals (""), or the split layout's pass object ("q.").</param>
        private void WriteTraceStores(string from = "")
        {
            W.Line("trace = default;");
            foreach (Quantity quantity in _plan.All)
            {
                W.Line($"trace.{quantity.Name} = {from}{quantity.Name};");
            }
        }

        private void WriteTrainStep()
        {
            WriteBlocks(_plan.Blocks, skip: Network.Description.TrainBiases ? null : Network.Parameters.Where(p => p.IsBias).Select(p => p.GradientName));
            W.Line();
            foreach (PartLine line in UpdateLines(fromArgument: false))
            {
                WriteLine(line);
            }

            W.Line($"return {QuantityNames.TotalError};");
        }

        /// <summary>
        /// The updates of a step, after every gradient: each trained parameter by the network's update rule. TrainStep
        /// takes each gradient from its named local (dE_dw5), ApplyGradient from its argument (gradient[4]). Shared by the
        /// unrolled and split layouts.
        /// </summary>
        private IEnumerable<PartLine> UpdateLines(bool fromArgument)
        {
            UpdateRule rule = Network.Update;
            string from = fromArgument ? "Updates from the caller's gradient" : "Updates, all from the gradients above";
            yield return new PartLine(null, Network.Description.Optimizer is null
                ? from + ": p+ = p - eta * dE_total/dp."
                : from + ", by " + rule.Describe() + ".");
            foreach (UpdateLine line in rule.Prologue())
            {
                yield return new PartLine(line.Code, line.Maths);
            }

            foreach (Parameter p in Network.Trained)
            {
                string gradient = fromArgument ? $"gradient[{p.Index}]" : p.GradientName;
                foreach (UpdateLine line in rule.Statements(p.Name, gradient, rule.StateNames(p.Name), p.Name))
                {
                    yield return new PartLine(line.Code, line.Maths);
                }
            }

            if (!Network.Description.TrainBiases && Network.BiasCount > 0)
            {
                yield return new PartLine(null, "Biases are not updated (trainBiases: false).");
            }
        }

        /// <summary>A statement with its comment, a statement alone, or a comment line.</summary>
        private void WriteLine(PartLine line)
        {
            if (line.Code is null)
            {
                W.Line("// " + line.Comment);
            }
            else if (line.Comment is null)
            {
                W.Line(line.Code);
            }
            else
            {
                W.Line(line.Code, line.Comment);
            }
        }

        private void WriteTraceFields()
        {
            foreach (Quantity quantity in _plan.All)
            {
                W.Line("/// <summary>" + XmlText.Escape(quantity.Maths) + "</summary>");
                W.Line($"public {T} {quantity.Name};");
            }
        }

        private void WriteBlocks(IEnumerable<QuantityBlock> blocks, IEnumerable<string>? skip = null) => QuantityLines.Write(W, Numeric, blocks, skip);

        private void WriteGradientStores()
        {
            foreach (Parameter p in Network.Parameters)
            {
                W.Line($"gradient[{p.Index}] = {p.GradientName};");
            }
        }
    }
}
