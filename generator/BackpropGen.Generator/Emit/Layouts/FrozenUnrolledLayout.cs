using System.Linq;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Emit.Members;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Layouts
{
    /// <summary>A frozen network: the unrolled forward lines with every parameter a literal; no fields, no instance.</summary>
    internal sealed class FrozenUnrolledLayout : Layout
    {
        public FrozenUnrolledLayout(NetworkModel network, SourceWriter writer)
            : base(network, writer)
        {
        }

        public override string Name => "unrolled layout";

        public override void WriteBody(Member member)
        {
            if (member.Id == MemberId.PredictBatch)
            {
                Batch.BatchBody.Write(W, "Predict", new Batch.RowLanesWriter(W, Network, frozen: true).WriteBlocks);
                return;
            }

            if (member.Id != MemberId.Predict)
            {
                throw NotRendered(member);
            }

            var plan = new ChainRulePlan(Network, parametersAsLiterals: true);
            QuantityLines.Write(W, Numeric, new[] { plan.Inputs }.Concat(plan.Forward));

            W.Line();
            for (int k = 0; k < Network.OutputLayer.Neurons.Count; k++)
            {
                W.Line($"output[{k}] = {QuantityNames.Out(Network.OutputLayer.Neurons[k])};");
            }
        }

        public override void WriteSupport() => new Batch.RowLanesWriter(W, Network, frozen: true).WriteSupport();
    }
}
