import CXLSXWriter
import Foundation

/// A thin, checked wrapper over libxlsxwriter: every call that reports an `lxw_error` is checked,
/// and text goes into cells only as strings (never as formulas).
///
/// libxlsxwriter writes a workbook to a file name. `Workbook.bytes` gives it a file in a fresh
/// temporary directory of its own, reads the bytes back and deletes that file and directory, so that
/// the workbook reaches a run directory as every other file does: through `RunDirectory.write`.
final class Workbook {
    typealias Failure = WorkbookError

    /// Cell formats: made once per workbook, shared by its sheets.
    struct Format {
        fileprivate let handle: UnsafeMutablePointer<lxw_format>?
        static var none: Format { Format(handle: nil) }
    }

    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private var tmpdir: UnsafeMutablePointer<CChar>?

    private init(path: String, tmpdir: String) throws(Failure) {
        self.tmpdir = strdup(tmpdir)
        var options = lxw_workbook_options(constant_memory: 0, tmpdir: self.tmpdir, use_zip64: 0)
        guard let handle = workbook_new_opt(path, &options) else { throw Failure(description: "libxlsxwriter could not start a workbook") }
        self.handle = handle
    }

    deinit {
        // A workbook abandoned on an error is freed without being written.
        if let handle { lxw_workbook_free(handle) }
        free(tmpdir)
    }

    /// The bytes of the workbook that `build` makes.
    static func bytes(_ build: (Workbook) throws(Failure) -> Void) throws(Failure) -> [UInt8] {
        let base = NSTemporaryDirectory().isEmpty ? "/tmp" : NSTemporaryDirectory()
        var template = Array(URL(fileURLWithPath: base).appendingPathComponent("cofund-xlsx-XXXXXX").path.utf8CString)
        guard let made = mkdtemp(&template) else {
            throw Failure(description: "cannot make a temporary directory in \(base): \(String(cString: strerror(errno)))")
        }
        let directory = String(cString: made)
        let path = directory + "/report.xlsx"
        // Only what this function made goes: the file it wrote, then its own directory if empty.
        defer {
            if FileSystemEntry.kind(of: path) == .regularFile { unlink(path) }
            rmdir(directory)
        }
        let workbook = try Workbook(path: path, tmpdir: directory)
        try build(workbook)
        try workbook.close()
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure(description: "cannot read back the workbook \(path)") }
        return [UInt8](data)
    }

    private var live: UnsafeMutablePointer<lxw_workbook> {
        get throws(Failure) {
            guard let handle else { throw Failure(description: "the workbook is already closed") }
            return handle
        }
    }

    /// Writes the file; the workbook cannot be used after.
    private func close() throws(Failure) {
        let h = try live
        handle = nil
        try Self.check(workbook_close(h), "write the workbook")
    }

    /// The document's title and author, as File ▸ Info shows them (text, never evaluated).
    func setProperties(title: String, author: String) throws(Failure) {
        let h = try live
        let error = title.withCString { t in
            author.withCString { a in
                var properties = lxw_doc_properties()
                properties.title = UnsafeMutablePointer(mutating: t)
                properties.author = UnsafeMutablePointer(mutating: a)
                // libxlsxwriter copies the strings.
                return workbook_set_properties(h, &properties)
            }
        }
        try Self.check(error, "set the workbook's title")
    }

    func addSheet(_ name: String) throws(Failure) -> Worksheet {
        let h = try live
        try Self.check(workbook_validate_sheet_name(h, name), "name a sheet \(name)")
        guard let sheet = workbook_add_worksheet(h, name) else { throw Failure(description: "cannot add the sheet \(name)") }
        return Worksheet(handle: sheet, name: name)
    }

    func format(numberFormat: String? = nil, bold: Bool = false, headerBorder: Bool = false) throws(Failure) -> Format {
        guard let f = workbook_add_format(try live) else { throw Failure(description: "cannot add a cell format") }
        if let numberFormat { format_set_num_format(f, numberFormat) }
        if bold { format_set_bold(f) }
        if headerBorder {
            format_set_bottom(f, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_bg_color(f, 0xDDE6F0)
        }
        return Format(handle: f)
    }

    func addChart(_ type: lxw_chart_type) throws(Failure) -> Chart {
        guard let c = workbook_add_chart(try live, UInt8(type.rawValue)) else { throw Failure(description: "cannot add a chart") }
        return Chart(handle: c)
    }

    static func check(_ error: lxw_error, _ what: String) throws(Failure) {
        guard error != LXW_NO_ERROR else { return }
        throw Failure(description: "cannot \(what): \(String(cString: lxw_strerror(error)))")
    }
}

