using System.Collections.Generic;
using System.Linq;
using BackpropGen.Generator.Emit.Math;

namespace BackpropGen.Generator.Model
{
    /// <summary>A trainable parameter: a weight or a bias, with its canonical index and name.</summary>
    internal sealed class Parameter
    {
        public Parameter(int index, string name, double initialValue, bool isBias)
        {
            Index = index;
            Name = name;
            InitialValue = initialValue;
            IsBias = isBias;
        }

        public int Index { get; }

        /// <summary>"w5", "b1", "b_h1": the field name in generated code and what <c>ParameterName</c> returns.</summary>
        public string Name { get; }

        public double InitialValue { get; }

        public bool IsBias { get; }

        /// <summary>The local holding dLoss/dparameter: "dE_dw5".</summary>
        public string GradientName => "dE_d" + Name;
    }

    /// <summary>A computed layer: its neurons, where their inputs come from, and their parameters.</summary>
    internal sealed class Layer
    {
        public Layer(int number, bool isOutput, LayerDescription description, IReadOnlyList<string> inputs, IReadOnlyList<string> neurons,
            IReadOnlyList<IReadOnlyList<Parameter>> weights, IReadOnlyList<Parameter?> biases, Parameter? sharedBias)
        {
            Number = number;
            IsOutput = isOutput;
            Description = description;
            Inputs = inputs;
            Neurons = neurons;
            Weights = weights;
            Biases = biases;
            SharedBias = sharedBias;
        }

        /// <summary>1-based position among the layers (the input layer is not counted).</summary>
        public int Number { get; }

        public bool IsOutput { get; }

        public LayerDescription Description { get; }

        public ActivationKind Activation => Description.Activation;

        /// <summary>Names of the neurons feeding this layer ("i1", "h1", ...).</summary>
        public IReadOnlyList<string> Inputs { get; }

        /// <summary>Names of this layer's neurons ("h1", "o1", "h2_3", ...).</summary>
        public IReadOnlyList<string> Neurons { get; }

        /// <summary>Weights[n][k]: the weight from input k into neuron n.</summary>
        public IReadOnlyList<IReadOnlyList<Parameter>> Weights { get; }

        /// <summary>The bias of each neuron (the same parameter for all when shared), or null without bias.</summary>
        public IReadOnlyList<Parameter?> Biases { get; }

        public Parameter? SharedBias { get; }
    }

    /// <summary>The network as data: names, layers and parameters in canonical order (SPEC section 3).</summary>
    internal sealed class NetworkModel
    {
        private NetworkModel(NetworkDescription description, IReadOnlyList<string> inputs, IReadOnlyList<Layer> layers, IReadOnlyList<Parameter> parameters)
        {
            Description = description;
            Inputs = inputs;
            Layers = layers;
            Parameters = parameters;
            Numeric = NumericType.Of(description.Numeric);
        }

        public NetworkDescription Description { get; }

        public NumericType Numeric { get; }

        public IReadOnlyList<string> Inputs { get; }

        public IReadOnlyList<Layer> Layers { get; }

        public Layer OutputLayer => Layers[Layers.Count - 1];

        /// <summary>All weights, then all biases, in canonical order.</summary>
        public IReadOnlyList<Parameter> Parameters { get; }

        /// <summary>The parameters a step changes: all, or the weights only when trainBiases is false.</summary>
        public IReadOnlyList<Parameter> Trained => Description.TrainBiases ? Parameters : Parameters.Where(p => !p.IsBias).ToList();

        /// <summary>How a step changes a parameter: plain SGD or the description's optimizer.</summary>
        public UpdateRule Update => new UpdateRule(Description.Optimizer, Numeric);

        /// <summary>Values Get/SetOptimizerState carry: the step count (Adam) then each moment of each trained parameter.</summary>
        public int OptimizerStateCount => Update.StatePerParameter == 0 ? 0 : (Update.CountsSteps ? 1 : 0) + (Update.StatePerParameter * Trained.Count);

        /// <summary>
        /// The deterministic maths (Emit/Math) the generated class must contain: each layer's activation (forward only when
        /// frozen, with its derivative otherwise) and the loss. Worked out here once for the emitter and the member list.
        /// </summary>
        public MathFunctionSet MathNeeds
        {
            get
            {
                bool frozen = Description.Frozen;
                MathFunctionSet needs = MathFunctionSet.None;
                foreach (Layer layer in Layers)
                {
                    needs |= ActivationRules.MathNeeds(layer.Activation, forward: frozen);
                }

                return frozen ? needs : needs | LossRules.MathNeeds(Description.Loss, OutputLayer.Activation);
            }
        }

