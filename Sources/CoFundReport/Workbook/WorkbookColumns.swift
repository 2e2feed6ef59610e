/// How a column of a CSV table is shown in report.xlsx: its number format and the unit in its
/// header. Decided by the column's name as the CSV files name it.
enum WorkbookColumn: Equatable {
    /// Names, ids, labels.
    case text
    /// An amount in the scenario's unit (万元 or 元): thousands separators, unit in the header.
    case money
    /// A probability or a share: `0.0%`.
    case share
    /// A count of paths, a rank, a step.
    case count
    /// Any other number, shown as written.
    case plain

    /// The kind of the column `name` of the file `file` (`summary.csv`); `hasUnit` when the table has
    /// a `unit` column, which its amounts are counted in.
    static func kind(of name: String, in file: String, hasUnit: Bool) -> WorkbookColumn {
        if name.contains("p_over") || name.hasPrefix("share") { return .share }
        if file == "sweep-budgets.csv", ["se", "ci95_low", "ci95_high"].contains(name) { return .share }
        if file == "stress.csv", name == "tail" { return .share }
        if ["rank", "step", "paths", "tail_paths"].contains(name) { return .count }
        guard hasUnit, !["stress.csv", "solve.csv", "parameters.csv"].contains(file) else { return .plain }
        if file == "importance.csv" { return ["estimate", "ci95_low", "ci95_high"].contains(name) || name.hasPrefix("plain_") ? .money : .plain }
        if isMoney(name) { return .money }
        return .plain
    }

    static let moneyNames: Set<String> = ["mean", "sd", "se", "max", "budget", "expected_overrun", "total", "after", "closed_form"]
    static let moneyPrefixes = [
        "p05", "p50", "p90", "p95", "p99", "cvar", "demand_", "expected_", "base_", "reform_", "delta_", "mean_", "sd_", "controlled_",
    ]

    static func isMoney(_ name: String) -> Bool {
        if ["variance_ratio", "reform_title", "reform_source"].contains(name) { return false }
        if moneyNames.contains(name) || moneyPrefixes.contains(where: name.hasPrefix) { return true }
        // A year's column (totals.csv).
        return !name.isEmpty && name.count <= 4 && name.allSatisfy(\.isASCII) && name.allSatisfy(\.isNumber)
    }

    /// The header as shown: an amount's column names its unit, `mean (万元)`.
    func header(_ name: String, unit: String?) -> String {
        guard self == .money, let unit else { return name }
        return "\(name) (\(unit))"
    }
}

/// Widths that fit a column's text: a CJK character takes two columns' width, as in a terminal.
enum WorkbookWidth {
    static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
    }

    static func isWide(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
            0x20000...0x3FFFD:
            true
        default: false
        }
    }

    /// The width of a number as its format shows it: digits, separators, decimals.
    static func numberWidth(_ v: Double, _ kind: WorkbookColumn, decimals: Int) -> Int {
        let digits = String(Int(min(abs(v), 1e15).rounded(.down))).count
        switch kind {
        case .money: return digits + (digits - 1) / 3 + (decimals > 0 ? decimals + 1 : 0) + (v < 0 ? 1 : 0)
        case .share: return 7
        case .count: return digits + (digits - 1) / 3
        case .text, .plain: return min(String(v).count, 18)
        }
    }

    /// Excel's column width for text of this display width: a little padding, within bounds.
    static func columnWidth(_ display: Int) -> Double {
        Double(min(max(display + 2, 8), 60))
    }
}
