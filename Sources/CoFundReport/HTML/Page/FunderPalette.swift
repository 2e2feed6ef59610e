import CoFundModel

/// A fixed color for each funder level, from the Okabe–Ito palette (distinguishable with the
/// common color-vision deficiencies); a second funder of the same level gets a darker or lighter
/// shade of its level's color.
enum FunderPalette {
    /// The color of "all funders".
    static let total = "#333333"

    static func color(_ level: Funder.Level) -> String {
        switch level {
        case .national: "#56B4E9"  // sky blue
        case .province: "#0072B2"  // blue
        case .city: "#E69F00"  // orange
        case .district: "#009E73"  // bluish green
        case .zone: "#CC79A7"  // reddish purple
        case .bank: "#D55E00"  // vermillion
        case .other: "#7F7F7F"  // grey
        }
    }

    /// The color of each funder, by id, in the scenario's order.
    static func colors(_ funders: [Funder]) -> [String: String] {
        var seen: [Funder.Level: Int] = [:]
        var out: [String: String] = [:]
        for f in funders {
            let k = seen[f.level, default: 0]
            seen[f.level] = k + 1
            let base = color(f.level)
            out[f.id] = k == 0 ? base : shade(base, k % 2 == 1 ? -0.35 * Double((k + 1) / 2) : 0.4 * Double(k / 2))
        }
        return out
    }

    /// `hex` mixed with black (amount < 0) or white (amount > 0).
    static func shade(_ hex: String, _ amount: Double) -> String {
        let a = min(max(amount, -0.8), 0.8)
        let v = Int(hex.dropFirst(), radix: 16) ?? 0
        let channels = [(v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF].map { c -> Int in
            let d = Double(c)
            return Int((a < 0 ? d * (1 + a) : d + (255 - d) * a).rounded())
        }
        return "#"
            + channels.map { c in
                let s = String(c, radix: 16, uppercase: true)
                return s.count == 1 ? "0" + s : s
            }.joined()
    }
}
