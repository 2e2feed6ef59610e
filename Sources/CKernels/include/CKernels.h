#ifndef COFUND_CKERNELS_H
#define COFUND_CKERNELS_H

#include <stddef.h>

/// exp(x) to within 2 ulp for finite x (NaN gives NaN, x ≥ 710 gives +∞, x ≤ −746 gives 0), by the
/// same fused operations on every path, so that the scalar and the AVX2 results are bit-identical.
double cofund_exp(double x);

/// cofund_exp(fma(sigma, z, mu)): one lognormal value from a standard normal z, the bits of
/// `cofund_lognormal_batch`'s.
double cofund_lognormal(double z, double mu, double sigma);

/// 1 when this CPU runs the AVX2 + FMA kernels, 0 when only the scalar ones run.
int cofund_vector_available(void);

/// y[i] = cofund_exp(x[i]) for i < n; `vector` 0 forces the scalar path (the results are the same).
void cofund_exp_batch(const double *x, double *y, size_t n, int vector);

/// y[i] = cofund_exp(fma(sigma, z[i], mu)) for i < n: lognormal values from standard normals; `vector` 0
/// forces the scalar path (the results are the same).
void cofund_lognormal_batch(const double *z, double *y, size_t n, double mu, double sigma, int vector);

/// x[i] = the payout of a rate claim whose base is exp(mu + sigma · z[i]) (as cofund_lognormal): 0 when the
/// base is below min_base, else min(max(rate · base, floor), cap), compared in that order. `vector` 0 forces
/// the scalar path (the results are the same).
void cofund_rate_payouts(
    const double *z, double *x, size_t n, double mu, double sigma, double rate, double floor_, double cap, double min_base, int vector);

/// Σ min(rate · exp(mu + sigma · z[i]), cap) over i < n: one capped lognormal payout per claim,
/// summed in four interleaved partial sums (i mod 4) combined as (s0 + s1) + (s2 + s3), then the
/// last n mod 4 terms in order — the same order on the scalar and the AVX2 path.
double cofund_capped_lognormal_sum(const double *z, size_t n, double mu, double sigma, double rate, double cap, int vector);

#endif
