using System.Collections.Generic;
using System.Linq;
using BackpropGen.Generator.Emit;
using BackpropGen.Generator.Emit.Members;

namespace BackpropGen.Generator.Model
{
    /// <summary>What kind of member a generated name is, for clash rules and messages.</summary>
    internal enum GeneratedMemberKind
    {
        Constant,
        Field,
        Method,
        Type,
    }

    /// <summary>
    /// One member the generator writes into the user's class. <see cref="Parameters"/> (methods only) lists the parameter
    /// types as <c>global::</c>-qualified C# ("global::System.ReadOnlySpan&lt;double&gt;", "out Trace"), so a user method
    /// with the same name but other parameters (a legal overload) is told apart from a real clash.
    /// <see cref="Numbered"/>: the name is a prefix followed by 1, 2, ... (the split layout's part methods).
    /// </summary>
    internal sealed record GeneratedMember(string Name, GeneratedMemberKind Kind, bool IsPublic, string? Parameters = null, bool Numbered = false)
    {
        /// <summary>"the public method Forward(ReadOnlySpan&lt;double&gt;, Span&lt;double&gt;)", for messages.</summary>
        public string Describe()
        {
            string kind = Kind switch
            {
                GeneratedMemberKind.Constant => "constant",
                GeneratedMemberKind.Field => "field",
                GeneratedMemberKind.Method => "method",
                GeneratedMemberKind.Type => "nested type",
                _ => throw new System.ArgumentOutOfRangeException(nameof(Kind), Kind, "GeneratedMember.Describe"),
            };
            string name = Numbered ? Name + "1, " + Name + "2, ..." : Name;
            string parameters = Parameters is null ? string.Empty : "(" + Parameters.Replace("global::System.", string.Empty).Replace("global::", string.Empty) + ")";
            return (IsPublic ? "public " : "private ") + kind + " " + name + parameters;
        }

        /// <summary>Whether a user's member named <paramref name="name"/> would collide with this one.</summary>
        public bool Matches(string name) =>
            Numbered
                ? name.Length > Name.Length && name.StartsWith(Name, System.StringComparison.Ordinal) && name.Substring(Name.Length).All(c => c >= '0' && c <= '9') && name[Name.Length] != '0'
                : name == Name;
    }

    /// <summary>
    /// Every member the generator writes into a network's class, per layout: the public surface (SPEC 4) and the private
    /// helpers and fields a user's own members must not collide with. A test compiles one network of every layout and
    /// compares this list with the members found by reflection, so the two cannot drift apart.
    /// </summary>
    internal static class GeneratedMemberNames
    {
        /// <summary>The members generated for <paramref name="description"/> (valid) into <paramref name="target"/>.</summary>
        public static IReadOnlyList<GeneratedMember> For(NetworkDescription description, TargetClass target) => For(NetworkModel.Build(description), target);

