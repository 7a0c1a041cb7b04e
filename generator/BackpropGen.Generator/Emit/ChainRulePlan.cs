using System.Collections.Generic;
using System.Linq;
using BackpropGen.Generator.Model;
using static BackpropGen.Generator.Model.QuantityNames;

namespace BackpropGen.Generator.Emit
{
    /// <summary>One named quantity of a pass: a local in the fast methods, a field of the Trace struct.</summary>
    internal sealed class Quantity
    {
        public Quantity(string name, string code, string maths)
        {
            Name = name;
            Code = code;
            Maths = maths;
        }

        public string Name { get; }

        public string Code { get; }

        public string Maths { get; }
    }

    /// <summary>Quantities under one heading comment.</summary>
    internal sealed class QuantityBlock
    {
        public QuantityBlock(IReadOnlyList<string> heading, IReadOnlyList<Quantity> quantities, LaneRun? run = null)
        {
            Heading = heading;
            Quantities = quantities;
            Run = run;
        }

        public IReadOnlyList<string> Heading { get; }

        public IReadOnlyList<Quantity> Quantities { get; }

        /// <summary>Quantities of the block that are one formula per neuron and worth computing several at a time, or null.</summary>
        public LaneRun? Run { get; }
    }

    /// <summary>
    /// One formula applied neuron by neuron across a layer (out_h = f(net_h), e_o = e^(net_o - max_net)), each output a
    /// quantity of its block: the unrolled layout may compute several in one vector (the exps of a layer together),
    /// lane by lane the scalar formula's bits, and still name each quantity on its own line.
    /// </summary>
    internal sealed class LaneRun
    {
        public LaneRun(IReadOnlyList<string> neurons, IReadOnlyList<string> outputs, IReadOnlyList<string> operands, System.Func<string, string, string> vector)
        {
            Neurons = neurons;
            Outputs = outputs;
            Operands = operands;
            Vector = vector;
        }

        /// <summary>The neurons, for the names of the vector locals ("h1", "h2").</summary>
        public IReadOnlyList<string> Neurons { get; }

        /// <summary>Each neuron's output quantity ("out_h1").</summary>
        public IReadOnlyList<string> Outputs { get; }

        /// <summary>Each neuron's operand quantity ("net_h1"), computed earlier in the block.</summary>
        public IReadOnlyList<string> Operands { get; }

        /// <summary>The vector form, given the static vector class and a local holding the operands' vector.</summary>
        public System.Func<string, string, string> Vector { get; }
    }

    /// <summary>
    /// Every quantity of one forward and backward pass, in the order a hand-worked example computes them:
    /// inputs, layer by layer forward, the loss, then the chain rule from the output layer back to the first.
    /// </summary>
    internal sealed class ChainRulePlan
    {
        private readonly NetworkModel _network;
        private readonly NumericType _t;
        private readonly bool _parametersAsLiterals;
        private readonly VectorWidth? _lanes;

        /// <param name="network">The network.</param>
        /// <param name="parametersAsLiterals">Write each parameter's value instead of its field (frozen networks).</param>
        /// <param name="lanes">
        /// Rows in the lanes of this vector width (the batch methods): every quantity a vector of rows, each operation the
        /// scalar one lane by lane. Only <see cref="Inputs"/> and <see cref="Forward"/> are meant to be written then.
        /// </param>
        public ChainRulePlan(NetworkModel network, bool parametersAsLiterals = false, VectorWidth? lanes = null)
        {
            _network = network;
            _t = network.Numeric;
            _parametersAsLiterals = parametersAsLiterals;
            _lanes = lanes;
            Inputs = new QuantityBlock(
                new[] { "Inputs" },
                network.Inputs.Select((name, k) => new Quantity(name, lanes is null ? $"input[{k}]" : Batch.LaneRules.LoadRows(lanes, k), $"input {name}")).ToArray());
            Targets = new QuantityBlock(
                new[] { "Targets" },
                network.OutputLayer.Neurons.Select((name, k) => new Quantity(Target(name), $"target[{k}]", $"target of {name}")).ToArray());
            Forward = network.Layers.Select(ForwardBlock).ToArray();
            Loss = LossBlock();
            Backward = BackwardBlocks();
            InputGradients = InputGradientBlock();
        }

