import CoFundModel
import CoFundReport

/// Two recorded runs compared: what changed in their inputs, then each funder's change in the mean
/// by year with a 95% interval for independent runs.
public struct RunDiff: Sendable {
    /// A recorded run and the arm of it compared (`run` for a run or a merge).
    public struct Side: Sendable {
        public var record: RunRecord
        public var arm: String

        public init(record: RunRecord, arm: String) {
            self.record = record
            self.arm = arm
        }

        var id: Int64 { record.run.id ?? 0 }
        var name: String { arm == SummaryRow.runArm ? "run \(id)" : "run \(id) (\(arm))" }
        var rows: [SummaryRow] { record.summary.filter { $0.arm == arm && $0.isFunderTotal } }
    }

    public var a: Side
    public var b: Side

    public init(a: Side, b: Side) {
        self.a = a
        self.b = b
    }

    /// The multiple of the standard error that gives a two-sided 95% interval.
    public static let z95 = 1.959964

    /// One funder's change in one year slot: mean B − mean A and the half-width of its 95% interval,
    /// 1.96 · sqrt(se_A² + se_B²), the runs' random numbers being independent.
    public struct Change: Sendable, Equatable {
        public var funder: String
        public var year: String
        public var meanA: Double
        public var meanB: Double
        public var change: Double { meanB - meanA }
        public var halfWidth: Double

        public var interval: ClosedRange<Double> { (change - halfWidth)...(change + halfWidth) }
    }

    /// The funders' changes, for every funder and year slot both runs report, in run A's order.
    public var changes: [Change] {
        let byKey = Dictionary(b.rows.map { ("\($0.funder)\u{0}\($0.year)", $0) }, uniquingKeysWith: { first, _ in first })
        return a.rows.compactMap { ra in
            guard let rb = byKey["\(ra.funder)\u{0}\(ra.year)"] else { return nil }
            return Change(
                funder: ra.funder, year: ra.year, meanA: ra.mean, meanB: rb.mean, halfWidth: Self.z95 * (ra.se * ra.se + rb.se * rb.se).squareRoot())
        }
    }

    /// What changed in the inputs: the scenario texts line by line, then the settings and reforms.
    public var inputLines: [String] {
        let ra = a.record, rb = b.record
        var out: [String] = []
        let labelA = "\(a.name): \(ra.scenarioFile(arm: a.arm)) (\(ra.run.scenarioID))"
        let labelB = "\(b.name): \(rb.scenarioFile(arm: b.arm)) (\(rb.run.scenarioID))"
        if let diff = LineDiff.unified(ra.scenarioText(arm: a.arm), rb.scenarioText(arm: b.arm), labelA: labelA, labelB: labelB) {
            out.append("Scenario text, line by line:")
            out.append(diff)
        } else {
            out.append("Scenario text: the same in both runs (\(labelA); \(labelB)).")
        }
        func setting(_ name: String, _ x: String, _ y: String) {
            out.append(x == y ? "\(name): \(x) in both" : "\(name): \(x) → \(y)")
        }
        setting("kind", ra.run.kind.rawValue, rb.run.kind.rawValue)
        setting("seed", ra.run.seed, rb.run.seed)
        setting("paths", String(ra.run.paths), String(rb.run.paths))
        if ra.run.stratified || rb.run.stratified {
            setting("stratified", ra.run.stratified ? "yes" : "no", rb.run.stratified ? "yes" : "no")
        }
        setting("unit", ra.run.unit, rb.run.unit)
        setting("years", "\(ra.run.firstYear)–\(ra.run.lastYear)", "\(rb.run.firstYear)–\(rb.run.lastYear)")
        setting("cofund", ra.run.cofundVersion, rb.run.cofundVersion)
        let reformsA = Self.reforms(a), reformsB = Self.reforms(b)
        if reformsA == reformsB {
            out.append("reforms: " + (reformsA.isEmpty ? "none in either" : reformsA.joined(separator: "; ") + " in both"))
        } else {
            out.append("reforms:")
            let edits = LineDiff.edits(reformsA, reformsB)
            for e in edits {
                switch e {
                case let .same(l): out.append("   " + l)
                case let .removed(l): out.append(" - " + l)
                case let .added(l): out.append(" + " + l)
                }
            }
        }
        return out
    }