        /// <summary>The members generated for <paramref name="network"/> into <paramref name="target"/>.</summary>
        public static IReadOnlyList<GeneratedMember> For(NetworkModel network, TargetClass target)
        {
            NetworkDescription description = network.Description;
            string t = network.Numeric.Keyword;
            string span = $"global::System.Span<{t}>", readOnly = $"global::System.ReadOnlySpan<{t}>";
            CodegenKind layout = CodeLayout.Choose(description);
            // The public members are the member table's; the private ones below are each layout's own.
            var members = Public(description.Frozen ? Audience.Frozen : Audience.Trainable, target, network.Numeric, network);
            members.Add(new GeneratedMember("ThrowExpectedExactly", GeneratedMemberKind.Method, false, "string, int, int"));
            members.Add(new GeneratedMember("ThrowExpectedAtLeast", GeneratedMemberKind.Method, false, "string, int, int"));
            members.Add(new GeneratedMember("ThrowNotWholeRows", GeneratedMemberKind.Method, false, "string, int, int"));
            members.AddRange(MathSupport.Members(network));

            if (description.Frozen)
            {
                if (layout == CodegenKind.Loops)
                {
                    members.Add(new GeneratedMember("t_scratch", GeneratedMemberKind.Field, false));
                    members.Add(new GeneratedMember("FrozenParameters", GeneratedMemberKind.Field, false));
                    members.Add(new GeneratedMember("Dot", GeneratedMemberKind.Method, false, $"{readOnly}, {readOnly}"));
                    members.Add(new GeneratedMember("Dot2", GeneratedMemberKind.Method, false, $"{readOnly}, {readOnly}, {readOnly}, out {t}, out {t}"));
                    members.AddRange(Emit.Batch.RowBlocksWriter.Members(network.Numeric));
                }
                else
                {
                    members.AddRange(Emit.Batch.RowLanesWriter.Members(network));
                }

                return members;
            }

            members.Add(new GeneratedMember("WriteNumbers", GeneratedMemberKind.Method, false, $"global::System.IO.TextWriter, {t}[], int, int"));
            members.Add(new GeneratedMember("t_batch", GeneratedMemberKind.Field, false));
            members.Add(new GeneratedMember("DivideByRows", GeneratedMemberKind.Method, false, $"{span}, int"));
            UpdateRule rule = network.Update;
            if (rule.CountsSteps)
            {
                members.Add(new GeneratedMember(UpdateRule.Step, GeneratedMemberKind.Field, false));
                members.Add(new GeneratedMember(UpdateRule.Correction1, GeneratedMemberKind.Field, false));
                members.Add(new GeneratedMember(UpdateRule.Correction2, GeneratedMemberKind.Field, false));
            }

            if (layout == CodegenKind.Loops)
            {
                members.Add(new GeneratedMember("_parameters", GeneratedMemberKind.Field, false));
                members.Add(new GeneratedMember("InitialParameters", GeneratedMemberKind.Field, false));
                members.Add(new GeneratedMember("BiasNames", GeneratedMemberKind.Field, false));
                members.Add(new GeneratedMember("t_scratch", GeneratedMemberKind.Field, false));
                members.Add(new GeneratedMember("Scratch", GeneratedMemberKind.Type, false));
                members.Add(new GeneratedMember("ForwardCore", GeneratedMemberKind.Method, false, $"Scratch, {readOnly}"));
                members.Add(new GeneratedMember("LossCore", GeneratedMemberKind.Method, false, $"Scratch, {readOnly}"));
                members.Add(new GeneratedMember("OutputDeltas", GeneratedMemberKind.Method, false, $"Scratch, {readOnly}"));
                members.Add(new GeneratedMember("BackwardCore", GeneratedMemberKind.Method, false, $"Scratch, {readOnly}, {span}"));
                members.Add(new GeneratedMember("InputGradientCore", GeneratedMemberKind.Method, false, $"Scratch, {span}"));
                members.AddRange(rule.StateNames(string.Empty).Select(n => new GeneratedMember("_" + n.TrimEnd('_'), GeneratedMemberKind.Field, false)));
                members.Add(new GeneratedMember("Dot", GeneratedMemberKind.Method, false, $"{readOnly}, {readOnly}"));
                members.Add(new GeneratedMember("Dot2", GeneratedMemberKind.Method, false, $"{readOnly}, {readOnly}, {readOnly}, out {t}, out {t}"));
                members.Add(new GeneratedMember("AddScaled", GeneratedMemberKind.Method, false, $"{span}, {readOnly}, {t}"));
                members.Add(new GeneratedMember("Scale", GeneratedMemberKind.Method, false, $"{readOnly}, {t}, {span}"));
                members.Add(new GeneratedMember("AddScaledProduct", GeneratedMemberKind.Method, false, $"{span}, {readOnly}, {t}, {t}"));
                members.Add(new GeneratedMember("t_trainRows", GeneratedMemberKind.Field, false));
                members.Add(new GeneratedMember("TrainRows", GeneratedMemberKind.Method, false, $"Scratch, {t}[], {readOnly}, {readOnly}, {span}, {t}"));
                members.Add(new GeneratedMember("AddOuterRows", GeneratedMemberKind.Method, false, $"{span}, int, int, {t}, int, {t}, int, int"));
                members.AddRange(Emit.Batch.RowBlocksWriter.Members(network.Numeric));
                return members;
            }

            // Unrolled and split: the parameters as fields named like the article.
            members.AddRange(network.Parameters.Select(p => new GeneratedMember(p.Name, GeneratedMemberKind.Field, false)));
            members.AddRange(network.Trained.SelectMany(p => rule.StateNames(p.Name)).Select(n => new GeneratedMember(n, GeneratedMemberKind.Field, false)));
            if (layout == CodegenKind.Split)
            {
                // The named quantities live in a per-thread Pass object that the part methods take.
                members.Add(new GeneratedMember("t_pass", GeneratedMemberKind.Field, false));
                members.Add(new GeneratedMember("Pass", GeneratedMemberKind.Type, false));
                members.Add(new GeneratedMember("ReadInputs", GeneratedMemberKind.Method, false, $"Pass, {readOnly}", Numbered: true));
                members.Add(new GeneratedMember("ReadTargets", GeneratedMemberKind.Method, false, $"Pass, {readOnly}", Numbered: true));
                members.Add(new GeneratedMember("ForwardPart", GeneratedMemberKind.Method, false, "Pass", Numbered: true));
                members.Add(new GeneratedMember("LossPart", GeneratedMemberKind.Method, false, "Pass", Numbered: true));
                members.Add(new GeneratedMember("BackwardPart", GeneratedMemberKind.Method, false, "Pass", Numbered: true));
                members.Add(new GeneratedMember("StoreGradients", GeneratedMemberKind.Method, false, $"Pass, {span}", Numbered: true));
                members.Add(new GeneratedMember("UpdateParameters", GeneratedMemberKind.Method, false, $"Pass, {t}", Numbered: true));
                members.Add(new GeneratedMember("ApplyGradientPart", GeneratedMemberKind.Method, false, $"Pass, {readOnly}, {t}", Numbered: true));
                members.Add(new GeneratedMember("InputGradientPart", GeneratedMemberKind.Method, false, "Pass", Numbered: true));
            }
            else
            {
                members.AddRange(Emit.Batch.RowLanesWriter.Members(network));
            }

            return members;
        }

