/*
 * The 2-2-2 worked example written by hand in C, as a C programmer would for speed: the same operations as the
 * generated unrolled C# (logistic layers, one shared bias per layer, half squared error, biases not trained),
 * exp from the C library. Built by the benchmark project with gcc -O3 -march=native and called through a
 * P/Invoke with SuppressGCTransition; the empty call worked_nop measures what the call itself costs.
 */
#include <math.h>

typedef struct { double w[8]; double b[2]; } worked_d;
typedef struct { float w[8]; float b[2]; } worked_f;

void worked_nop(void) { }

#define FORWARD(T, EXP)                                                    \
    T net_h1 = n->w[0] * in[0] + n->w[1] * in[1] + n->b[0];                \
    T out_h1 = (T)1 / ((T)1 + EXP(-net_h1));                               \
    T net_h2 = n->w[2] * in[0] + n->w[3] * in[1] + n->b[0];                \
    T out_h2 = (T)1 / ((T)1 + EXP(-net_h2));                               \
    T net_o1 = n->w[4] * out_h1 + n->w[5] * out_h2 + n->b[1];              \
    T out_o1 = (T)1 / ((T)1 + EXP(-net_o1));                               \
    T net_o2 = n->w[6] * out_h1 + n->w[7] * out_h2 + n->b[1];              \
    T out_o2 = (T)1 / ((T)1 + EXP(-net_o2));

#define TRAIN(T)                                                           \
    T e1 = target[0] - out_o1, e2 = target[1] - out_o2;                    \
    T loss = (T)0.5 * e1 * e1 + (T)0.5 * e2 * e2;                          \
    T delta_o1 = -e1 * (out_o1 * ((T)1 - out_o1));                         \
    T delta_o2 = -e2 * (out_o2 * ((T)1 - out_o2));                         \
    T delta_h1 = (delta_o1 * n->w[4] + delta_o2 * n->w[6]) * (out_h1 * ((T)1 - out_h1)); \
    T delta_h2 = (delta_o1 * n->w[5] + delta_o2 * n->w[7]) * (out_h2 * ((T)1 - out_h2)); \
    n->w[0] -= rate * delta_h1 * in[0];                                    \
    n->w[1] -= rate * delta_h1 * in[1];                                    \
    n->w[2] -= rate * delta_h2 * in[0];                                    \
    n->w[3] -= rate * delta_h2 * in[1];                                    \
    n->w[4] -= rate * delta_o1 * out_h1;                                   \
    n->w[5] -= rate * delta_o1 * out_h2;                                   \
    n->w[6] -= rate * delta_o2 * out_h1;                                   \
    n->w[7] -= rate * delta_o2 * out_h2;                                   \
    return loss;

void worked_forward_d(const worked_d *n, const double *in, double *out)
{
    FORWARD(double, exp)
    out[0] = out_o1;
    out[1] = out_o2;
}

double worked_train_step_d(worked_d *n, const double *in, const double *target, double rate)
{
    FORWARD(double, exp)
    TRAIN(double)
}

void worked_forward_f(const worked_f *n, const float *in, float *out)
{
    FORWARD(float, expf)
    out[0] = out_o1;
    out[1] = out_o2;
}

float worked_train_step_f(worked_f *n, const float *in, const float *target, float rate)
{
    FORWARD(float, expf)
    TRAIN(float)
}
