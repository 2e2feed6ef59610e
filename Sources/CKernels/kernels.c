// The claim kernels: exp and the capped lognormal payout, in a scalar form and an AVX2 + FMA form that
// perform the same IEEE operations in the same order, so their results are bit-identical. The scalar
// form uses C's fma(), which is correctly rounded like the vfmadd instructions.
#include "CKernels.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

static const double LOG2E = 1.4426950408889634;          // log2(e), rounded
static const double LN2_HI = 0x1.62e42fefa39efp-1;       // ln 2, rounded
static const double LN2_LO = 0x1.abc9e3b39803fp-56;      // ln 2 − LN2_HI
static const double SHIFT = 0x1.8p52;                    // adding it rounds to an integer
static const double XMIN = -746.0, XMAX = 710.0;

// Taylor coefficients 1/k! for k = 0…13; on |r| ≤ ln2/2 the remainder is below 2⁻⁶⁰.
static const double C2 = 1.0 / 2, C3 = 1.0 / 6, C4 = 1.0 / 24, C5 = 1.0 / 120, C6 = 1.0 / 720, C7 = 1.0 / 5040,
                    C8 = 1.0 / 40320, C9 = 1.0 / 362880, C10 = 1.0 / 3628800, C11 = 1.0 / 39916800,
                    C12 = 1.0 / 479001600, C13 = 1.0 / 6227020800.0;

static inline double from_bits(uint64_t b) {
    double d;
    memcpy(&d, &b, sizeof d);
    return d;
}

// The scalar exp, inlined into each caller: compiled for the generic CPU, each fma() is a call to the C
// library's correctly rounded fma; inlined into a function built with target("fma"), it is one vfmadd
// instruction. The results are the same bits.
static inline __attribute__((always_inline)) double exp_core(double x) {
    if (x != x) return x;
    double c = x < XMIN ? XMIN : (x > XMAX ? XMAX : x);
    double t = fma(c, LOG2E, SHIFT);
    double kd = t - SHIFT;
    double r = fma(-kd, LN2_HI, c);
    r = fma(-kd, LN2_LO, r);
    double p = C13;
    p = fma(p, r, C12);
    p = fma(p, r, C11);
    p = fma(p, r, C10);
    p = fma(p, r, C9);
    p = fma(p, r, C8);
    p = fma(p, r, C7);
    p = fma(p, r, C6);
    p = fma(p, r, C5);
    p = fma(p, r, C4);
    p = fma(p, r, C3);
    p = fma(p, r, C2);
    p = fma(p, r, 1.0);
    p = fma(p, r, 1.0);
    // 2^k as 2^k1 · 2^k2 with k1 = ⌊k/2⌋, so that each factor is a normal number for every k reached.
    double k1 = floor(kd * 0.5), k2 = kd - k1;
    double s1 = from_bits((uint64_t)((int64_t)k1 + 1023) << 52);
    double s2 = from_bits((uint64_t)((int64_t)k2 + 1023) << 52);
    return (p * s1) * s2;
}

#if defined(__x86_64__)
__attribute__((target("fma"))) static double exp_fma(double x) { return exp_core(x); }
__attribute__((target("fma"))) static double lognormal_fma(double z, double mu, double sigma) {
    return exp_core(fma(sigma, z, mu));
}
#endif

static int fma_available(void) {
#if defined(__x86_64__)
    return __builtin_cpu_supports("fma");
#else
    return 0;
#endif
}

double cofund_exp(double x) {
#if defined(__x86_64__)
    if (fma_available()) return exp_fma(x);
#endif
    return exp_core(x);
}

double cofund_lognormal(double z, double mu, double sigma) {
#if defined(__x86_64__)
    if (fma_available()) return lognormal_fma(z, mu, sigma);
#endif
    return exp_core(fma(sigma, z, mu));
}

static inline double payout(double z, double mu, double sigma, double rate, double cap) {
    double v = rate * exp_core(fma(sigma, z, mu));
    return v < cap ? v : cap;
}