    /// The reforms a side ran with, as the command line gave them, with their overrides; a reform
    /// file's text changed between two runs shows as its fingerprint.
    static func reforms(_ side: Side) -> [String] {
        let record = side.record
        // The baseline of a comparison ran without the reforms.
        if side.arm == SummaryRow.baselineArm { return [] }
        var lines = record.reforms.filter { $0.kind != .sweep }.map { r in
            r.kind == .file ? "\(r.label) (sha256 \(String(SHA256.hex(Array(r.text.utf8)).prefix(12))))" : r.label
        }
        if record.run.kind == .sweep { lines.append("sweep point \(side.arm)") }
        if record.run.comparedFile == nil { lines += record.changes.map { "override \($0.description)" } }
        return lines
    }

    /// The whole comparison as `cofund compare --run A --run B` prints it.
    public var rendered: String {
        var out = ["Inputs: \(a.name) (\(a.record.run.recordedAt)) → \(b.name) (\(b.record.run.recordedAt))", ""]
        out += inputLines
        out.append("")
        let unitA = a.record.run.unit, unitB = b.record.run.unit
        guard unitA == unitB else {
            out.append("No change by funder: \(a.name) counts in \(unitA) and \(b.name) in \(unitB).")
            return TerminalText.escaped(out.joined(separator: "\n"), keepingLineBreaks: true)
        }
        let changes = changes
        guard !changes.isEmpty else {
            out.append("No change by funder: the two runs have no funder and year in common.")
            return TerminalText.escaped(out.joined(separator: "\n"), keepingLineBreaks: true)
        }
        let unit = Scenario.Unit(rawValue: unitA)?.label ?? unitA
        out.append("Change by funder and year, \(b.name) − \(a.name), in \(unit): the means, the change and its 95% interval.")
        out.append(
            "The runs are independent (their random numbers are not common): the interval is ±1.96·sqrt(se_A² + se_B²) from each run's "
                + "standard error of the mean, wider than that of a paired `cofund compare`. Runs with the same seed may share random numbers; "
                + "their interval is then wider than it need be.")
        out.append("")
        let years = RunRecord.yearOrder(a.rows.filter { r in changes.contains { $0.funder == r.funder && $0.year == r.year } })
        var funders: [String] = []
        for c in changes where !funders.contains(c.funder) { funders.append(c.funder) }
        var table = TextTable(header: ["funder", ""] + years, rightAligned: Set(2..<(years.count + 2)))
        let amount = { (v: Double) in Formatting.amount(v, decimals: 0) }
        for f in funders {
            let row = years.map { y in changes.first { $0.funder == f && $0.year == y } }
            table.add([f, a.name] + row.map { $0.map { amount($0.meanA) } ?? "" })
            table.add(["", b.name] + row.map { $0.map { amount($0.meanB) } ?? "" })
            table.add(["", "change"] + row.map { $0.map { ($0.change > 0 ? "+" : "") + amount($0.change) } ?? "" })
            table.add(["", "± 95%"] + row.map { $0.map { amount($0.halfWidth) } ?? "" })
        }
        out.append(table.rendered)
        let onlyA = Set(a.rows.map(\.funder)).subtracting(b.rows.map(\.funder)).sorted()
        let onlyB = Set(b.rows.map(\.funder)).subtracting(a.rows.map(\.funder)).sorted()
        if !onlyA.isEmpty { out.append("Only in \(a.name): \(onlyA.joined(separator: ", ")).") }
        if !onlyB.isEmpty { out.append("Only in \(b.name): \(onlyB.joined(separator: ", ")).") }
        return TerminalText.escaped(out.joined(separator: "\n"), keepingLineBreaks: true)
    }
}