        /// <summary>The class as a parameter type, as <c>global::</c>-qualified C# ("global::My.Outer&lt;T&gt;.Net").</summary>
        private static string FullyQualified(TargetClass target) =>
            "global::" + (target.Namespace is null ? string.Empty : Common.Identifiers.EscapeDotted(target.Namespace) + ".") + target.DisplayName;

        /// <summary>
        /// The placeholder members written when a description has errors (NetworkFile.EmitPlaceholder: every member of the
        /// table, throwing), so that a user member clashing with one of them turns the placeholders off instead of adding
        /// an error inside generated code.
        /// </summary>
        public static IReadOnlyList<GeneratedMember> ForPlaceholder(TargetClass target, NumericKind numeric)
        {
            List<GeneratedMember> members = Public(Audience.Both, target, NumericType.Of(numeric), network: null);
            if (target.IsStatic)
            {
                // A static class can only be a frozen network: the placeholder declares the static members only.
                members = members.Where(m => m.Kind == GeneratedMemberKind.Constant || m.Name is "ParameterName" or "Predict" or "PredictBatch").ToList();
            }

            members.Insert(0, new GeneratedMember("Unavailable", GeneratedMemberKind.Constant, false));
            return members;
        }

        /// <summary>"A<T, U> a, B b" -> "A<T, U> a", "B b": split at the commas outside angle brackets.</summary>
        private static IEnumerable<string> TopLevelParts(string parameters)
        {
            int depth = 0, start = 0;
            for (int i = 0; i < parameters.Length; i++)
            {
                depth += parameters[i] == '<' ? 1 : parameters[i] == '>' ? -1 : 0;
                if (parameters[i] == ',' && depth == 0)
                {
                    yield return parameters.Substring(start, i - start).Trim();
                    start = i + 1;
                }
            }

            if (parameters.Trim().Length > 0)
            {
                yield return parameters.Substring(start).Trim();
            }
        }

        /// <summary>The table's members for <paramref name="audience"/>, with the parameter types their declarations give.</summary>
        private static List<GeneratedMember> Public(Audience audience, TargetClass target, NumericType numeric, NetworkModel? network)
        {
            var context = new MemberContext(numeric, new Common.SourceWriter(), network, FullyQualified(target));
            var members = new List<GeneratedMember>();
            foreach (Member member in MemberTable.For(audience))
            {
                string declaration = member.Declaration(context);
                switch (member.Shape)
                {
                    case MemberShape.Constant:
                    case MemberShape.Type:
                        members.Add(new GeneratedMember(declaration.Substring(declaration.LastIndexOf(' ') + 1), member.Shape == MemberShape.Constant ? GeneratedMemberKind.Constant : GeneratedMemberKind.Type, true));
                        break;
                    case MemberShape.Method:
                        int open = declaration.IndexOf('(');
                        string name = declaration.Substring(declaration.LastIndexOf(' ', open) + 1, open - declaration.LastIndexOf(' ', open) - 1);
                        string parameters = declaration.Substring(open + 1, declaration.Length - open - 2);
                        // "ReadOnlySpan<double> input, out Trace trace" -> "ReadOnlySpan<double>, out Trace": each parameter without its name.
                        string types = string.Join(", ", TopLevelParts(parameters).Select(p => p.Substring(0, p.LastIndexOf(' '))));
                        members.Add(new GeneratedMember(name, GeneratedMemberKind.Method, true, types));
                        break;
                    default:
                        throw new System.ArgumentOutOfRangeException(nameof(audience), member.Shape, "Unknown member shape.");
                }
            }

            return members;
        }
    }
}
