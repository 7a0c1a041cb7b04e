using System.Text.Json;

namespace BackpropGen.Generator.Tests.Numerics;

/// <summary>
/// The update rules of torch.optim.SGD (dampening 0), Adam and AdamW, written straight from PyTorch's documented
/// algorithms, independent of the generator: one step changes the parameters it is told are trained.
/// </summary>
public sealed class ReferenceOptimizer
{
    private readonly string _type;
    private readonly double _momentum, _weightDecay, _beta1, _beta2, _epsilon;
    private readonly bool _nesterov;
    private readonly double[] _buffer, _m, _v;
    private int _t;

    public ReferenceOptimizer(string json, int parameters)
    {
        JsonElement o = JsonDocument.Parse(json).RootElement;
        _type = o.GetProperty("type").GetString()!;
        double Get(string key, double fallback) => o.TryGetProperty(key, out JsonElement v) ? v.GetDouble() : fallback;
        _momentum = Get("momentum", 0);
        _nesterov = o.TryGetProperty("nesterov", out JsonElement n) && n.GetBoolean();
        _beta1 = Get("beta1", 0.9);
        _beta2 = Get("beta2", 0.999);
        _epsilon = Get("epsilon", 1e-8);
        _weightDecay = Get("weightDecay", _type == "adamw" ? 0.01 : 0);
        _buffer = new double[parameters];
        _m = new double[parameters];
        _v = new double[parameters];
    }

    public void Step(double[] p, double[] gradient, double lr, Func<int, bool> trained)
    {
        _t++;
        for (int i = 0; i < p.Length; i++)
        {
            if (!trained(i))
            {
                continue;
            }

            double g = gradient[i];
            switch (_type)
            {
                case "sgd":
                    // g_t = g_t + lambda theta; b_t = mu b_{t-1} + g_t (b_1 = g_1); g_t = g_t + mu b_t (nesterov) or b_t; theta -= gamma g_t.
                    g += _weightDecay * p[i];
                    if (_momentum != 0)
                    {
                        _buffer[i] = _t == 1 ? g : (_momentum * _buffer[i]) + g;
                        g = _nesterov ? g + (_momentum * _buffer[i]) : _buffer[i];
                    }

                    p[i] -= lr * g;
                    break;
                case "adam":
                case "adamw":
                    if (_type == "adamw")
                    {
                        p[i] -= lr * _weightDecay * p[i]; // theta_t = theta_{t-1} - gamma lambda theta_{t-1}
                    }
                    else
                    {
                        g += _weightDecay * p[i];
                    }

                    _m[i] = (_beta1 * _m[i]) + ((1 - _beta1) * g);
                    _v[i] = (_beta2 * _v[i]) + ((1 - _beta2) * g * g);
                    double mHat = _m[i] / (1 - Math.Pow(_beta1, _t));
                    double vHat = _v[i] / (1 - Math.Pow(_beta2, _t));
                    p[i] -= lr * mHat / (Math.Sqrt(vHat) + _epsilon);
                    break;
                default:
                    throw new ArgumentException("No reference for optimizer " + _type);
            }
        }
    }
}