        public QuantityBlock Inputs { get; }

        public QuantityBlock Targets { get; }

        public IReadOnlyList<QuantityBlock> Forward { get; }

        public QuantityBlock Loss { get; }

        public IReadOnlyList<QuantityBlock> Backward { get; }

        /// <summary>dE_total/d(input) for every input, from the first layer's deltas (InputGradient only; not in Trace).</summary>
        public QuantityBlock InputGradients { get; }

        /// <summary>"dE_di1": the local holding dE_total/di1.</summary>
        public static string InputGradientName(string input) => "dE_d" + input;

        /// <summary>Every block of one forward and backward pass, in computation order.</summary>
        public IEnumerable<QuantityBlock> Blocks => new[] { Inputs, Targets }.Concat(Forward).Concat(new[] { Loss }).Concat(Backward);

        /// <summary>Every quantity in computation order: the fields of the Trace struct.</summary>
        public IEnumerable<Quantity> All => Blocks.SelectMany(b => b.Quantities);

        private string Reference(Parameter parameter)
        {
            string scalar = _parametersAsLiterals ? _t.Literal(parameter.InitialValue) : parameter.Name;
            return _lanes is null ? scalar : $"{_lanes.Vector}.Create({scalar})";
        }

        /// <summary>The value carried by the layer's k-th incoming connection: a raw input, or the previous layer's out.</summary>
        private static string ValueOf(Layer layer, int k) => layer.Number == 1 ? layer.Inputs[k] : Out(layer.Inputs[k]);

        private QuantityBlock ForwardBlock(Layer layer)
        {
            var quantities = new List<Quantity>();
            for (int n = 0; n < layer.Neurons.Count; n++)
            {
                string neuron = layer.Neurons[n];
                var terms = layer.Inputs.Select((input, k) => $"{Reference(layer.Weights[n][k])} * {ValueOf(layer, k)}").ToList();
                var maths = layer.Inputs.Select((input, k) => $"{layer.Weights[n][k].Name}*{ValueOf(layer, k)}").ToList();
                Parameter? bias = layer.Biases[n];
                if (bias is not null)
                {
                    terms.Add(Reference(bias));
                    maths.Add(bias.Name);
                }

                quantities.Add(new Quantity(Net(neuron), string.Join(" + ", terms), $"{Net(neuron)} = {string.Join(" + ", maths)}"));
                if (layer.Activation != ActivationKind.Softmax)
                {
                    Formula activation = ActivationRules.Output(layer.Description, Net(neuron), Out(neuron), _t);
                    string code = _lanes is null ? activation.Code : ActivationRules.VectorOutput(layer.Description, Net(neuron), _t, _lanes.Vector);
                    quantities.Add(new Quantity(Out(neuron), code, activation.Maths));
                }
            }

            LaneRun? run = null;
            if (layer.Activation == ActivationKind.Softmax)
            {
                quantities.AddRange(SoftmaxOutputs(layer));
            }

            // With rows in lanes (_lanes) every quantity is a vector already: no neurons to gather into one.
            if (_lanes is null && layer.Activation == ActivationKind.Softmax)
            {
                run = new LaneRun(layer.Neurons, layer.Neurons.Select(QuantityNames.Exp).ToArray(), layer.Neurons.Select(Net).ToArray(),
                    (vector, nets) => OutputLayerRules.VectorShiftedExp(nets, $"{vector}.Create({QuantityNames.MaxNet})"));
            }
            else if (_lanes is null && ActivationRules.CallsMath(layer.Activation))
            {
                run = new LaneRun(layer.Neurons, layer.Neurons.Select(Out).ToArray(), layer.Neurons.Select(Net).ToArray(),
                    (vector, nets) => ActivationRules.VectorOutput(layer.Description, nets, _t, vector));
            }

            string role = layer.IsOutput ? "output layer" : "hidden layer";
            string biasText = layer.Description.Bias switch
            {
                BiasKind.Shared => $"one bias {layer.SharedBias!.Name} shared by the layer",
                BiasKind.PerNeuron => "a bias per neuron",
                _ => "no bias",
            };
            return new QuantityBlock(
                new[]
                {
                    $"Layer {layer.Number}, {role} {Span(layer.Neurons)}: {ActivationRules.Name(layer.Activation)}, {biasText}.",
                    "net = sum of weight * input (+ bias); out = activation(net).",
                },
                quantities,
                run);
        }

