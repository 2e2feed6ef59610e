import CoFundModel

/// `changes.csv` of `cofund compare A.yaml B.yaml`: every value that differs between the two
/// scenarios (`ScenarioDiff`), one row per field: its path as a reform would write it, its value in
/// the base file and in the other (`(absent)` on the side that lacks it; a program, funder or
/// budget line present in one file only is one row at its path, with its name) and, for a field of
/// a parameter (`parameters.<id>…`), the programs reading the parameter in either file
/// (`;`-separated; empty for other fields).
public enum ChangesCSV {
    public static let columns = ["path", "base", "reform", "programs"]

    public static func render(_ diff: ScenarioDiff, byteOrderMark: Bool = true) -> String {
        table(diff, byteOrderMark: byteOrderMark).text
    }

    /// The records of `render`, typed: the table report.xlsx shows.
    public static func table(_ diff: ScenarioDiff, byteOrderMark: Bool = true) -> CSVWriter {
        var csv = CSVWriter(byteOrderMark: byteOrderMark)
        csv.header(columns)
        for f in diff.fields { csv.row([f.path, f.base, f.reform, diff.readers(ofPath: f.path).joined(separator: ";")].map(CSVWriter.Cell.text)) }
        return csv
    }
}
