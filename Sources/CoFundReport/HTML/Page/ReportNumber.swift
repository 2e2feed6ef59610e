import CoFundModel
import Foundation

/// Numbers as the HTML pages show them: thousands grouped, decimals by magnitude.
enum ReportNumber {
    /// An amount: no decimals from 100 up, one from 1, two below (123,457; 45.6; 0.37).
    static func amount(_ v: Double) -> String {
        let a = abs(v)
        return v.formatted(.grouped(maxDecimals: a >= 100 ? 0 : (a >= 1 ? 1 : 2)))
    }

    /// A signed amount, "+" for increases.
    static func signed(_ v: Double) -> String {
        let s = amount(v)
        return v > 0 && s != "0" ? "+" + s : s
    }

    /// A probability as a percentage with one decimal (12.3%), "<0.1%" for small nonzero values.
    static func percent(_ p: Double) -> String { p.formatted(.probability) }

    /// An SVG coordinate: one decimal, without ".0" and without "-0".
    static func coordinate(_ v: Double) -> String { v.formatted(.coordinate) }
}
