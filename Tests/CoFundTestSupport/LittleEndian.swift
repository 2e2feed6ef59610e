/// 64-bit little-endian words in a byte array, as `partial.cofund` stores its lengths and values.
public enum LittleEndian {
    /// The word whose 8 bytes start at `offset`.
    public static func word(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
    }

    /// Writes `w` over the 8 bytes starting at `offset`.
    public static func set(_ bytes: inout [UInt8], at offset: Int, to w: UInt64) {
        for i in 0..<8 { bytes[offset + i] = UInt8(truncatingIfNeeded: w >> (8 * UInt64(i))) }
    }

    /// The 8 bytes of `w`.
    public static func bytes(_ w: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: w >> (8 * UInt64($0))) } }
}
