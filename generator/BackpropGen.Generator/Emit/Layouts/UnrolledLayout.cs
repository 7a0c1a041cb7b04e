using BackpropGen.Generator.Common;
using BackpropGen.Generator.Emit.Members;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit.Layouts
{
    /// <summary>
    /// The unrolled layout: one named local per quantity, one line per partial derivative, parameters as fields; and
    /// the split layout (the same lines in several methods, quantities as fields). The passes and the parts are written
    /// in the other files of this class.
    /// </summary>
    internal sealed partial class UnrolledLayout : Layout
    {
        private readonly ChainRulePlan _plan;
        private readonly bool _split;

        public UnrolledLayout(NetworkModel network, SourceWriter writer, bool split)
            : base(network, writer)
        {
            _plan = new ChainRulePlan(network);
            _split = split;
            if (split)
            {
                BuildParts();
            }
        }

        public override string Name => _split ? "split layout" : "unrolled layout";

        public override void WriteFields()
        {
            WriteParameterFields();
            WriteOptimizerFields();
            if (_split)
            {
                W.Line();
                WriteQuantityFields();
            }
        }

        public override void WriteBody(Member member)
        {
            switch (member.Id)
            {
                case MemberId.ParameterName:
                    WriteParameterName();
                    break;
                case MemberId.GetParameters:
                    WriteGetParameters();
                    break;
                case MemberId.SetParameters:
                    WriteSetParameters();
                    break;
                case MemberId.CopyParametersTo:
                    WriteCopyParametersTo();
                    break;
                case MemberId.TrainBatch:
                    TrainingBodies.WriteTrainBatch(W, Network, sumRows: null);
                    break;
                case MemberId.Forward when _split:
                    WriteSplitForward();
                    break;
                case MemberId.Forward:
                    WriteForward();
                    break;
                case MemberId.ForwardBatch when _split:
                    // A split network is too large for one method: the lanes chain would not fit one either. Row by row.
                    Batch.BatchBody.Write(W, "Forward", blocks: null);
                    break;
                case MemberId.ForwardBatch:
                    Batch.BatchBody.Write(W, "Forward", new Batch.RowLanesWriter(W, Network, frozen: false).WriteBlocks);
                    break;
                case MemberId.Loss when _split:
                    WriteSplitLoss();
                    break;
                case MemberId.Loss:
                    WriteLoss();
                    break;
                case MemberId.Backward when _split:
                    WriteSplitBackward();
                    break;
                case MemberId.Backward:
                    WriteBackward(trace: false);
                    break;
                case MemberId.BackwardWithTrace when _split:
                    WriteSplitBackwardWithTrace();
                    break;
                case MemberId.BackwardWithTrace:
                    WriteBackward(trace: true);
                    break;
                case MemberId.TrainStep when _split:
                    WriteSplitTrainStep();
                    break;
                case MemberId.TrainStep:
                    WriteTrainStep();
                    break;
                case MemberId.Trace:
                    WriteTraceFields();
                    break;
                case MemberId.ApplyGradient when _split:
                    WriteSplitApplyGradient();
                    break;
                case MemberId.ApplyGradient:
                    WriteApplyGradient();
                    break;
                case MemberId.InputGradient when _split:
                    WriteSplitInputGradient();
                    break;
                case MemberId.InputGradient:
                    WriteInputGradient();
                    break;
                case MemberId.ResetOptimizer:
                    WriteResetOptimizer();
                    break;
                case MemberId.GetOptimizerState:
                    WriteGetOptimizerState();
                    break;
                case MemberId.SetOptimizerState:
                    WriteSetOptimizerState();
                    break;
                case MemberId.WriteWalkthroughDigits:
                    new Walkthrough.WalkthroughWriter(Network, _plan, W).WriteBody();
                    break;
                default:
                    throw NotRendered(member);
            }
        }

        public override void WriteSupport()
        {
            if (_split)
            {
                WriteParts();
            }
            else
            {
                new Batch.RowLanesWriter(W, Network, frozen: false).WriteSupport();
            }
        }
    }
}
