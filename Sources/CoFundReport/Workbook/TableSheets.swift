import CoFundModel

/// A CSV file of a run directory as report.xlsx shows it: one sheet, named after the file, holding
/// the same records — text as text, numbers as numbers.
public struct WorkbookTable {
    public var file: String
    public var records: [[CSVWriter.Cell]]

    public init(file: String, records: [[CSVWriter.Cell]]) {
        self.file = file
        self.records = records
    }

    public init(file: String, _ writer: CSVWriter) {
        self.init(file: file, records: writer.records)
    }

    /// `summary.csv` → `summary`: within Excel's 31 characters, without the characters it refuses.
    var sheetName: String {
        let stem = file.hasSuffix(".csv") ? String(file.dropLast(4)) : file
        let allowed = stem.map { "[]:*?/\\".contains($0) ? "_" : $0 }
        return String(String(allowed).prefix(31))
    }

    var header: [String] {
        records.first?.map { cell in
            switch cell {
            case let .text(s), let .number(s): s
            }
        } ?? []
    }

    /// The unit the table's amounts are in, from its `unit` column.
    var unit: Scenario.Unit? {
        guard let column = header.firstIndex(of: "unit") else { return nil }
        for record in records.dropFirst() where column < record.count {
            if case let .text(s) = record[column], let unit = Scenario.Unit(rawValue: s) { return unit }
        }
        return nil
    }
}

/// Writes a `WorkbookTable` as a sheet: header row frozen and filtered, columns as wide as their
/// text (CJK counted double), amounts and shares formatted by `WorkbookColumn`.
enum TableSheets {
    static func write(_ table: WorkbookTable, to workbook: Workbook, styles: WorkbookStyles, unit: Scenario.Unit) throws(WorkbookError) {
        let sheet = try workbook.addSheet(table.sheetName)
        let header = table.header
        let tableUnit = table.unit ?? unit
        let kinds = header.map { WorkbookColumn.kind(of: $0, in: table.file, hasUnit: table.unit != nil) }
        var widths = [Int](repeating: 0, count: header.count)
        for (c, name) in header.enumerated() {
            let shown = kinds[c].header(name, unit: tableUnit.label)
            try sheet.write(text: shown, row: 0, column: c, format: styles.header)
            widths[c] = WorkbookWidth.displayWidth(shown) + 2  // room for the filter's button
        }
        let data = table.records.dropFirst()
        let fits = Worksheet.maxRows - 2
        for (i, record) in data.prefix(fits).enumerated() {
            for (c, cell) in record.enumerated() {
                let kind = c < kinds.count ? kinds[c] : .plain
                let width = try write(cell, sheet: sheet, row: i + 1, column: c, kind: kind, styles: styles, unit: tableUnit)
                if c < widths.count { widths[c] = max(widths[c], width) } else { widths.append(width) }
            }
        }
        if data.count > fits {
            try sheet.write(text: "… \(data.count - fits) more rows: see \(table.file)", row: fits + 1, column: 0)
        }
        for (c, w) in widths.enumerated() { try sheet.setWidth(WorkbookWidth.columnWidth(w), column: c) }
        sheet.freeze(rows: 1)
        if !header.isEmpty { try sheet.autofilter(lastRow: min(data.count, fits), lastColumn: header.count - 1) }
    }

    /// Writes one cell; returns its display width.
    private static func write(
        _ cell: CSVWriter.Cell, sheet: Worksheet, row: Int, column: Int, kind: WorkbookColumn, styles: WorkbookStyles, unit: Scenario.Unit
    ) throws(WorkbookError) -> Int {
        switch cell {
        case let .number(s) where s.isEmpty:
            return 0
        case let .number(s) where CSVWriter.isNumber(s):
            let v = Double(s) ?? .nan
            try sheet.write(number: v, row: row, column: column, format: styles.format(kind))
            return WorkbookWidth.numberWidth(v, kind, decimals: WorkbookStyles.moneyDecimals(unit))
        case let .number(s), let .text(s):
            try sheet.write(text: s, row: row, column: column)
            return WorkbookWidth.displayWidth(CSVWriter.guarded(s))
        }
    }
}
