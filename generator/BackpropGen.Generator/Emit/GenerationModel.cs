using System;
using BackpropGen.Generator.Common;
using BackpropGen.Generator.Emit.Layouts;
using BackpropGen.Generator.Emit.Members;
using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit
{
    /// <summary>
    /// Everything the emitter needs for one network, worked out once: the network as data, whether it is frozen, and
    /// its layout. Every output shape renders from this; nothing downstream decides again.
    /// </summary>
    internal sealed class GenerationModel
    {
        private GenerationModel(NetworkModel network, CodegenKind layout)
        {
            Network = network;
            Layout = layout;
        }

        public NetworkModel Network { get; }

        /// <summary>Unrolled, split or loops; never auto.</summary>
        public CodegenKind Layout { get; }

        public bool Frozen => Network.Description.Frozen;

        public Audience Audience => Frozen ? Audience.Frozen : Audience.Trainable;

        public static GenerationModel Build(NetworkDescription description) =>
            new GenerationModel(NetworkModel.Build(description), CodeLayout.Choose(description));

        public Layout CreateLayout(SourceWriter w) => (Frozen, Layout) switch
        {
            (false, CodegenKind.Unrolled) => new UnrolledLayout(Network, w, split: false),
            (false, CodegenKind.Split) => new UnrolledLayout(Network, w, split: true),
            (false, CodegenKind.Loops) => new LoopsLayout(Network, w),
            (true, CodegenKind.Unrolled) => new FrozenUnrolledLayout(Network, w),
            (true, CodegenKind.Loops) => new FrozenLoopsLayout(Network, w),
            _ => throw new InvalidOperationException($"No layout renders {Layout} (frozen: {Frozen})."),
        };
    }
}
