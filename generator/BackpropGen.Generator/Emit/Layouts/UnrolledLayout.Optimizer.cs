using System.Collections.Generic;
using System.Linq;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Layouts
{
    /// <summary>The optimizer's state as fields named after their parameters (m_w5, v_w5), ApplyGradient and InputGradient.</summary>
    internal sealed partial class UnrolledLayout
    {
        /// <summary>Every field of the optimizer's state, in the order Get/SetOptimizerState carry them.</summary>
        private IReadOnlyList<string> StateFields()
        {
            UpdateRule rule = Network.Update;
            var fields = new List<string>();
            for (int k = 0; k < rule.StatePerParameter; k++)
            {
                fields.AddRange(Network.Trained.Select(p => rule.StateNames(p.Name)[k]));
            }

            return fields;
        }

        private void WriteOptimizerFields()
        {
            UpdateRule rule = Network.Update;
            if (rule.StatePerParameter == 0)
            {
                return;
            }

            W.Line();
            W.Line($"// The optimizer's state: {rule.Describe()}.");
            if (rule.CountsSteps)
            {
                W.Line($"private int {UpdateRule.Step};");
                W.Line($"private {T} {UpdateRule.Correction1}, {UpdateRule.Correction2};");
            }

            IReadOnlyList<string> fields = StateFields();
            for (int i = 0; i < fields.Count; i += 8)
            {
                W.Line($"private {T} " + string.Join(", ", fields.Skip(i).Take(8)) + ";");
            }
        }

        private void WriteResetOptimizer()
        {
            if (Network.Update.CountsSteps)
            {
                W.Line($"{UpdateRule.Step} = 0;");
            }

            foreach (string field in StateFields())
            {
                W.Line($"{field} = {Numeric.Literal(0)};");
            }
        }

        private void WriteGetOptimizerState()
        {
            int offset = 0;
            if (Network.Update.CountsSteps && Network.OptimizerStateCount > 0)
            {
                W.Line($"destination[0] = {UpdateRule.Step};");
                offset = 1;
            }

            foreach (var (field, i) in StateFields().Select((f, i) => (f, i)))
            {
                W.Line($"destination[{offset + i}] = {field};");
            }
        }

        private void WriteSetOptimizerState()
        {
            int offset = 0;
            if (Network.Update.CountsSteps && Network.OptimizerStateCount > 0)
            {
                WriteUpdateLines(Network.Update.RestoreStep());

                offset = 1;
            }

            foreach (var (field, i) in StateFields().Select((f, i) => (f, i)))
            {
                W.Line($"{field} = source[{offset + i}];");
            }
        }

        private void WriteApplyGradient()
        {
            foreach (PartLine line in UpdateLines(fromArgument: true))
            {
                WriteLine(line);
            }
        }

        private void WriteInputGradient()
        {
            WriteBlocks(_plan.Blocks, skip: Network.Parameters.Select(p => p.GradientName));
            WriteBlocks(new[] { _plan.InputGradients });
            W.Line();
            foreach (var (input, k) in Network.Inputs.Select((name, k) => (name, k)))
            {
                W.Line($"inputGradient[{k}] = {ChainRulePlan.InputGradientName(input)};");
            }

            W.Line($"return {QuantityNames.TotalError};");
        }

    }
}
