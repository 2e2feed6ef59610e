import CoFundModel

/// `parameters.csv`: every dated value of each parameter the scenario declares (`parameters:`), one
/// row a value: the dates it is in force (`until`, the last day, empty when open), the value (an
/// uncertain one's mean, with its `distribution`), the clause that sets it, the program fields
/// reading the parameter (`;`-separated) and the horizon years whose claims use the value
/// (`2025-2026`, runs `;`-separated; empty when no program's claims use it). A scenario without
/// parameters writes the header alone, so that the file is always there to open.
public enum ParametersCSV {
    public static let columns = [
        "parameter", "name", "unit", "from", "until", "value", "distribution", "source", "programs", "years_used",
    ]

    public static func render(_ s: Scenario, byteOrderMark: Bool = true) -> String {
        table(s, byteOrderMark: byteOrderMark).text
    }

    /// The records of `render`, typed: the table report.xlsx shows.
    public static func table(_ s: Scenario, byteOrderMark: Bool = true) -> CSVWriter {
        var csv = CSVWriter(byteOrderMark: byteOrderMark)
        csv.header(columns)
        for use in ParameterUse.all(s) {
            let p = use.parameter
            for v in use.values {
                csv.row(
                    [p.id, p.name, p.unit.rawValue, v.from.description, v.until?.description ?? ""].map(CSVWriter.Cell.text)
                        + [.number(ParameterUse.number(v.value))]
                        + [
                            ParameterUse.distribution(v.value), v.source, use.readers.joined(separator: ";"),
                            ParameterUse.years(v.yearsUsed, dash: "-", separator: ";"),
                        ].map(CSVWriter.Cell.text))
            }
        }
        return csv
    }
}
