import CoFundEngine
import XCTest

/// The percentiles' sort. Oracle: the standard library's stable `sorted()`, compared bit for bit
/// (an exact identity, so no tolerance).
final class RadixSortTests: XCTestCase {
    private func assertSameBits(_ x: [Double], _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let expected = x.sorted().map(\.bitPattern)
        XCTAssertEqual(RadixSort.sorted(x).map(\.bitPattern), expected, label, file: file, line: line)
    }

    /// Values of every sign and magnitude, ties, both zeros in a mixed order, infinities and
    /// subnormals, at sizes on either side of the small-array cut.
    func testGivesTheStandardSortsBitsOnMixedValues() {
        var g = Xoshiro256(StreamKey(seed: 3, path: 0, program: 1, slot: 0))
        let specials: [Double] = [0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .greatestFiniteMagnitude, 1, 1]
        for n in [0, 1, 63, 64, 65, 1000, 10_007] {
            var x: [Double] = []
            for i in 0..<n {
                switch i % 5 {
                case 0: x.append(exp(6 + 1.4 * Ziggurat.normal(&g)))
                case 1: x.append(-exp(3 * Ziggurat.normal(&g)))
                case 2: x.append(specials[Int(g.next() % UInt64(specials.count))])
                case 3: x.append(Double(Int(g.next() % 7)) - 3)  // many ties
                default: x.append(Ziggurat.normal(&g) * 1e-300)
                }
            }
            assertSameBits(x, "n = \(n)")
        }
    }

    /// Values of one magnitude share their high bytes, whose passes are skipped; the order must
    /// not depend on it.
    func testGivesTheStandardSortsBitsWhenBytesAreShared() {
        var g = Xoshiro256(StreamKey(seed: 4, path: 0, program: 1, slot: 0))
        assertSameBits((0..<5000).map { _ in 1000 + g.uniform() }, "one binade")
        assertSameBits([Double](repeating: 2.5, count: 300), "one value")
        assertSameBits((0..<300).map { $0 % 2 == 0 ? -0.0 : 0.0 }, "zeros only")
    }

    /// A batch of a series' paths (a slice, as the batch-means intervals sort) sorts as its copy does.
    func testSortsASliceAsTheStandardSortDoes() {
        var g = Xoshiro256(StreamKey(seed: 5, path: 0, program: 1, slot: 0))
        let x = (0..<2000).map { i in i % 7 == 0 ? -0.0 : exp(5 + Ziggurat.normal(&g)) }
        let batch = x[500..<1000]
        XCTAssertEqual(RadixSort.sorted(batch).map(\.bitPattern), batch.sorted().map(\.bitPattern))
    }

    /// A series holding a NaN is sorted by the standard library, whatever it does with it.
    func testLeavesANaNToTheStandardLibrary() {
        let x = (0..<100).map { $0 == 50 ? Double.nan : Double(100 - $0) }
        XCTAssertEqual(RadixSort.sorted(x).map(\.bitPattern), x.sorted().map(\.bitPattern))
    }
}