        /// <summary>Softmax, stable: subtract the largest net before exponentiating, so no exp overflows.</summary>
        private IEnumerable<Quantity> SoftmaxOutputs(Layer layer)
        {
            string max = Net(layer.Neurons[0]);
            foreach (string neuron in layer.Neurons.Skip(1))
            {
                max = _lanes is null ? OutputLayerRules.Max(max, Net(neuron), _t) : Batch.LaneRules.Max(max, Net(neuron), _t, _lanes);
            }

            yield return new Quantity(QuantityNames.MaxNet, max, $"{QuantityNames.MaxNet} = max over the layer of net; subtracting it keeps every e^x <= 1");
            foreach (string neuron in layer.Neurons)
            {
                string exp = _lanes is null ? OutputLayerRules.ShiftedExp(Net(neuron), QuantityNames.MaxNet) : OutputLayerRules.VectorShiftedExp(Net(neuron), QuantityNames.MaxNet);
                yield return new Quantity(QuantityNames.Exp(neuron), exp, $"{QuantityNames.Exp(neuron)} = e^({Net(neuron)} - {QuantityNames.MaxNet})");
            }

            string sum = string.Join(" + ", layer.Neurons.Select(QuantityNames.Exp));
            yield return new Quantity(QuantityNames.SumExp, sum, $"{QuantityNames.SumExp} = {sum}");
            foreach (string neuron in layer.Neurons)
            {
                yield return new Quantity(Out(neuron), OutputLayerRules.Normalized(QuantityNames.Exp(neuron), QuantityNames.SumExp), $"{Out(neuron)} = e^{Net(neuron)} / sum_j e^net_j (softmax)");
            }
        }

        private QuantityBlock LossBlock()
        {
            LossKind loss = _network.Description.Loss;
            Layer output = _network.OutputLayer;
            var quantities = LossRules.Terms(loss, output.Activation, output.Neurons, _t)
                .Select(term => new Quantity(term.Name, term.Formula.Code, term.Formula.Maths))
                .ToList();
            string total = string.Join(" + ", output.Neurons.Select(QuantityNames.Error));
            quantities.Add(new Quantity(QuantityNames.TotalError, total, QuantityNames.TotalError + " = " + total));
            return new QuantityBlock(new[] { $"Loss ({LossRules.Name(loss)}): {LossRules.Describe(loss, output.Activation, output.Neurons.Count)}." }, quantities);
        }

        private QuantityBlock InputGradientBlock()
        {
            Layer first = _network.Layers[0];
            var quantities = new List<Quantity>();
            for (int k = 0; k < first.Inputs.Count; k++)
            {
                string input = first.Inputs[k];
                var paths = first.Neurons.Select((neuron, n) => $"{Delta(neuron)} * {Reference(first.Weights[n][k])}").ToList();
                var maths = first.Neurons.Select((neuron, n) => $"{Delta(neuron)} * {first.Weights[n][k].Name}");
                quantities.Add(new Quantity(InputGradientName(input), string.Join(" + ", paths), $"dE_total/d{input} = " + string.Join(" + ", maths)));
            }

            return new QuantityBlock(
                new[] { $"Input gradients: every path from an input through layer 1 {Span(first.Neurons)}, dE_total/di = sum over n of delta_n * w(i -> n)." },
                quantities);
        }

        private IReadOnlyList<QuantityBlock> BackwardBlocks()
        {
            var blocks = new List<QuantityBlock>();
            for (int l = _network.Layers.Count - 1; l >= 0; l--)
            {
                Layer layer = _network.Layers[l];
                blocks.Add(layer.IsOutput ? OutputDeltas(layer) : HiddenDeltas(layer, _network.Layers[l + 1]));
                blocks.Add(ParameterGradients(layer));
            }

            return blocks;
        }

