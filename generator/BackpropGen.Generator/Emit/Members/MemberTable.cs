using System.Collections.Generic;
using System.Linq;

namespace BackpropGen.Generator.Emit.Members
{
    /// <summary>
    /// The one list of generated members, in the order they appear in a generated file. To add a member: one entry
    /// here, plus a body in each layout that renders it (see Layouts/Layout.cs) unless the entry has a shared body.
    /// </summary>
    internal static class MemberTable
    {
        private const string InputDoc = "<paramref name=\"input\"/> (exactly InputCount values)";

        private const string RowsDoc = "<paramref name=\"inputs\"/>, which holds the rows one after another (InputCount values each; zero rows write nothing), into <paramref name=\"outputs\"/> (at least rows * OutputCount values)";

        public static readonly IReadOnlyList<Member> All = new[]
        {
            Constant(MemberId.InputCount, Audience.Both, "Number of inputs.", c => c.Network.Inputs.Count),
            Constant(MemberId.OutputCount, Audience.Both, "Number of outputs.", c => c.Network.OutputLayer.Neurons.Count),
            Constant(MemberId.ParameterCount, Audience.Both, "Number of parameters: all weights, then all biases (canonical order).", c => c.Network.Parameters.Count),
            Constant(MemberId.WeightCount, Audience.Trainable, "Number of weights; they come first in canonical order.", c => c.Network.WeightCount),
            Constant(MemberId.BiasCount, Audience.Trainable, "Number of biases; they follow the weights in canonical order.", c => c.Network.BiasCount),
            Constant(MemberId.OptimizerStateCount, Audience.Trainable, "Number of values of the optimizer's state (0 for plain gradient descent): the step count, then each moment of each trained parameter.", c => c.Network.OptimizerStateCount),
            new Member(
                MemberId.ParameterName, Audience.Trainable, MemberShape.Method,
                "The name of the parameter at <paramref name=\"index\"/> in canonical order (\"w1\", ..., then the biases: \"b1\" for a shared bias of layer 1, \"b_h1\" for a bias of neuron h1).",
                c => "public static string ParameterName(int index)",
                isStatic: true,
                concurrency: Concurrency.Static),
            new Member(
                MemberId.GetParameters, Audience.Trainable, MemberShape.Method,
                "Copies every parameter, in canonical order, into the first ParameterCount elements of <paramref name=\"destination\"/>.",
                c => $"public void GetParameters({c.Out} destination)",
                new[] { AtLeast("destination", "ParameterCount") },
                concurrency: Concurrency.Reads),
            new Member(
                MemberId.SetParameters, Audience.Trainable, MemberShape.Method,
                "Sets every parameter from <paramref name=\"source\"/>, which holds exactly ParameterCount values in canonical order.",
                c => $"public void SetParameters({c.In} source)",
                new[] { Exactly("source", "ParameterCount") },
                concurrency: Concurrency.Changes),
            new Member(
                MemberId.CopyParametersTo, Audience.Trainable, MemberShape.Method,
                "Copies every parameter into <paramref name=\"destination\"/>, another instance of this network (for example a fresh one to publish for serving while this one trains).",
                c => $"public void CopyParametersTo({Common.Identifiers.Escape(c.ClassName)} destination)",
                concurrency: Concurrency.Reads),
            new Member(
                MemberId.Forward, Audience.Trainable, MemberShape.Method,
                $"Runs the network on {InputDoc} and writes OutputCount values to <paramref name=\"output\"/>.",
                c => $"public void Forward({c.In} input, {c.Out} output)",
                new[] { Exactly("input", "InputCount"), AtLeast("output", "OutputCount") },
                concurrency: Concurrency.Reads),
            new Member(
                MemberId.ForwardBatch, Audience.Trainable, MemberShape.Method,
                $"Runs the network on every row of {RowsDoc}: row r of <paramref name=\"outputs\"/> (OutputCount values from index r * OutputCount) is bit for bit what Forward writes for row r alone. Rows share each vector operation (lanes) or each read of a weight row (blocks); a partial block runs row by row. Allocates nothing after a thread's first call.",
                c => $"public void ForwardBatch({c.In} inputs, {c.Out} outputs)",
                concurrency: Concurrency.Reads),
            new Member(
                MemberId.Loss, Audience.Trainable, MemberShape.Method,
                "The loss E_total of the network's output for <paramref name=\"input\"/> against <paramref name=\"target\"/>.",
                c => $"public {c.T} Loss({c.In} input, {c.In} target)",
                InputAndTarget(),
                concurrency: Concurrency.Reads),
            new Member(
                MemberId.Backward, Audience.Trainable, MemberShape.Method,
                "One forward and backward pass: writes dE_total/dparameter for every parameter (canonical order) to <paramref name=\"gradient\"/> and returns E_total.",
                c => $"public {c.T} Backward({c.In} input, {c.In} target, {c.Out} gradient)",
                InputAndTarget().Append(AtLeast("gradient", "ParameterCount")).ToArray(),
                concurrency: Concurrency.Reads),
            new Member(
                MemberId.BackwardWithTrace, Audience.Trainable, MemberShape.Method,
                "Like Backward, and also records the quantities of the pass in <paramref name=\"trace\"/> (for reading and teaching; the other methods stay lean).",
                c => $"public {c.T} Backward({c.In} input, {c.In} target, {c.Out} gradient, out Trace trace)",
                InputAndTarget().Append(AtLeast("gradient", "ParameterCount")).ToArray(),
                concurrency: Concurrency.Reads),
            new Member(
                MemberId.TrainStep, Audience.Trainable, MemberShape.Method,
                "One training step on one sample: every gradient from the current parameters, then one step of the network's optimizer. Returns E_total before the step.",
                c => $"public {c.T} TrainStep({c.In} input, {c.In} target, {c.T} learningRate)",
                InputAndTarget(),
                concurrency: Concurrency.Changes,
                summaryFor: c => c.Network.Description.Optimizer is null
                    ? "One step of plain gradient descent: every gradient from the current parameters, then every update. Returns E_total before the step."
                    : "One training step on one sample: every gradient from the current parameters, then one step of " + c.Network.Update.Describe() + ". Returns E_total before the step."),
            new Member(
                MemberId.TrainBatch, Audience.Trainable, MemberShape.Method,
                "One training step on a mini-batch: <paramref name=\"inputs\"/> and <paramref name=\"targets\"/> hold the rows one after another (InputCount and OutputCount values each, at least one row); the gradient is the mean over the rows of each row's gradient, then one optimizer step as ApplyGradient takes it. Returns the mean loss before the step. A batch of one row is exactly TrainStep.",
                c => $"public {c.T} TrainBatch({c.In} inputs, {c.In} targets, {c.T} learningRate)",
                concurrency: Concurrency.Changes),
            new Member(
                MemberId.ApplyGradient, Audience.Trainable, MemberShape.Method,
                "One optimizer step with a gradient the caller computed: <paramref name=\"gradient\"/> holds exactly ParameterCount values, dE/dparameter in canonical order (untrained biases' values are ignored).",
                c => $"public void ApplyGradient({c.In} gradient, {c.T} learningRate)",
                new[] { Exactly("gradient", "ParameterCount") },
                concurrency: Concurrency.Changes),
            new Member(
                MemberId.InputGradient, Audience.Trainable, MemberShape.Method,
                "The gradient of the loss with respect to the input: writes dE_total/d(input k) for every input to <paramref name=\"inputGradient\"/> (at least InputCount values) and returns E_total. The parameters are not changed.",
                c => $"public {c.T} InputGradient({c.In} input, {c.In} target, {c.Out} inputGradient)",
                InputAndTarget().Append(AtLeast("inputGradient", "InputCount")).ToArray(),
                concurrency: Concurrency.Reads),
            new Member(
                MemberId.ResetOptimizer, Audience.Trainable, MemberShape.Method,
                "Clears the optimizer's state: its moments and its step count, as for a fresh network.",
                c => "public void ResetOptimizer()",
                concurrency: Concurrency.Changes),
            new Member(
                MemberId.GetOptimizerState, Audience.Trainable, MemberShape.Method,
                "Copies the optimizer's state (for checkpoints: the step count, then each moment of each trained parameter) into the first OptimizerStateCount elements of <paramref name=\"destination\"/>.",
                c => $"public void GetOptimizerState({c.Out} destination)",
                new[] { AtLeast("destination", "OptimizerStateCount") },
                concurrency: Concurrency.Reads),
            new Member(
                MemberId.SetOptimizerState, Audience.Trainable, MemberShape.Method,
                "Restores the optimizer's state from <paramref name=\"source\"/> (exactly OptimizerStateCount values, as GetOptimizerState wrote them): with SetParameters, training resumes bit for bit where the checkpoint left it.",
                c => $"public void SetOptimizerState({c.In} source)",
                new[] { Exactly("source", "OptimizerStateCount") },
                concurrency: Concurrency.Changes),
            new Member(
                MemberId.Trace, Audience.Trainable, MemberShape.Type,
                "The quantities of one forward and backward pass, as filled by Backward(input, target, gradient, out trace).",
                c => "public struct Trace"),
            new Member(
                MemberId.WriteDescription, Audience.Trainable, MemberShape.Method,
                "Writes this network's description with its current parameters as JSON (invariant culture, round-trip exact): every key that shapes the generated code. Compile it as a network again; WriteDescription(writer, frozen: true) writes it for inference only. Allocates (a copy of the parameters and the text).",
                c => "public void WriteDescription(global::System.IO.TextWriter writer)",
                sharedBody: c => c.W.Line("WriteDescription(writer, frozen: false);"),
                concurrency: Concurrency.Reads),
            new Member(
                MemberId.WriteDescriptionFrozen, Audience.Trainable, MemberShape.Method,
                "Writes this network's description with its current parameters as JSON; with <paramref name=\"frozen\"/> it says \"frozen\": true, so compiling it gives a static Predict that returns bit for bit what this network's Forward returns.",
                c => "public void WriteDescription(global::System.IO.TextWriter writer, bool frozen)",
                sharedBody: DescriptionExport.WriteBody,
                concurrency: Concurrency.Reads),
            new Member(
                MemberId.ToDescriptionJson, Audience.Trainable, MemberShape.Method,
                "This network's description with its current parameters, as JSON (see WriteDescription).",
                c => "public string ToDescriptionJson()",
                sharedBody: c => c.W.Line("return ToDescriptionJson(frozen: false);"),
                concurrency: Concurrency.Reads),
            new Member(
                MemberId.ToDescriptionJsonFrozen, Audience.Trainable, MemberShape.Method,
                "This network's description with its current parameters, as JSON; with <paramref name=\"frozen\"/> for inference only (see WriteDescription).",
                c => "public string ToDescriptionJson(bool frozen)",
                sharedBody: c =>
                {
                    c.W.Line("var writer = new global::System.IO.StringWriter(global::System.Globalization.CultureInfo.InvariantCulture);");
                    c.W.Line("WriteDescription(writer, frozen);");
                    c.W.Line("return writer.ToString();");
                },
                concurrency: Concurrency.Reads),
            new Member(
                MemberId.WriteWalkthrough, Audience.Trainable, MemberShape.Method,
                "Writes one training step on <paramref name=\"input\"/> and <paramref name=\"target\"/> with <paramref name=\"learningRate\"/> as Markdown, the way the worked example is written: every quantity of the forward pass, the loss, every partial derivative of the backward pass and every updated parameter, each as its formula, the formula with the numbers put in, and its value (9 significant digits, invariant culture). Every value is this network's own Backward pass; the network is not changed. Allocates; nothing of it runs unless called.",
                c => $"public void WriteWalkthrough({c.In} input, {c.In} target, {c.T} learningRate, global::System.IO.TextWriter writer)",
                InputAndTarget(),
                sharedBody: c => c.W.Line($"WriteWalkthrough(input, target, learningRate, writer, {Walkthrough.WalkthroughSupport.DefaultDigits});"),
                concurrency: Concurrency.Reads),
            new Member(
                MemberId.WriteWalkthroughDigits, Audience.Trainable, MemberShape.Method,
                "Like WriteWalkthrough(input, target, learningRate, writer), with <paramref name=\"significantDigits\"/> (1 to 17) significant digits per number.",
                c => $"public void WriteWalkthrough({c.In} input, {c.In} target, {c.T} learningRate, global::System.IO.TextWriter writer, int significantDigits)",
                InputAndTarget(),
                concurrency: Concurrency.Reads),
            new Member(
                MemberId.ToDiagramSvg, Audience.Trainable, MemberShape.Method,
                "The network drawn as a standalone SVG document, as the worked example's figure: inputs, hidden and output neurons in columns, the biases, every connection labelled with its weight's name and current value (6 significant digits); a network too large to label is drawn one box per layer, with the count and range of each weight matrix. Allocates; nothing of it runs unless called.",
                c => "public string ToDiagramSvg()",
                sharedBody: Diagram.DiagramWriter.WriteBody,
                concurrency: Concurrency.Reads),
            new Member(
                MemberId.Predict, Audience.Frozen, MemberShape.Method,
                $"Runs the network on {InputDoc} and writes OutputCount values to <paramref name=\"output\"/>. Static, with the parameters compiled in: safe from any thread.",
                c => $"public static void Predict({c.In} input, {c.Out} output)",
                new[] { Exactly("input", "InputCount"), AtLeast("output", "OutputCount") },
                isStatic: true,
                concurrency: Concurrency.Static),
            new Member(
                MemberId.PredictBatch, Audience.Frozen, MemberShape.Method,
                $"Runs the network on every row of {RowsDoc}: row r of <paramref name=\"outputs\"/> (OutputCount values from index r * OutputCount) is bit for bit what Predict writes for row r alone. Rows share each vector operation (lanes) or each read of a weight row (blocks); a partial block runs row by row. Static, with the parameters compiled in: safe from any thread; allocates nothing after a thread's first call.",
                c => $"public static void PredictBatch({c.In} inputs, {c.Out} outputs)",
                isStatic: true,
                concurrency: Concurrency.Static),
        };

        /// <summary>The members a trainable or a frozen network gets, in file order.</summary>
        public static IEnumerable<Member> For(Audience audience) => All.Where(m => (m.Audience & audience) != 0);

        private static Member Constant(MemberId id, Audience audience, string summary, System.Func<MemberContext, int> value) =>
            new Member(id, audience, MemberShape.Constant, summary, c => $"public const int {id}", isStatic: true, constant: value);

        private static LengthCheck Exactly(string span, string count) => new LengthCheck(span, count, exactly: true);

        private static LengthCheck AtLeast(string span, string count) => new LengthCheck(span, count, exactly: false);

        private static LengthCheck[] InputAndTarget() => new[] { Exactly("input", "InputCount"), Exactly("target", "OutputCount") };
    }
}
