import CoFundModel
import XCTest

/// The one number formatter: each style as the reports and explanations print it.
final class NumberFormatTests: XCTestCase {
    func testGroupedAmountsGroupThousandsAndDropTrailingZeros() {
        XCTAssertEqual(20000.0.formatted(.grouped(maxDecimals: 2)), "20,000")
        XCTAssertEqual(1234.567.formatted(.grouped(maxDecimals: 2)), "1,234.57")
        XCTAssertEqual(62.5.formatted(.grouped(maxDecimals: 4)), "62.5")
        XCTAssertEqual((-0.00001).formatted(.grouped(maxDecimals: 2)), "0")
        XCTAssertEqual(Double.infinity.formatted(.grouped(maxDecimals: 2)), "∞")
    }

    func testFixedDecimalsForFilesNeverWriteMinusZero() {
        XCTAssertEqual(1234.5.formatted(.fixed(decimals: 4)), "1234.5000")
        XCTAssertEqual((-0.00001).formatted(.fixed(decimals: 4)), "0.0000")
        XCTAssertEqual((-12.25).formatted(.fixed(decimals: 2)), "-12.25")
    }

    func testRatesProbabilitiesAndCoordinates() {
        XCTAssertEqual(0.025.formatted(.rate), "2.5%")
        XCTAssertEqual(0.0015.formatted(.rate), "1.5‰")
        XCTAssertEqual(0.0001.formatted(.probability), "<0.1%")
        XCTAssertEqual(0.6159.formatted(.probability), "61.6%")
        XCTAssertEqual((-0.04).formatted(.coordinate), "0")
        XCTAssertEqual(12.0.formatted(.coordinate), "12")
        XCTAssertEqual(0.1.formatted(.trimmed), "0.1")
    }
}