/// Why report.xlsx could not be made.
public struct WorkbookError: Error, CustomStringConvertible {
    public var description: String
}

/// A sheet of a `Workbook`: cells written as numbers or as guarded text.
struct Worksheet {
    let handle: UnsafeMutablePointer<lxw_worksheet>
    let name: String

    /// The most characters an Excel cell holds.
    static let maxTextLength = 32_767
    static let maxRows = Int(LXW_ROW_MAX)

    /// Text, neutralised as `CSVWriter` neutralises it (a leading `'` before `=`, `+`, `-`, `@`, TAB
    /// or CR), so that a cell copied or exported again cannot run as a formula.
    func write(text: String, row: Int, column: Int, format: Workbook.Format = .none) throws(Workbook.Failure) {
        var s = CSVWriter.guarded(text)
        // libxlsxwriter counts the limit in Unicode scalars.
        if s.unicodeScalars.count > Self.maxTextLength {
            s = String(String.UnicodeScalarView(s.unicodeScalars.prefix(Self.maxTextLength - 1))) + "…"
        }
        try Workbook.check(
            worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(column), s, format.handle), "write a cell of the sheet \(name)")
    }

    /// A number; a value that is not finite is left blank (Excel has no NaN or infinity).
    func write(number: Double, row: Int, column: Int, format: Workbook.Format = .none) throws(Workbook.Failure) {
        guard number.isFinite else { return }
        try Workbook.check(
            worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(column), number, format.handle), "write a cell of the sheet \(name)")
    }

    func setWidth(_ width: Double, column: Int) throws(Workbook.Failure) {
        try Workbook.check(
            worksheet_set_column(handle, lxw_col_t(column), lxw_col_t(column), width, nil), "set a column width of the sheet \(name)")
    }

    /// Keeps the first `rows` rows in view while scrolling.
    func freeze(rows: Int, columns: Int = 0) {
        worksheet_freeze_panes(handle, lxw_row_t(rows), lxw_col_t(columns))
    }

    func autofilter(lastRow: Int, lastColumn: Int) throws(Workbook.Failure) {
        try Workbook.check(worksheet_autofilter(handle, 0, 0, lxw_row_t(lastRow), lxw_col_t(lastColumn)), "add a filter to the sheet \(name)")
    }

    func insert(_ chart: Chart, row: Int, column: Int) throws(Workbook.Failure) {
        try Workbook.check(worksheet_insert_chart(handle, lxw_row_t(row), lxw_col_t(column), chart.handle), "place a chart on the sheet \(name)")
    }
}

/// A native Excel chart whose series are ranges of a sheet's cells.
struct Chart {
    let handle: UnsafeMutablePointer<lxw_chart>

    /// A row of `sheet` from `first` to `last` column as a series, named by the text in `nameColumn`
    /// of the same row (a cell reference, so that no name is ever read as a formula).
    func addSeries(
        sheet: String, categoriesRow: Int, valuesRow: Int, columns: ClosedRange<Int>, nameColumn: Int
    ) throws(Workbook.Failure) {
        guard let series = chart_add_series(handle, nil, nil) else { throw Workbook.Failure(description: "cannot add a chart series") }
        let first = lxw_col_t(columns.lowerBound), last = lxw_col_t(columns.upperBound)
        chart_series_set_categories(series, sheet, lxw_row_t(categoriesRow), first, lxw_row_t(categoriesRow), last)
        chart_series_set_values(series, sheet, lxw_row_t(valuesRow), first, lxw_row_t(valuesRow), last)
        chart_series_set_name_range(series, sheet, lxw_row_t(valuesRow), lxw_col_t(nameColumn))
    }

    /// A title of fixed words (cofund's own, never a scenario's text).
    func title(_ words: String) {
        chart_title_set_name(handle, words)
    }

    /// The title read from a cell: for names that come from a scenario.
    func title(sheet: String, row: Int, column: Int) {
        chart_title_set_name_range(handle, sheet, lxw_row_t(row), lxw_col_t(column))
    }

    func axisTitles(x: String, y: String) {
        chart_axis_set_name(chart_axis_get(handle, LXW_CHART_AXIS_TYPE_X), x)
        chart_axis_set_name(chart_axis_get(handle, LXW_CHART_AXIS_TYPE_Y), y)
    }

    func legendAtBottom() {
        chart_legend_set_position(handle, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
    }
}
