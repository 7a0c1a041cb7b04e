using System;
using System.Collections.Generic;

namespace BackpropGen.Generator.Emit.Members
{
    /// <summary>Every member the generator may put into a network class; a layout supplies the body of each it renders.</summary>
    internal enum MemberId
    {
        InputCount,
        OutputCount,
        ParameterCount,
        WeightCount,
        BiasCount,
        ParameterName,
        GetParameters,
        SetParameters,
        CopyParametersTo,
        Forward,
        ForwardBatch,
        Loss,
        Backward,
        BackwardWithTrace,
        TrainStep,
        TrainBatch,
        ApplyGradient,
        InputGradient,
        OptimizerStateCount,
        ResetOptimizer,
        GetOptimizerState,
        SetOptimizerState,
        Trace,
        WriteDescription,
        WriteDescriptionFrozen,
        ToDescriptionJson,
        ToDescriptionJsonFrozen,
        Predict,
        PredictBatch,
        WriteWalkthrough,
        WriteWalkthroughDigits,
        ToDiagramSvg,
    }

    /// <summary>Which networks get a member.</summary>
    [Flags]
    internal enum Audience
    {
        Trainable = 1,
        Frozen = 2,
        Both = Trainable | Frozen,
    }

    internal enum MemberShape
    {
        /// <summary><c>public const int Name = value;</c></summary>
        Constant,

        /// <summary>A method with a block body.</summary>
        Method,

        /// <summary>A nested type with a block body.</summary>
        Type,
    }

    /// <summary>What a member may do alongside others on one instance: the thread-safety contract in its documentation.</summary>
    internal enum Concurrency
    {
        /// <summary>Nothing to say (constants, the Trace type).</summary>
        None,

        /// <summary>Reads the instance only: any number of threads may call it at once.</summary>
        Reads,

        /// <summary>Changes the instance: the caller serialises it against every other call on that instance.</summary>
        Changes,

        /// <summary>Static, reads nothing that changes: safe from any thread.</summary>
        Static,
    }

    /// <summary>A span argument whose length a member checks before doing anything.</summary>
    internal sealed class LengthCheck
    {
        public LengthCheck(string span, string count, bool exactly)
        {
            Span = span;
            Count = count;
            Exactly = exactly;
        }

        public string Span { get; }

        /// <summary>The constant it is checked against ("InputCount").</summary>
        public string Count { get; }

        /// <summary>Exactly <see cref="Count"/> elements (inputs), or at least that many (destinations).</summary>
        public bool Exactly { get; }
    }

    /// <summary>
    /// One generated member: its name, documentation, declaration and argument checks. Everything but the body is
    /// here, so every layout, frozen networks and the placeholder declare it the same way.
    /// </summary>
    internal sealed class Member
    {
        public Member(MemberId id, Audience audience, MemberShape shape, string summary, Func<MemberContext, string> declaration,
            IReadOnlyList<LengthCheck>? checks = null, bool isStatic = false, Func<MemberContext, int>? constant = null,
            Action<MemberContext>? sharedBody = null, Concurrency concurrency = Concurrency.None, Func<MemberContext, string>? summaryFor = null)
        {
            _summaryFor = summaryFor;
            Concurrency = concurrency;
            Id = id;
            Audience = audience;
            Shape = shape;
            Summary = summary;
            Declaration = declaration;
            Checks = checks ?? Array.Empty<LengthCheck>();
            IsStatic = isStatic;
            Constant = constant;
            SharedBody = sharedBody;
        }

        private readonly Func<MemberContext, string>? _summaryFor;

        public MemberId Id { get; }

        /// <summary>The summary for one network (some depend on it, such as TrainStep's optimizer); the placeholder uses <see cref="Summary"/>.</summary>
        public string SummaryFor(MemberContext context) => _summaryFor is null ? Summary : _summaryFor(context);

        public Audience Audience { get; }

        public MemberShape Shape { get; }

        /// <summary>The XML summary (already XML-escaped).</summary>
        public string Summary { get; }

        /// <summary>The declaration line without body, e.g. "public void Forward(...)".</summary>
        public Func<MemberContext, string> Declaration { get; }

        public IReadOnlyList<LengthCheck> Checks { get; }

        /// <summary>Static members are all a static partial class may hold.</summary>
        public bool IsStatic { get; }

        /// <summary>The value of a constant.</summary>
        public Func<MemberContext, int>? Constant { get; }

        /// <summary>The thread-safety contract written into the member's documentation.</summary>
        public Concurrency Concurrency { get; }

        /// <summary>A body that is the same in every layout; null when each layout writes its own.</summary>
        public Action<MemberContext>? SharedBody { get; }
    }
}
