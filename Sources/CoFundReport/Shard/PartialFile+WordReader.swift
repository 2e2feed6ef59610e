extension PartialFile {
    /// Reads a shard file front to back: bytes and little-endian 64-bit words, every read checked
    /// against what is left, so that no count taken from the file can read past its end.
    struct WordReader {
        let bytes: [UInt8]
        private(set) var at: Int

        init(_ bytes: [UInt8], at: Int) {
            self.bytes = bytes
            self.at = min(max(at, 0), bytes.count)
        }

        var bytesLeft: Int { bytes.count - at }
        var wordsLeft: Int { bytesLeft / 8 }

        /// The next `n` bytes, or nil when fewer are left.
        mutating func bytes(_ n: Int) -> ArraySlice<UInt8>? {
            guard n >= 0, n <= bytesLeft else { return nil }
            defer { at += n }
            return bytes[at..<(at + n)]
        }

        mutating func word() -> UInt64? { words(1)?.first }

        /// The next `n` words, or nil when fewer are left.
        mutating func words(_ n: Int) -> [UInt64]? {
            guard n >= 0, n <= wordsLeft else { return nil }
            let start = at
            defer { at += 8 * n }
            return bytes.withUnsafeBytes { raw in
                (0..<n).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + 8 * $0, as: UInt64.self)) }
            }
        }

        /// The next `n` words as doubles, or nil when fewer are left.
        mutating func doubles(_ n: Int) -> [Double]? { words(n)?.map { Double(bitPattern: $0) } }
    }
}
