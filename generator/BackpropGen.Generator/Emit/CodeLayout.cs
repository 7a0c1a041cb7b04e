using BackpropGen.Generator.Model;

namespace BackpropGen.Generator.Emit
{
    /// <summary>
    /// Unrolled or loops for "auto": decided by counting what the unrolled layout would emit into its largest method
    /// (TrainStep). RyuJIT compiles a method with more than 2,000 locals, 8,000 local loads/stores or 60,000 bytes of IL
    /// without optimization (MinOpts) for the life of the process, and stops inlining (span indexers included) past 512
    /// locals. Split is never chosen by "auto": where unrolled code no longer fits one method, the loops layout trained
    /// 1.1-1.7x faster than split in the benchmarks (16-32-10 and 4-64-3; split's Forward was 1.3-1.6x faster).
    /// Split is there when asked for: the unrolled lines and Trace, for reading, at sizes one method cannot hold.
    /// </summary>
    internal static class CodeLayout
    {
        /// <summary>Named locals of the unrolled TrainStep; below the 512 at which the JIT stops inlining.</summary>
        public const int MaxUnrolledLocals = 480;

        /// <summary>
        /// Multiply-adds of the forward pass; each costs about 40 bytes of IL over Forward, Backward and the gradient
        /// stores, so this keeps the unrolled methods well inside the JIT's 60,000-byte budget.
        /// </summary>
        public const int MaxUnrolledWeights = 1_000;

        /// <summary>
        /// Most a split part may cost (operands + 4 per conditional; see NetworkEmitter.Split). Each operand is a load of
        /// "this" and a field: 2,000 keeps a part near 20 KB of IL and 2,000 local accesses, well inside the JIT's
        /// 60,000 bytes, 8,000 local accesses and 2,000 basic blocks.
        /// </summary>
        public const int MaxSplitPartCost = 2_000;

        /// <summary>RyuJIT's DEFAULT_MIN_OPTS_LV_NUM_COUNT: a method with more locals is compiled without optimization.</summary>
        public const int JitMaxOptimizedLocals = 2_000;

        /// <summary>
        /// The layout of a network, decided once from its counts. A frozen network has no split form: a split twin computes
        /// the unrolled lines, so the unrolled Predict gives its bits.
        /// </summary>
        public static CodegenKind Choose(NetworkDescription description)
        {
            CodegenKind chosen = description.Codegen;
            if (chosen == CodegenKind.Auto)
            {
                NetworkCounts counts = NetworkCounts.Of(description);
                chosen = counts.Weights <= MaxUnrolledWeights && counts.UnrolledLocals <= MaxUnrolledLocals ? CodegenKind.Unrolled : CodegenKind.Loops;
            }

            return description.Frozen && chosen == CodegenKind.Split ? CodegenKind.Unrolled : chosen;
        }
    }
}
