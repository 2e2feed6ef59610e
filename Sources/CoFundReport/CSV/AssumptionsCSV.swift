import CoFundModel

/// `assumptions.csv`: every program's source clause and each assumption its results depend on —
/// the numbers a scenario had to supply because the documents give rules, not volumes — with the
/// dates its text is in force and whether it runs on after them (`continue_after_expiry`).
public enum AssumptionsCSV {
    public static let columns = [
        "scenario", "program", "program_name", "kind", "source", "in_force_from", "in_force_until", "continues_after_expiry", "assumption",
    ]

    public static func render(_ s: Scenario, byteOrderMark: Bool = true) -> String {
        table(s, byteOrderMark: byteOrderMark).text
    }

    /// The records of `render`, typed: the table report.xlsx shows.
    public static func table(_ s: Scenario, byteOrderMark: Bool = true) -> CSVWriter {
        var csv = CSVWriter(byteOrderMark: byteOrderMark)
        csv.header(columns)
        for p in s.programs {
            for a in p.assumptions.isEmpty ? [""] : p.assumptions {
                let force = [
                    p.inForce?.from?.description ?? "", p.inForce?.until?.description ?? "",
                    p.continuesAfterExpiry ? "true" : "false",
                ]
                csv.row(([s.id, p.id, p.name, p.rule.kind, p.source] + force + [a]).map(CSVWriter.Cell.text))
            }
        }
        return csv
    }
}
