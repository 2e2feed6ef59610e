import Foundation

/// How cofund writes a number, in one place: the explanations, the terminal tables, the HTML report
/// and the CSV files each pick a style here (`v.formatted(.grouped(maxDecimals: 4))`).
public struct NumberFormat: FormatStyle, Sendable {
    public enum Style: Codable, Hashable, Sendable {
        /// For reading: thousands grouped, at most this many decimals, no trailing zeros (20,000; 62.5; 1,234.57).
        case grouped(maxDecimals: Int)
        /// For files: exactly this many decimals, no grouping, "-0" written as "0" (1234.5000).
        case fixed(decimals: Int)
        /// Up to six decimals without trailing zeros (0.025, 1.5).
        case trimmed
        /// A rate as a percentage (2.5%) or, below 1%, as per mille (1.5‰).
        case rate
        /// A probability as a percentage with one decimal (12.3%), "<0.1%" for small nonzero values.
        case percent
        /// An SVG coordinate: one decimal, without ".0" and without "-0".
        case coordinate
    }

    public var style: Style

    public init(_ style: Style) { self.style = style }

    public func format(_ v: Double) -> String {
        switch style {
        case let .grouped(maxDecimals): Self.grouped(v, maxDecimals)
        case let .fixed(decimals): Self.fixed(v, decimals)
        case .trimmed: Self.trimmed(v)
        case .rate: v != 0 && abs(v) < 0.01 ? Self.trimmed(v * 1000) + "‰" : Self.trimmed(v * 100) + "%"
        case .percent: v > 0 && v < 0.0005 ? "<0.1%" : String(format: "%.1f%%", v * 100)
        case .coordinate: Self.coordinate(v)
        }
    }

    private static func grouped(_ v: Double, _ decimals: Int) -> String {
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

    private static func fixed(_ v: Double, _ decimals: Int) -> String {
        let s = String(format: "%.\(decimals)f", v)
        return s.hasPrefix("-") && s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(s.dropFirst()) : s
    }

    private static func trimmed(_ v: Double) -> String {
        var s = String(format: "%.6f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }

    private static func coordinate(_ v: Double) -> String {
        var s = String(format: "%.1f", v)
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s == "-0" ? "0" : s
    }
}

extension FormatStyle where Self == NumberFormat {
    public static func grouped(maxDecimals: Int) -> NumberFormat { NumberFormat(.grouped(maxDecimals: maxDecimals)) }
    public static func fixed(decimals: Int) -> NumberFormat { NumberFormat(.fixed(decimals: decimals)) }
    public static var trimmed: NumberFormat { NumberFormat(.trimmed) }
    public static var rate: NumberFormat { NumberFormat(.rate) }
    public static var probability: NumberFormat { NumberFormat(.percent) }
    public static var coordinate: NumberFormat { NumberFormat(.coordinate) }
}

/// The styles of `NumberFormat` by the names the explanations and reports use.
public enum Formatting {
    /// An amount for reading: see `NumberFormat.Style.grouped`.
    public static func amount(_ v: Double, decimals: Int = 2) -> String { v.formatted(.grouped(maxDecimals: decimals)) }
    /// See `NumberFormat.Style.rate`.
    public static func rate(_ v: Double) -> String { v.formatted(.rate) }
    /// See `NumberFormat.Style.trimmed`.
    public static func trimmed(_ v: Double) -> String { v.formatted(.trimmed) }
}
