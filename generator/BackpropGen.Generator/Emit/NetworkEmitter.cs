using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit
{
    /// <summary>
    /// The unrolled layout: one named local per quantity, one line per partial derivative, parameters as fields; and
    /// the split layout (the same lines in several methods). Members are written in the other parts of this class.
    /// </summary>
    internal sealed partial class NetworkEmitter : EmitterBase
    {
        private readonly ChainRulePlan _plan;
        private readonly bool _split;

        private NetworkEmitter(TargetClass target, NetworkModel network, ChainRulePlan plan, bool split)
            : base(target, network)
        {
            _plan = plan;
            _split = split;
        }

        /// <summary>The whole generated file for one network, in the layout its size calls for.</summary>
        public static string Emit(TargetClass target, NetworkDescription description, string origin)
        {
            NetworkModel network = NetworkModel.Build(description);
            if (description.Frozen)
            {
                return FrozenNetworkEmitter.Emit(target, network, origin);
            }

            ChainRulePlan? plan = null;
            return CodeLayout.Choose(description.Codegen, network, () => plan ??= new ChainRulePlan(network)) switch
            {
                CodegenKind.Loops => new LoopsNetworkEmitter(target, network).WriteFile(origin, "loops layout"),
                CodegenKind.Split => new NetworkEmitter(target, network, plan ?? new ChainRulePlan(network), split: true).WriteFile(origin, "split layout"),
                _ => new NetworkEmitter(target, network, plan ?? new ChainRulePlan(network), split: false).WriteFile(origin, "unrolled layout"),
            };
        }

        protected override void WriteMembers()
        {
            WriteCounts();
            _w.Line();
            WriteParameterFields();
            _w.Line();
            if (_split)
            {
                WriteQuantityFields();
                _w.Line();
            }

            WriteParameterAccess();
            _w.Line();
            if (_split)
            {
                WriteSplitPasses();
            }
            else
            {
                WriteForward();
                _w.Line();
                WriteLoss();
                _w.Line();
                WriteBackward();
                _w.Line();
                WriteBackwardWithTrace();
                _w.Line();
                WriteTrainStep();
            }

            _w.Line();
            WriteTraceStruct();
            _w.Line();
            WriteExport();
            _w.Line();
            WriteLengthChecks();
        }
    }
}
