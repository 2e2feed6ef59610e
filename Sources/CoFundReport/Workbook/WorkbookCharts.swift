import CXLSXWriter
import CoFundEngine
import CoFundModel

/// The `Charts` sheet: native Excel charts drawn from the Overview sheet's cells — the expected
/// exposure by year stacked by funder, and each funder's (and the government total's) p05, p50 and
/// p95 by year.
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

        let paying = layout.funders.filter { $0.id != Funder.governmentID }
        if !paying.isEmpty {
            let stacked = try workbook.addChart(LXW_CHART_COLUMN_STACKED)
            for funder in paying {
                guard let row = funder.rows["mean"] else { continue }
                try stacked.addSeries(
                    sheet: overview, categoriesRow: 0, valuesRow: row, columns: layout.years, nameColumn: OverviewSheet.nameColumn)
            }
            stacked.title("Expected exposure by year and funder (\(unit))")
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