// One rate claim's payout from its standard normal: base = exp(mu + sigma·z); nothing below min_base, else
// rate·base raised to the floor and limited by the cap, compared as the model's ClaimLimits compares.
static inline __attribute__((always_inline)) double rate_payout(
    double z, double mu, double sigma, double rate, double floor_, double cap, double min_base) {
    double base = exp_core(fma(sigma, z, mu));
    double gross = rate * base;
    double floored = floor_ >= gross ? floor_ : gross;
    double paid = cap < floored ? cap : floored;
    return base < min_base ? 0.0 : paid;
}

static double capped_sum_scalar(const double *z, size_t n, double mu, double sigma, double rate, double cap) {
    double s[4] = {0, 0, 0, 0};
    size_t i = 0;
    for (; i + 4 <= n; i += 4)
        for (int l = 0; l < 4; l++) s[l] += payout(z[i + l], mu, sigma, rate, cap);
    double total = (s[0] + s[1]) + (s[2] + s[3]);
    for (; i < n; i++) total += payout(z[i], mu, sigma, rate, cap);
    return total;
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) static inline __m256d exp4(__m256d x) {
    __m256d nan = _mm256_cmp_pd(x, x, _CMP_UNORD_Q);
    // The same clamp as the scalar form's comparisons: NaN lanes are replaced at the end.
    __m256d c = _mm256_min_pd(_mm256_max_pd(x, _mm256_set1_pd(XMIN)), _mm256_set1_pd(XMAX));
    __m256d t = _mm256_fmadd_pd(c, _mm256_set1_pd(LOG2E), _mm256_set1_pd(SHIFT));
    __m256d kd = _mm256_sub_pd(t, _mm256_set1_pd(SHIFT));
    __m256d r = _mm256_fnmadd_pd(kd, _mm256_set1_pd(LN2_HI), c);
    r = _mm256_fnmadd_pd(kd, _mm256_set1_pd(LN2_LO), r);
    __m256d p = _mm256_set1_pd(C13);
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(C12));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(C11));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(C10));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(C9));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(C8));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(C7));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(C6));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(C5));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(C4));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(C3));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(C2));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(1.0));
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(1.0));
    __m256d k1 = _mm256_floor_pd(_mm256_mul_pd(kd, _mm256_set1_pd(0.5)));
    __m256d k2 = _mm256_sub_pd(kd, k1);
    // An integer-valued double k below 2⁵¹ in magnitude: the low bits of k + SHIFT are k.
    __m256i shift = _mm256_castpd_si256(_mm256_set1_pd(SHIFT));
    __m256i bias = _mm256_set1_epi64x(1023);
    __m256i i1 = _mm256_add_epi64(_mm256_sub_epi64(_mm256_castpd_si256(_mm256_add_pd(k1, _mm256_set1_pd(SHIFT))), shift), bias);
    __m256i i2 = _mm256_add_epi64(_mm256_sub_epi64(_mm256_castpd_si256(_mm256_add_pd(k2, _mm256_set1_pd(SHIFT))), shift), bias);
    __m256d s1 = _mm256_castsi256_pd(_mm256_slli_epi64(i1, 52));
    __m256d s2 = _mm256_castsi256_pd(_mm256_slli_epi64(i2, 52));
    __m256d y = _mm256_mul_pd(_mm256_mul_pd(p, s1), s2);
    return _mm256_blendv_pd(y, x, nan);
}

__attribute__((target("avx2,fma"))) static void exp_batch_avx2(const double *x, double *y, size_t n) {
    size_t i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, exp4(_mm256_loadu_pd(x + i)));
    for (; i < n; i++) y[i] = exp_core(x[i]);
}

__attribute__((target("avx2,fma"))) static void lognormal_batch_avx2(const double *z, double *y, size_t n, double mu, double sigma) {
    __m256d vmu = _mm256_set1_pd(mu), vsigma = _mm256_set1_pd(sigma);
    size_t i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, exp4(_mm256_fmadd_pd(vsigma, _mm256_loadu_pd(z + i), vmu)));
    for (; i < n; i++) y[i] = exp_core(fma(sigma, z[i], mu));
}

