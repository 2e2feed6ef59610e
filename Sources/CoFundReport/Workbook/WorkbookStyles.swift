import CoFundModel

/// The cell formats of report.xlsx: a bold header row, amounts with thousands separators in the
/// scenario's unit, shares as percentages.
struct WorkbookStyles {
    let header: Workbook.Format
    let money: Workbook.Format
    let share: Workbook.Format
    let count: Workbook.Format
    let title: Workbook.Format

    init(_ workbook: Workbook, unit: Scenario.Unit) throws(WorkbookError) {
        header = try workbook.format(bold: true, headerBorder: true)
        // 万元 to the hundredth (100 元); 元 whole.
        money = try workbook.format(numberFormat: unit == .wan ? "#,##0.00" : "#,##0")
        share = try workbook.format(numberFormat: "0.0%")
        count = try workbook.format(numberFormat: "#,##0")
        title = try workbook.format(bold: true)
    }

    func format(_ kind: WorkbookColumn) -> Workbook.Format {
        switch kind {
        case .money: money
        case .share: share
        case .count: count
        case .text, .plain: .none
        }
    }

    /// Decimals the money format shows.
    static func moneyDecimals(_ unit: Scenario.Unit) -> Int { unit == .wan ? 2 : 0 }
}
