#ifndef COFUND_CGSL_SHIM_H
#define COFUND_CGSL_SHIM_H

#include <stdint.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_integration.h>

/* Swift 6 rejects GSL's generator-type globals (mutable C globals are not
   concurrency-safe); these accessors hand out the constant pointers instead. */
static inline const gsl_rng_type *cgsl_rng_type_taus2(void) { return gsl_rng_taus2; }
static inline const gsl_rng_type *cgsl_rng_type_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_rng_type *cgsl_rng_type_ranlxd1(void) { return gsl_rng_ranlxd1; }

/* The layout of GSL's taus2 state (rng/taus.c): three 32-bit words held in
   unsigned longs. */
typedef struct { unsigned long s1, s2, s3; } cgsl_taus2_state;

/* Seed a taus2 generator with 96 bits of state instead of gsl_rng_set's 32:
   with millions of (path, program, year) streams per run, 32-bit seeds would
   collide by the birthday bound. The words are forced above the minimums
   the Tausworthe components require (2, 8, 16) and the generator is warmed
   up as gsl_rng_set does. Returns 0 when r is not a taus2 generator. */
static inline int cgsl_taus2_seed(gsl_rng *r, uint64_t a, uint64_t b) {
    if (r == 0 || r->type != gsl_rng_taus2 || r->type->size != sizeof(cgsl_taus2_state)) return 0;
    cgsl_taus2_state *s = (cgsl_taus2_state *)r->state;
    s->s1 = (unsigned long)(a & 0xffffffffUL);
    s->s2 = (unsigned long)((a >> 32) & 0xffffffffUL);
    s->s3 = (unsigned long)(b & 0xffffffffUL);
    if (s->s1 < 2) s->s1 += 2UL;
    if (s->s2 < 8) s->s2 += 8UL;
    if (s->s3 < 16) s->s3 += 16UL;
    for (int i = 0; i < 6; i++) gsl_rng_get(r);
    return 1;
}

#endif
