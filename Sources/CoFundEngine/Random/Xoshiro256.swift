/// xoshiro256++ (Blackman & Vigna 2021), inline: the generator of every random number the engine draws.
///
/// Period 2²⁵⁶ − 1; passes BigCrush (TestU01) and PractRand to at least 32 TB without systematic
/// failures, per its authors; 256 bits of state, four 64-bit words updated by shifts, rotations and
/// xors, and an output `rotl(s0 + s3, 23) + s0` free of the low-bit linearity of xoshiro's `+`
/// variants. It was chosen over GSL's taus2 because every draw is a few inlined instructions with no
/// function pointer (GSL reaches its generator through one), over Philox because it needs no
/// 128-bit multiply per pair of words, and because a keyed state is cheap: each stream (seed,
/// path, program, slot) is seeded by expanding `StreamKey.mixed` with SplitMix64, as the
/// generator's authors recommend, so distinct keys start at independent-looking states and no
/// stream's draws depend on another's.
///
/// A value type: copy it and the copy continues the same sequence. Never share one between threads.
public struct Xoshiro256: Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// The generator at the start of the stream named by `key`.
    @inlinable
    public init(_ key: StreamKey) {
        let (a, b) = key.mixed
        s0 = SplitMix64.mix(a)
        s1 = SplitMix64.mix(a ^ 0x6A09_E667_F3BC_C909)
        s2 = SplitMix64.mix(b)
        s3 = SplitMix64.mix(b ^ 0xBB67_AE85_84CA_A73B)
        // An all-zero state is the generator's one fixed point; SplitMix64 outputs are a bijection of
        // distinct inputs, so four zeros cannot all occur, but the guard costs nothing.
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// The generator with state (s0, s1, s2, s3), not all zero: for checks against the reference
    /// implementation's outputs.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        (s0, s1, s2, s3) = state
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = ((s0 &+ s3) << 23 | (s0 &+ s3) >> 41) &+ s0
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform on [0, 1) with 53 random bits: k · 2⁻⁵³ for k the top 53 bits.
    @inlinable
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform on (0, 1): (k + ½) · 2⁻⁵³, never 0 or 1, for inversion where 0 maps to −∞.
    @inlinable
    public mutating func uniformOpen() -> Double { (Double(next() >> 11) + 0.5) * 0x1.0p-53 }
}
