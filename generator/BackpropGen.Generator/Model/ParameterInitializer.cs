using System;
using System.Collections.Generic;

namespace BackpropGen.Generator.Model
{
    /// <summary>
    /// Deterministic weight initialisation at generation time: the same values on every build and machine.
    /// Sequence: SplitMix64 seeded with <c>seed</c>; each draw u = (next &gt;&gt; 11) * 2^-53 in [0, 1);
    /// weight = (2u - 1) * limit, drawn in canonical order. limit = sqrt(6 / (fanIn + fanOut)) (Glorot),
    /// or sqrt(6 / fanIn) (He) for the rectifier family: relu, leaky_relu, silu and elu layers.
    /// </summary>
    internal static class ParameterInitializer
    {
        public static double[] Weights(int inputs, IReadOnlyList<LayerDescription> layers, int seed)
        {
            var random = new SplitMix64((ulong)seed);
            var weights = new double[NetworkCounts.CountWeights(inputs, layers)];
            int index = 0, fanIn = inputs;
            foreach (LayerDescription layer in layers)
            {
                double limit = Limit(layer.Activation, fanIn, layer.Size);
                for (int i = 0; i < fanIn * layer.Size; i++)
                {
                    weights[index++] = ((2.0 * random.NextUnit()) - 1.0) * limit;
                }

                fanIn = layer.Size;
            }

            return weights;
        }

        private static double Limit(ActivationKind activation, int fanIn, int fanOut) =>
            activation is ActivationKind.ReLU or ActivationKind.LeakyReLU or ActivationKind.SiLU or ActivationKind.ELU
                ? Math.Sqrt(6.0 / fanIn)
                : Math.Sqrt(6.0 / (fanIn + fanOut));

        private struct SplitMix64
        {
            private ulong _state;

            public SplitMix64(ulong seed) => _state = seed;

            public double NextUnit() => (Next() >> 11) * (1.0 / 9007199254740992.0);

            private ulong Next()
            {
                ulong z = _state += 0x9E3779B97F4A7C15UL;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                return z ^ (z >> 31);
            }
        }
    }
}