        private QuantityBlock OutputDeltas(Layer layer)
        {
            LossKind loss = _network.Description.Loss;
            OutputDeltaForm form = OutputLayerRules.DeltaForm(loss, layer.Activation);
            switch (form)
            {
                case OutputDeltaForm.SoftmaxCrossEntropy:
                case OutputDeltaForm.LogisticCrossEntropy:
                    var (derivation, lines) = LossRules.CollapsedDelta(layer.Activation, layer.Neurons);
                    return new QuantityBlock(derivation, lines.Select(l => new Quantity(l.Name, l.Formula.Code, l.Formula.Maths)).ToArray());
                case OutputDeltaForm.SoftmaxJacobian:
                    return SoftmaxJacobianDeltas(layer);
                case OutputDeltaForm.PerNeuron:
                    break;
                default:
                    throw new System.ArgumentOutOfRangeException(nameof(layer), form, "Unknown output delta form.");
            }

            var quantities = new List<Quantity>();
            foreach (string o in layer.Neurons)
            {
                Formula dE = LossRules.Derivative(loss, Target(o), Out(o), layer.Neurons.Count, _t);
                quantities.Add(new Quantity($"dE_d{Out(o)}", dE.Code, dE.Maths));
                Formula dOut = ActivationRules.Derivative(layer.Description, Net(o), Out(o), _t);
                quantities.Add(new Quantity($"d{Out(o)}_d{Net(o)}", dOut.Code, dOut.Maths));
                quantities.Add(new Quantity(
                    Delta(o),
                    OutputLayerRules.ChainedDelta($"dE_d{Out(o)}", $"d{Out(o)}_d{Net(o)}"),
                    $"{Delta(o)} = dE_total/d{Net(o)} = dE_total/d{Out(o)} * d{Out(o)}/d{Net(o)}"));
            }

            return new QuantityBlock(
                new[] { $"Backward, output layer {Span(layer.Neurons)}: delta = dE_total/dnet = dE_total/dout * dout/dnet." },
                quantities);
        }

        /// <summary>Softmax with a squared-error loss: nothing cancels, so the full Jacobian is written out.</summary>
        private QuantityBlock SoftmaxJacobianDeltas(Layer layer)
        {
            var quantities = new List<Quantity>();
            foreach (string o in layer.Neurons)
            {
                Formula dE = LossRules.Derivative(_network.Description.Loss, Target(o), Out(o), layer.Neurons.Count, _t);
                quantities.Add(new Quantity($"dE_d{Out(o)}", dE.Code, dE.Maths));
            }

            foreach (string j in layer.Neurons)
            {
                foreach (string k in layer.Neurons)
                {
                    Formula entry = OutputLayerRules.SoftmaxJacobian(Out(j), Out(k), j == k, $"d{Out(j)}/d{Net(k)}", _t);
                    quantities.Add(new Quantity($"d{Out(j)}_d{Net(k)}", entry.Code, entry.Maths));
                }
            }

            foreach (string k in layer.Neurons)
            {
                var products = layer.Neurons.Select(j => $"dE_d{Out(j)} * d{Out(j)}_d{Net(k)}").ToList();
                quantities.Add(new Quantity(
                    Delta(k),
                    string.Join(" + ", products),
                    $"{Delta(k)} = dE_total/d{Net(k)} = sum over j of dE_total/dout_j * dout_j/d{Net(k)}"));
            }

            return new QuantityBlock(
                new[]
                {
                    $"Backward, softmax output layer {Span(layer.Neurons)} with {LossRules.Name(_network.Description.Loss)}: every out_j depends on every net_k,",
                    "so delta_k = sum over j of dE_total/dout_j * dout_j/dnet_k, with the softmax Jacobian dout_j/dnet_k = out_j * ([j = k] - out_k).",
                },
                quantities);
        }

