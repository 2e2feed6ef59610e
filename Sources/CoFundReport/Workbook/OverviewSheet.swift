import CoFundEngine
import CoFundModel

/// The `Overview` sheet: each paying funder, the government total and all funders by year — mean,
/// p05, p50, p95 and CVaR95 — then each budget line by year: its amount, the demand on it, the chance
/// of exceeding it and the expected excess. The figures are the result's, as summary.csv, totals.csv
/// and budgets.csv give them; one row per figure, one column per year, so that the charts can point
/// at its rows.
enum OverviewSheet {
    static let name = "Overview"
    static let labelColumns = ["kind", "id", "name", "funder", "level", "statistic"]
    static let nameColumn = 2
    static let statisticColumn = 5
    static let statistics = ["mean", "p05", "p50", "p95", "cvar95"]

    /// Where the figures are, for the charts.
    struct Layout {
        /// The columns of the horizon's years; the header row (0) names them.
        var years: ClosedRange<Int>
        /// Each funder's rows by statistic, the funders in the scenario's order, then `government`.
        var funders: [(id: String, rows: [String: Int])]
    }

    static func write(_ r: SimulationResult, to workbook: Workbook, styles: WorkbookStyles) throws(WorkbookError) -> Layout {
        let s = r.scenario
        let sheet = try workbook.addSheet(name)
        let unit = s.unit.label
        let yearCount = s.years.count
        let header = labelColumns + s.years.map(String.init) + ["total", "after"]
        var widths = header.map { WorkbookWidth.displayWidth($0) + 2 }
        for (c, h) in header.enumerated() { try sheet.write(text: h, row: 0, column: c, format: styles.header) }
        var row = 1
        func labels(_ values: [String]) throws(WorkbookError) {
            for (c, v) in values.enumerated() {
                try sheet.write(text: v, row: row, column: c)
                widths[c] = max(widths[c], WorkbookWidth.displayWidth(CSVWriter.guarded(v)))
            }
        }
        func figure(_ v: Double?, column: Int, _ kind: WorkbookColumn) throws(WorkbookError) {
            guard let v else { return }
            try sheet.write(number: v, row: row, column: column, format: styles.format(kind))
            widths[column] = max(widths[column], WorkbookWidth.numberWidth(v, kind, decimals: WorkbookStyles.moneyDecimals(s.unit)))
        }

        var layout = Layout(years: labelColumns.count...(labelColumns.count + yearCount - 1), funders: [])
        let slots: [SeriesLayout.YearSlot] = (0..<yearCount).map { .year($0) } + [.total, .after]
        let government = r.plan.layout.hasGovernment ? [Funder.governmentID] : []
        for f in r.plan.layout.funders + government + [nil] as [String?] {
            let kind = f == nil ? "all" : (f == Funder.governmentID ? "government" : "funder")
            var rows: [String: Int] = [:]
            for statistic in statistics {
                try labels([
                    kind, f ?? "all", s.reportedFunderName(f), f ?? "all", f.flatMap { s.funder($0)?.level.rawValue } ?? "", "\(statistic) (\(unit))",
                ])
                for (i, slot) in slots.enumerated() {
                    try figure(r.statistics(program: nil, funder: f, year: slot).map { pick(statistic, $0) }, column: labelColumns.count + i, .money)
                }
                rows[statistic] = row
                row += 1
            }
            if let f { layout.funders.append((f, rows)) }
        }

        for (l, line) in r.plan.lines.enumerated() {
            let byYear = Dictionary(r.plan.budgetGroups[l].map { (r.plan.budgetCells[$0].year, r.budgets[$0]) }, uniquingKeysWith: { a, _ in a })
            let horizon = r.lineBudgets[l]
            let figures: [(String, WorkbookColumn, (BudgetStatistics) -> Double)] = [
                ("budget (\(unit))", .money, \.budget), ("demand mean (\(unit))", .money, { $0.demand.mean }),
                ("demand p95 (\(unit))", .money, { $0.demand.p95 }), ("p_over", .share, \.probabilityOver),
                ("expected_excess (\(unit))", .money, \.expectedExcess),
            ]
            for (statistic, kind, value) in figures {
                try labels(["budget line", line.id, line.name, line.funder, s.funder(line.funder)?.level.rawValue ?? "", statistic])
                for y in 0..<yearCount { try figure(byYear[y].map(value), column: labelColumns.count + y, kind) }
                try figure(value(horizon), column: labelColumns.count + yearCount, kind)
                row += 1
            }
        }
        for (c, w) in widths.enumerated() { try sheet.setWidth(WorkbookWidth.columnWidth(w), column: c) }
        sheet.freeze(rows: 1, columns: 3)
        try sheet.autofilter(lastRow: row - 1, lastColumn: header.count - 1)
        return layout
    }

    static func pick(_ statistic: String, _ s: SeriesStatistics) -> Double {
        switch statistic {
        case "p05": s.p05
        case "p50": s.p50
        case "p95": s.p95
        case "cvar95": s.cvar95
        default: s.mean
        }
    }
}
