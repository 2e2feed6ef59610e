import Foundation

/// The `manifest` sheet: manifest.json's keys and values, one a row.
enum ManifestSheet {
    static func write(_ manifest: Manifest, to workbook: Workbook, styles: WorkbookStyles) throws(WorkbookError) {
        let sheet = try workbook.addSheet("manifest")
        try sheet.write(text: "key", row: 0, column: 0, format: styles.header)
        try sheet.write(text: "value", row: 0, column: 1, format: styles.header)
        var width = 12
        let rows = rows(manifest)
        for (i, (key, value)) in rows.enumerated() {
            try sheet.write(text: key, row: i + 1, column: 0)
            switch value {
            case let .text(s):
                try sheet.write(text: s, row: i + 1, column: 1)
                width = max(width, WorkbookWidth.displayWidth(s))
            case let .number(v): try sheet.write(number: v, row: i + 1, column: 1)
            case .none: break
            }
        }
        try sheet.setWidth(22, column: 0)
        try sheet.setWidth(WorkbookWidth.columnWidth(width), column: 1)
        sheet.freeze(rows: 1)
        try sheet.autofilter(lastRow: rows.count, lastColumn: 1)
    }

    enum Value {
        case text(String)
        case number(Double)
        case none
    }

    /// manifest.json's keys, in the order of `Manifest`'s fields; the reforms joined by `; `, and the
    /// reform files as `TITLE (SOURCE) — FILE` joined by `; `.
    static func rows(_ m: Manifest) -> [(String, Value)] {
        func text(_ s: String?) -> Value { s.map(Value.text) ?? .none }
        func number(_ v: Double?) -> Value { v.map(Value.number) ?? .none }
        return [
            ("cofund_version", text(m.cofundVersion)), ("scenario_id", text(m.scenarioID)), ("scenario_title", text(m.scenarioTitle)),
            ("scenario_file", text(m.scenarioFile)), ("scenario_sha256", text(m.scenarioSHA256)), ("unit", text(m.unit)),
            ("first_year", number(Double(m.firstYear))), ("last_year", number(Double(m.lastYear))),
            ("history_from", number(m.historyFrom.map(Double.init))),
            // A seed may exceed 2^53, which a spreadsheet number cannot hold exactly.
            ("seed", text(String(m.seed))), ("paths", number(Double(m.paths))), ("threads", number(Double(m.threads))),
            ("block_size", number(Double(m.blockSize))), ("wall_seconds", number(m.wallSeconds)),
            ("target_relative_se", number(m.targetRelativeSE)), ("converged", text(m.converged.map { $0 ? "true" : "false" })),
            ("stratified", text((m.stratified ?? false) ? "true" : "false")),
            ("reforms", text(m.reforms.joined(separator: "; "))), ("shard", text(m.shard)), ("compared_file", text(m.comparedFile)),
            ("compared_sha256", text(m.comparedSHA256)),
            ("reform_files", text((m.reformFiles ?? []).map(\.description).joined(separator: "; "))),
        ]
    }
}