__attribute__((target("avx2,fma"))) static void rate_payouts_avx2(
    const double *z, double *x, size_t n, double mu, double sigma, double rate, double floor_, double cap, double min_base) {
    __m256d vmu = _mm256_set1_pd(mu), vsigma = _mm256_set1_pd(sigma), vrate = _mm256_set1_pd(rate);
    __m256d vfloor = _mm256_set1_pd(floor_), vcap = _mm256_set1_pd(cap), vmin = _mm256_set1_pd(min_base);
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        __m256d base = exp4(_mm256_fmadd_pd(vsigma, _mm256_loadu_pd(z + i), vmu));
        __m256d gross = _mm256_mul_pd(vrate, base);
        __m256d floored = _mm256_blendv_pd(gross, vfloor, _mm256_cmp_pd(vfloor, gross, _CMP_GE_OQ));
        __m256d paid = _mm256_blendv_pd(floored, vcap, _mm256_cmp_pd(vcap, floored, _CMP_LT_OQ));
        _mm256_storeu_pd(x + i, _mm256_blendv_pd(paid, _mm256_setzero_pd(), _mm256_cmp_pd(base, vmin, _CMP_LT_OQ)));
    }
    for (; i < n; i++) x[i] = rate_payout(z[i], mu, sigma, rate, floor_, cap, min_base);
}

__attribute__((target("avx2,fma"))) static double capped_sum_avx2(
    const double *z, size_t n, double mu, double sigma, double rate, double cap) {
    __m256d s = _mm256_setzero_pd();
    __m256d vmu = _mm256_set1_pd(mu), vsigma = _mm256_set1_pd(sigma), vrate = _mm256_set1_pd(rate), vcap = _mm256_set1_pd(cap);
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        __m256d v = _mm256_mul_pd(vrate, exp4(_mm256_fmadd_pd(vsigma, _mm256_loadu_pd(z + i), vmu)));
        // min(v, cap) as the scalar form's `v < cap ? v : cap`.
        s = _mm256_add_pd(s, _mm256_blendv_pd(vcap, v, _mm256_cmp_pd(v, vcap, _CMP_LT_OQ)));
    }
    double lanes[4];
    _mm256_storeu_pd(lanes, s);
    double total = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
    for (; i < n; i++) total += payout(z[i], mu, sigma, rate, cap);
    return total;
}
#endif

int cofund_vector_available(void) {
#if defined(__x86_64__)
    // The compiler's runtime fills the CPU model before main; reading it is free of races.
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return 0;
#endif
}

void cofund_exp_batch(const double *x, double *y, size_t n, int vector) {
#if defined(__x86_64__)
    if (vector && cofund_vector_available()) {
        exp_batch_avx2(x, y, n);
        return;
    }
#endif
    for (size_t i = 0; i < n; i++) y[i] = cofund_exp(x[i]);
}

void cofund_lognormal_batch(const double *z, double *y, size_t n, double mu, double sigma, int vector) {
#if defined(__x86_64__)
    if (vector && cofund_vector_available()) {
        lognormal_batch_avx2(z, y, n, mu, sigma);
        return;
    }
#endif
    for (size_t i = 0; i < n; i++) y[i] = cofund_exp(fma(sigma, z[i], mu));
}

void cofund_rate_payouts(
    const double *z, double *x, size_t n, double mu, double sigma, double rate, double floor_, double cap, double min_base, int vector) {
#if defined(__x86_64__)
    if (vector && cofund_vector_available()) {
        rate_payouts_avx2(z, x, n, mu, sigma, rate, floor_, cap, min_base);
        return;
    }
#endif
    for (size_t i = 0; i < n; i++) x[i] = rate_payout(z[i], mu, sigma, rate, floor_, cap, min_base);
}

double cofund_capped_lognormal_sum(const double *z, size_t n, double mu, double sigma, double rate, double cap, int vector) {
#if defined(__x86_64__)
    if (vector && cofund_vector_available()) return capped_sum_avx2(z, n, mu, sigma, rate, cap);
#endif
    return capped_sum_scalar(z, n, mu, sigma, rate, cap);
}