        private QuantityBlock HiddenDeltas(Layer layer, Layer next)
        {
            var quantities = new List<Quantity>();
            for (int h = 0; h < layer.Neurons.Count; h++)
            {
                string neuron = layer.Neurons[h];
                var paths = new List<string>();
                for (int n = 0; n < next.Neurons.Count; n++)
                {
                    string downstream = next.Neurons[n];
                    string weight = next.Weights[n][h].Name;
                    string name = $"dE_{downstream}_d{Out(neuron)}";
                    string lhs = next.IsOutput ? $"dE_{downstream}/d{Out(neuron)}" : $"dE/d{Out(neuron)} through {downstream}";
                    quantities.Add(new Quantity(
                        name,
                        $"{Delta(downstream)} * {weight}",
                        $"{lhs} = {Delta(downstream)} * d{Net(downstream)}/d{Out(neuron)} = {Delta(downstream)} * {weight}"));
                    paths.Add(name);
                }

                quantities.Add(new Quantity(
                    $"dE_d{Out(neuron)}",
                    string.Join(" + ", paths),
                    $"dE_total/d{Out(neuron)} = " + string.Join(" + ", paths.Select(PathMaths))));
                Formula dOut = ActivationRules.Derivative(layer.Description, Net(neuron), Out(neuron), _t);
                quantities.Add(new Quantity($"d{Out(neuron)}_d{Net(neuron)}", dOut.Code, dOut.Maths));
                quantities.Add(new Quantity(
                    Delta(neuron),
                    $"dE_d{Out(neuron)} * d{Out(neuron)}_d{Net(neuron)}",
                    $"{Delta(neuron)} = dE_total/d{Net(neuron)} = dE_total/d{Out(neuron)} * d{Out(neuron)}/d{Net(neuron)}"));
            }

            return new QuantityBlock(
                new[]
                {
                    $"Backward, hidden layer {Span(layer.Neurons)}: dE_total/dout collects every path through layer {next.Number} {Span(next.Neurons)},",
                    "then delta = dE_total/dout * dout/dnet.",
                },
                quantities);
        }

        private QuantityBlock ParameterGradients(Layer layer)
        {
            // delta = dE/dout * dout/dnet holds neuron by neuron, except where softmax couples the outputs or the loss cancels.
            bool perNeuronChain = !layer.IsOutput || OutputLayerRules.IsPerNeuron(OutputLayerRules.DeltaForm(_network.Description.Loss, layer.Activation));
            var quantities = new List<Quantity>();
            for (int n = 0; n < layer.Neurons.Count; n++)
            {
                string neuron = layer.Neurons[n];
                for (int k = 0; k < layer.Inputs.Count; k++)
                {
                    Parameter weight = layer.Weights[n][k];
                    string input = ValueOf(layer, k);
                    string chain = perNeuronChain
                        ? $"dE_total/d{Out(neuron)} * d{Out(neuron)}/d{Net(neuron)}"
                        : $"dE_total/d{Net(neuron)}";
                    quantities.Add(new Quantity(
                        weight.GradientName,
                        $"{Delta(neuron)} * {input}",
                        $"dE_total/d{weight.Name} = {chain} * d{Net(neuron)}/d{weight.Name} = {Delta(neuron)} * {input}"));
                }
            }

            if (layer.SharedBias is Parameter shared)
            {
                string sum = string.Join(" + ", layer.Neurons.Select(Delta));
                quantities.Add(new Quantity(
                    shared.GradientName,
                    sum,
                    $"dE_total/d{shared.Name} = {OutputLayerRules.SharedBiasGradient} ({shared.Name} feeds every neuron of layer {layer.Number})"));
            }
            else
            {
                for (int n = 0; n < layer.Neurons.Count; n++)
                {
                    if (layer.Biases[n] is Parameter bias)
                    {
                        string neuron = layer.Neurons[n];
                        quantities.Add(new Quantity(
                            bias.GradientName,
                            Delta(neuron),
                            $"dE_total/d{bias.Name} = {Delta(neuron)} * d{Net(neuron)}/d{bias.Name} = {Delta(neuron)} * 1"));
                    }
                }
            }

            return new QuantityBlock(
                new[] { $"Gradients of layer {layer.Number}'s parameters: dE_total/dw = delta of the neuron it feeds * the value it carries." },
                quantities);
        }

        private static string PathMaths(string pathName)
        {
            // "dE_o1_dout_h1" reads "dE_o1/dout_h1" in the article's notation.
            int split = pathName.LastIndexOf("_dout_", System.StringComparison.Ordinal);
            return pathName.Substring(0, split) + "/" + pathName.Substring(split + 1);
        }

        private static string Span(IReadOnlyList<string> neurons) =>
            neurons.Count == 1 ? neurons[0] : $"{neurons[0]}..{neurons[neurons.Count - 1]}";
    }
}
