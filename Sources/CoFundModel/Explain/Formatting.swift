import Foundation

/// Number formats shared by explanations and reports.
public enum Formatting {
    /// An amount for reading: thousands grouped, at most `decimals` decimals, no trailing zeros
    /// (20,000; 62.5; 1,234.57).
    public static func amount(_ v: Double, decimals: Int = 2) -> String {
        guard v.isFinite else { return v > 0 ? "∞" : (v < 0 ? "-∞" : "NaN") }
        let rounded = (v * pow(10, Double(decimals))).rounded() / pow(10, Double(decimals))
        let negative = rounded < 0
        let whole = abs(rounded).rounded(.down)
        var frac = abs(rounded) - whole
        var digits = String(format: "%.0f", whole)
        var groups: [Substring] = []
        while digits.count > 3 {
            groups.insert(digits.suffix(3), at: 0)
            digits.removeLast(3)
        }
        groups.insert(Substring(digits), at: 0)
        var s = (negative && rounded != 0 ? "-" : "") + groups.joined(separator: ",")
        if decimals > 0, frac > 0 {
            frac = (frac * pow(10, Double(decimals))).rounded()
            var f = String(format: "%0\(decimals).0f", frac)
            while f.hasSuffix("0") { f.removeLast() }
            if !f.isEmpty { s += "." + f }
        }
        return s
    }

    /// A rate as a percentage (2.5%) or, below 1%, as per mille (1.5‰).
    public static func rate(_ v: Double) -> String {
        if v != 0, abs(v) < 0.01 { return trimmed(v * 1000) + "‰" }
        return trimmed(v * 100) + "%"
    }

    /// Up to six decimals without trailing zeros.
    public static func trimmed(_ v: Double) -> String {
        var s = String(format: "%.6f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }
}
