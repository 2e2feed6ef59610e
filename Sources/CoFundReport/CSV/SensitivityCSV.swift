import CoFundEngine
import CoFundModel

/// `sensitivity.csv`: for each funder's horizon total and each budget line, every driver ranked by
/// how far it moves the total (a line: its chance of being exceeded) between its two ends — an
/// uncertain parameter at its p10 and p90, an assumption at −x and +x of its level (tornado data).
public enum SensitivityCSV {
    public static let columns = [
        "scenario", "scope", "id", "name", "rank", "program", "program_name", "field", "path", "setting", "distribution", "value_low",
        "value_high", "mean_at_low", "mean_at_high", "mean_swing", "p95_at_low", "p95_at_high", "p95_swing", "p_over_at_low",
        "p_over_at_high", "p_over_swing", "unit", "note",
    ]

    public static func render(_ swings: [SensitivityAnalysis.Swing], scenario s: Scenario, byteOrderMark: Bool = true) -> String {
        table(swings, scenario: s, byteOrderMark: byteOrderMark).text
    }

    /// The records of `render`, typed: the table report.xlsx shows.
    public static func table(_ swings: [SensitivityAnalysis.Swing], scenario s: Scenario, byteOrderMark: Bool = true) -> CSVWriter {
        var csv = CSVWriter(byteOrderMark: byteOrderMark)
        csv.header(columns)
        let digits = NumberText.decimals(for: s.unit)
        var rank: [String: Int] = [:]
        for w in swings {
            let key = "\(w.scope.rawValue) \(w.line.map(String.init) ?? w.id)"
            rank[key, default: 0] += 1
            let d = w.driver
            let name = SensitivityWords.scopeName(w, s)
            var cells: [CSVWriter.Cell] = [
                .text(s.id), .text(w.scope.rawValue), .text(w.id), .text(name), .number(String(rank[key] ?? 0)),
                .text(d.program ?? ""), .text(SensitivityWords.programName(d, s)), .text(d.field), .text(d.path), .text(d.setting),
                .text(d.distribution ?? ""), .fixed(d.lowValue, 6), .fixed(d.highValue, 6),
            ]
            func amount(_ v: Double?) -> CSVWriter.Cell { v.map { .fixed($0, digits) } ?? .empty }
            func chance(_ v: Double?) -> CSVWriter.Cell { v.map { .fixed($0, 6) } ?? .empty }
            cells += [amount(w.low?.mean), amount(w.high?.mean), amount(w.ran ? w.meanSwing : nil)]
            cells += [amount(w.low?.p95), amount(w.high?.p95), amount(w.ran ? w.p95Swing : nil)]
            cells += [chance(w.lowOver), chance(w.highOver), chance(w.ran && w.scope == .line ? w.overSwing : nil)]
            cells += [.text(s.unit.rawValue), .text(d.note ?? "")]
            csv.row(cells)
        }
        return csv
    }
}

/// `variance-split.csv`: how much of each total's variance the uncertain parameters explain.
public enum VarianceSplitCSV {
    public static let columns = [
        "scenario", "scope", "id", "name", "sd_total", "variance_parameters", "variance_chance", "share_parameters", "share_parameters_se",
        "unit",
    ]

    public static func render(_ parts: [VarianceSplit.Part], scenario s: Scenario, byteOrderMark: Bool = true) -> String {
        table(parts, scenario: s, byteOrderMark: byteOrderMark).text
    }

    /// The records of `render`, typed: the table report.xlsx shows.
    public static func table(_ parts: [VarianceSplit.Part], scenario s: Scenario, byteOrderMark: Bool = true) -> CSVWriter {
        var csv = CSVWriter(byteOrderMark: byteOrderMark)
        csv.header(columns)
        let digits = NumberText.decimals(for: s.unit)
        for p in parts {
            let name = SensitivityWords.scopeName(p.scope, p.id, p.line, s)
            let total = p.parameters + p.chance
            csv.row([
                .text(s.id), .text(p.scope.rawValue), .text(p.id), .text(name),
                total > 0 ? .fixed(total.squareRoot(), digits) : .fixed(0, digits),
                .fixed(p.parameters, 4), .fixed(p.chance, 4),
                p.share.map { .fixed($0, 6) } ?? .empty, p.shareSE.map { .fixed($0, 6) } ?? .empty, .text(s.unit.rawValue),
            ])
        }
        return csv
    }
}
