/// The identity of one random stream: (seed, path, program, slot).
///
/// Every (path, program, year) has its own stream, so the draws of one program on one path never
/// depend on how many draws another program, another year or another path made. This is what
/// makes results identical on any number of threads, and what gives a reform common random
/// numbers: raising a cap or an uptake leaves every other draw where it was.
public struct StreamKey: Sendable, Hashable {
    public var seed: UInt64
    public var path: UInt64
    /// A program's id hash, or one of the reserved values below.
    public var program: UInt64
    /// A year (`year(_:)`), a year of a program's own factor (`ownFactor(year:)`), or a parameter
    /// slot offset by `parameterSlotBase`.
    public var slot: UInt64

    public init(seed: UInt64, path: UInt64, program: UInt64, slot: UInt64) {
        self.seed = seed
        self.path = path
        self.program = program
        self.slot = slot
    }

    /// The `program` of the scenario's shared systematic factor, whose slots are years.
    public static let sharedFactor: UInt64 = 0x5F3759DF_00000001

    /// The slot of a calendar year, given as its offset from the scenario's first year (negative
    /// before it, as the two's-complement bit pattern): a year's draws keep their stream whichever
    /// year claims are simulated from.
    @inlinable
    public static func year(_ offset: Int) -> UInt64 { UInt64(bitPattern: Int64(offset)) }

    /// The slot of a program's own systematic factor in the year `offset` from the first year:
    /// 2³⁴ + offset, apart from the years (|offset| < 2³²), the uptake mixing slot and the
    /// parameter slots (2³³ + slot).
    @inlinable
    public static func ownFactor(year offset: Int) -> UInt64 { (1 << 34) &+ year(offset) }
    /// Slot of a program's uptake mixing variable, drawn once per path when a negative-binomial
    /// count has `mixing: per_path`.
    public static let uptakeMixingSlot: UInt64 = (1 << 32) + 1
    public static let parameterSlotBase: UInt64 = 1 << 33

    /// 128 well-mixed bits: SplitMix64's finaliser applied along the chain of the four fields.
    public var mixed: (UInt64, UInt64) {
        var h = SplitMix64.mix(seed ^ 0x9E37_79B9_7F4A_7C15)
        h = SplitMix64.mix(h ^ path)
        h = SplitMix64.mix(h ^ program)
        h = SplitMix64.mix(h ^ slot)
        return (h, SplitMix64.mix(h ^ 0xD1B5_4A32_D192_ED03))
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014), used only to turn stream keys into generator states.
public enum SplitMix64 {
    @inlinable
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A stable 64-bit hash of a program id (FNV-1a over its UTF-8 bytes, then mixed): the same id
    /// gives the same streams in every run and on every machine.
    public static func hash(_ id: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in id.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return mix(h)
    }
}
