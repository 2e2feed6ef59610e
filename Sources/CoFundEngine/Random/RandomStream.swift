import CGSL

/// A GSL random generator owned by one worker, re-seeded for each stream it serves.
///
/// The generator is `taus2`, L'Ecuyer's maximally equidistributed combined Tausworthe generator
/// (period 2⁸⁸, passes the Diehard and TestU01 SmallCrush batteries). It is about twice as fast as
/// `mt19937` in GSL and, unlike it, can be re-seeded in a few nanoseconds: the engine re-seeds
/// once per (path, program, year), millions of times a run. Its 96 bits of state are set directly
/// from the stream key (see `cgsl_taus2_seed`), so distinct keys do not share a state by the
/// birthday bound of a 32-bit seed.
///
/// Never share one instance between threads.
public final class RandomStream {
    @usableFromInline let rng: UnsafeMutablePointer<gsl_rng>

    public init() {
        GSL.configure()
        guard let r = gsl_rng_alloc(cgsl_rng_type_taus2()) else {
            preconditionFailure("gsl_rng_alloc failed: out of memory")
        }
        // The 96-bit seeder writes taus2's state directly, so it refuses any other generator: check
        // once here that it accepts this one, and the hot path needs no check.
        guard cgsl_taus2_seed(r, 1, 2) == 1 else {
            gsl_rng_free(r)
            preconditionFailure("the taus2 seeder refused GSL's taus2 generator: the GSL build's state layout differs")
        }
        rng = r
    }

    deinit { gsl_rng_free(rng) }

    /// Positions the generator at the start of the stream named by `key`.
    @inlinable
    public func reseed(_ key: StreamKey) {
        let (a, b) = key.mixed
        let seeded = cgsl_taus2_seed(rng, a, b)
        assert(seeded == 1, "a taus2 generator refused its seed")
    }

    /// Uniform on [0, 1), 32-bit resolution.
    @inlinable public func uniform() -> Double { gsl_rng_uniform(rng) }

    /// Uniform on (0, 1): for inversion, where 0 would map to −∞.
    @inlinable public func uniformOpen() -> Double { gsl_rng_uniform_pos(rng) }

    /// Standard normal by the ziggurat method (Marsaglia & Tsang 2000).
    @inlinable public func gaussian() -> Double { gsl_ran_gaussian_ziggurat(rng, 1.0) }
}

/// Process-wide GSL settings.
public enum GSL {
    /// Turns off GSL's default error handler, which aborts the process. Every input to GSL is
    /// checked by the caller, and results are checked for finiteness.
    public static func configure() { _ = configured }

    private static let configured: Bool = {
        gsl_set_error_handler_off()
        return true
    }()
}
