import CXLSXWriter
import CoFundEngine
import CoFundModel

/// The `Charts` sheet: native Excel charts drawn from the Overview sheet's cells — the expected
/// exposure by year stacked by funder (the fiscal funders, then those that are not fiscal), and each
/// funder's (and the government total's) p05, p50 and p95 by year.
enum WorkbookCharts {
    static let name = "Charts"
    /// Excel's default chart (480 × 288 pixels) covers about 8 columns and 15 rows.
    static let columnsPerChart = 9
    static let rowsPerChart = 16

    static func write(_ r: SimulationResult, layout: OverviewSheet.Layout, to workbook: Workbook) throws(WorkbookError) {
        let sheet = try workbook.addSheet(name)
        let overview = OverviewSheet.name
        let unit = r.scenario.unit.label
        var placed = 0
        func place(_ chart: Chart) throws(WorkbookError) {
            try sheet.insert(chart, row: (placed / 2) * rowsPerChart, column: (placed % 2) * columnsPerChart)
            placed += 1
        }

        // As in report.html: the fiscal funders stacked, so that each bar is the government total; the
        // funders that are not fiscal (the banks) stacked in a chart of their own.
        let paying = layout.funders.filter { $0.id != Funder.governmentID }
        let fiscal = paying.filter { r.scenario.funder($0.id)?.fiscal ?? true }
        let others = paying.filter { !(r.scenario.funder($0.id)?.fiscal ?? true) }
        for (group, title) in [
            (fiscal, "Expected exposure by year: the government total by funder (\(unit))"),
            (others, "Expected exposure by year of the funders that are not fiscal (\(unit))"),
        ] where !group.isEmpty {
            let stacked = try workbook.addChart(LXW_CHART_COLUMN_STACKED)
            for funder in group {
                guard let row = funder.rows["mean"] else { continue }
                try stacked.addSeries(
                    sheet: overview, categoriesRow: 0, valuesRow: row, columns: layout.years, nameColumn: OverviewSheet.nameColumn)
            }
            stacked.title(title)
            stacked.axisTitles(x: "year", y: "mean (\(unit))")
            stacked.legendAtBottom()
            try place(stacked)
        }

        for funder in layout.funders {
            let line = try workbook.addChart(LXW_CHART_LINE)
            for statistic in ["p05", "p50", "p95"] {
                guard let row = funder.rows[statistic] else { continue }
                try line.addSeries(
                    sheet: overview, categoriesRow: 0, valuesRow: row, columns: layout.years, nameColumn: OverviewSheet.statisticColumn)
            }
            guard let first = funder.rows["p05"] else { continue }
            line.title(sheet: overview, row: first, column: OverviewSheet.nameColumn)
            line.axisTitles(x: "year", y: unit)
            line.legendAtBottom()
            try place(line)
        }
    }
}
