import CoFundModel

/// `assumptions.csv`: every program's source clause and each assumption its results depend on —
/// the numbers a scenario had to supply because the documents give rules, not volumes.
public enum AssumptionsCSV {
    public static let columns = ["scenario", "program", "program_name", "kind", "source", "assumption"]

    public static func render(_ s: Scenario, excel: Bool = false) -> String {
        var csv = CSVWriter(byteOrderMark: excel)
        csv.header(columns)
        for p in s.programs {
            for a in p.assumptions.isEmpty ? [""] : p.assumptions {
                csv.row([s.id, p.id, p.name, p.rule.kind, p.source, a].map(CSVWriter.Cell.text))
            }
        }
        return csv.text
    }
}