        /// <summary>The activation helpers (Tanh, Logistic, SiLU: <see cref="ActivationRules.HelperBody"/>) the class needs, in that order.</summary>
        public IReadOnlyList<string> ActivationHelpers
        {
            get
            {
                var needed = new HashSet<string>(Layers.SelectMany(l => ActivationRules.Helpers(l.Activation, forward: Description.Frozen)));
                return new[] { "Tanh", "Logistic", "SiLU" }.Where(needed.Contains).ToArray();
            }
        }

        public int WeightCount => Parameters.Count(p => !p.IsBias);

        public int BiasCount => Parameters.Count(p => p.IsBias);

        public static NetworkModel Build(NetworkDescription description)
        {
            IReadOnlyList<LayerDescription> layers = description.Layers;
            double[] initialWeights = description.InitialWeights?.ToArray()
                ?? ParameterInitializer.Weights(description.Inputs, layers, description.Seed);
            double[] initialBiases = description.InitialBiases?.ToArray() ?? new double[layers.Sum(NetworkCounts.BiasCount)];
            NumericType numeric = NumericType.Of(description.Numeric);

            var parameters = new List<Parameter>();
            var neuronNames = new List<IReadOnlyList<string>>();
            var weights = new List<IReadOnlyList<IReadOnlyList<Parameter>>>();
            IReadOnlyList<string> inputs = Names("i", description.Inputs);
            IReadOnlyList<string> previous = inputs;
            for (int l = 0; l < layers.Count; l++)
            {
                IReadOnlyList<string> neurons = NeuronNames(l, layers.Count, layers[l].Size);
                var layerWeights = new List<IReadOnlyList<Parameter>>();
                foreach (string _ in neurons)
                {
                    var incoming = new List<Parameter>();
                    foreach (string __ in previous)
                    {
                        int index = parameters.Count;
                        var weight = new Parameter(index, QuantityNames.Weight(index), numeric.Round(initialWeights[index]), isBias: false);
                        parameters.Add(weight);
                        incoming.Add(weight);
                    }

                    layerWeights.Add(incoming);
                }

                neuronNames.Add(neurons);
                weights.Add(layerWeights);
                previous = neurons;
            }

            int weightCount = parameters.Count;
            var built = new List<Layer>();
            previous = inputs;
            for (int l = 0; l < layers.Count; l++)
            {
                LayerDescription layer = layers[l];
                IReadOnlyList<string> neurons = neuronNames[l];
                var biases = new List<Parameter?>();
                Parameter? shared = null;
                if (layer.Bias == BiasKind.Shared)
                {
                    shared = AddBias(parameters, QuantityNames.SharedBias(l + 1), initialBiases, weightCount, numeric);
                    biases.AddRange(neurons.Select(_ => shared));
                }
                else if (layer.Bias == BiasKind.PerNeuron)
                {
                    biases.AddRange(neurons.Select(n => AddBias(parameters, QuantityNames.NeuronBias(n), initialBiases, weightCount, numeric)));
                }
                else
                {
                    biases.AddRange(neurons.Select(_ => (Parameter?)null));
                }

                built.Add(new Layer(l + 1, l == layers.Count - 1, layer, previous, neurons, weights[l], biases, shared));
                previous = neurons;
            }

            return new NetworkModel(description, inputs, built, parameters);
        }

        /// <summary>
        /// Inputs i1..in, outputs o1..on; one hidden layer h1..hn; several hidden layers h{layer}_{neuron} (h2_3: layer 2, neuron 3).
        /// </summary>
        public static IReadOnlyList<string> NeuronNames(int layerIndex, int layerCount, int size)
        {
            if (layerIndex == layerCount - 1)
            {
                return Names("o", size);
            }

            return layerCount == 2 ? Names("h", size) : Names("h" + (layerIndex + 1) + "_", size);
        }

        private static Parameter AddBias(List<Parameter> parameters, string name, double[] initialBiases, int weightCount, NumericType numeric)
        {
            int index = parameters.Count;
            var bias = new Parameter(index, name, numeric.Round(initialBiases[index - weightCount]), isBias: true);
            parameters.Add(bias);
            return bias;
        }

        private static IReadOnlyList<string> Names(string prefix, int count) =>
            Enumerable.Range(1, count).Select(i => prefix + i).ToArray();
    }
}
