import CXLSXWriter
import CoFundEngine
import CoFundModel

/// The `Overview` and `Charts` sheets of `compare`'s workbook: each funder, the government total and
/// all funders by year — the baseline's and the reform's mean and p95, the change in the mean with its
/// 95% interval and the change in the p95 — as delta.csv's rows over all programs give them; then the
/// change in the mean by year per funder, and each funder's means and p95s, charted from those cells.
enum CompareOverviewSheet {
    static let labelColumns = ["kind", "id", "name", "statistic"]
    static let nameColumn = 2
    static let statisticColumn = 3
    static let statistics: [(key: String, label: String, value: @Sendable (PairedComparison.Row) -> Double)] = [
        ("base_mean", "base mean", { $0.base.mean }),
        ("reform_mean", "reform mean", { $0.reform.mean }),
        ("delta_mean", "change in mean", { $0.delta.mean }),
        ("delta_ci95_low", "change in mean, 95% low", { $0.interval95.lowerBound }),
        ("delta_ci95_high", "change in mean, 95% high", { $0.interval95.upperBound }),
        ("base_p95", "base p95", { $0.base.p95 }),
        ("reform_p95", "reform p95", { $0.reform.p95 }),
        ("delta_p95", "change in p95", { $0.p95Delta }),
    ]

    static func write(_ c: PairedComparison, to workbook: Workbook, styles: WorkbookStyles) throws(WorkbookError) {
        let s = c.base.scenario
        let unit = s.unit.label
        let sheet = try workbook.addSheet(OverviewSheet.name)
        let years = s.years.count
        let header = labelColumns + s.years.map(String.init) + ["total", "after"]
        var widths = header.map { WorkbookWidth.displayWidth($0) + 2 }
        for (col, h) in header.enumerated() { try sheet.write(text: h, row: 0, column: col, format: styles.header) }

        var byKey: [SeriesKey: PairedComparison.Row] = [:]
        var funders: [String?] = []
        for row in c.rows where row.key.program == nil && row.key.flow == .net {
            byKey[row.key] = row
            if !funders.contains(row.key.funder) { funders.append(row.key.funder) }
        }
        // The funders in delta.csv's order, all funders last.
        funders = funders.compactMap { $0 } + (funders.contains(nil) ? [nil] : [])
        let slots: [SeriesLayout.YearSlot] = (0..<years).map { .year($0) } + [.total, .after]
        var rowOf: [(id: String, rows: [String: Int])] = []
        var r = 1
        for f in funders {
            let kind = f == nil ? "all" : (f == Funder.governmentID ? "government" : "funder")
            var rows: [String: Int] = [:]
            for statistic in statistics {
                let labels = [kind, f ?? "all", Names.funder(f, c), "\(statistic.label) (\(unit))"]
                for (col, v) in labels.enumerated() {
                    try sheet.write(text: v, row: r, column: col)
                    widths[col] = max(widths[col], WorkbookWidth.displayWidth(CSVWriter.guarded(v)))
                }
                for (i, slot) in slots.enumerated() {
                    guard let row = byKey[SeriesKey(program: nil, funder: f, year: slot)] else { continue }
                    let v = statistic.value(row)
                    let col = labelColumns.count + i
                    try sheet.write(number: v, row: r, column: col, format: styles.money)
                    widths[col] = max(widths[col], WorkbookWidth.numberWidth(v, .money, decimals: WorkbookStyles.moneyDecimals(s.unit)))
                }
                rows[statistic.key] = r
                r += 1
            }
            if let f { rowOf.append((f, rows)) }
        }
        for (col, w) in widths.enumerated() { try sheet.setWidth(WorkbookWidth.columnWidth(w), column: col) }
        sheet.freeze(rows: 1, columns: 3)
        try sheet.autofilter(lastRow: r - 1, lastColumn: header.count - 1)
        guard years > 0 else { return }
        try charts(rowOf, years: labelColumns.count...(labelColumns.count + years - 1), unit: unit, to: workbook)
    }

    private static func charts(_ funders: [(id: String, rows: [String: Int])], years: ClosedRange<Int>, unit: String, to workbook: Workbook)
        throws(WorkbookError)
    {
        let sheet = try workbook.addSheet(WorkbookCharts.name)
        let overview = OverviewSheet.name
        var placed = 0
        func place(_ chart: Chart) throws(WorkbookError) {
            try sheet.insert(chart, row: (placed / 2) * WorkbookCharts.rowsPerChart, column: (placed % 2) * WorkbookCharts.columnsPerChart)
            placed += 1
        }
        let paying = funders.filter { $0.id != Funder.governmentID }
        if !paying.isEmpty {
            let change = try workbook.addChart(LXW_CHART_COLUMN)
            for funder in paying {
                guard let row = funder.rows["delta_mean"] else { continue }
                try change.addSeries(sheet: overview, categoriesRow: 0, valuesRow: row, columns: years, nameColumn: nameColumn)
            }
            change.title("Change in expected exposure by year and funder (\(unit))")
            change.axisTitles(x: "year", y: "change in mean (\(unit))")
            change.legendAtBottom()
            try place(change)
        }
        for funder in funders {
            let line = try workbook.addChart(LXW_CHART_LINE)
            for key in ["base_mean", "reform_mean", "base_p95", "reform_p95"] {
                guard let row = funder.rows[key] else { continue }
                try line.addSeries(sheet: overview, categoriesRow: 0, valuesRow: row, columns: years, nameColumn: statisticColumn)
            }
            guard let first = funder.rows["base_mean"] else { continue }
            line.title(sheet: overview, row: first, column: nameColumn)
            line.axisTitles(x: "year", y: unit)
            line.legendAtBottom()
            try place(line)
        }
    }
}
