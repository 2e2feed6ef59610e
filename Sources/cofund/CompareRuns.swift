import ArgumentParser
import CoFundHistory

/// `cofund compare --run A --run B`: two recorded runs, read from the run history.
extension Compare {
    /// `ID` or `ID:ARM`.
    static func parseRun(_ s: String) -> (id: Int64, arm: String?)? {
        let parts = s.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard let id = Int64(parts[0]), id > 0 else { return nil }
        return (id, parts.count == 2 ? String(parts[1]) : nil)
    }

    /// Refuses `--run` with anything that starts a simulation.
    func checkRecordedRuns() throws {
        var mixed: [String] = []
        if let file { mixed.append(file) }
        if let other { mixed.append(other) }
        if !reform.reformFiles.isEmpty { mixed.append("--reform") }
        if !reform.assignments.isEmpty { mixed.append("--set") }
        if simulation.paths != nil { mixed.append("--paths") }
        if simulation.seed != nil { mixed.append("--seed") }
        if out != nil { mixed.append("--out") }
        if history.off { mixed.append("--no-history") }
        guard mixed.isEmpty else {
            throw CommandFailure(
                "compare --run compares two recorded runs and simulates nothing, so it takes no \(mixed.joined(separator: ", ")): "
                    + "give either --run A --run B alone, or a scenario with --reform/--set (or two scenario files)")
        }
        guard runs.count == 2 else {
            throw CommandFailure("give --run twice, the earlier run first: cofund compare --run A --run B (`cofund history` lists the runs)")
        }
        for r in runs where Self.parseRun(r) == nil {
            throw CommandFailure("--run \(r): write a run's id (see `cofund history`), or ID:ARM for one arm of a comparison or sweep")
        }
    }

    func compareRecordedRuns() throws {
        try checkRecordedRuns()
        if simulation.format == .json { throw CommandFailure("compare --run prints a table only (--format table)") }
        let location = history.location
        let sides = try runs.compactMap(Self.parseRun).map { id, arm in
            let record = try recordedRun(id, at: location)
            let arms = record.arms
            guard let arm = arm ?? (arms.count == 1 ? arms[0] : nil) else {
                throw CommandFailure(
                    "run \(id) is a \(record.run.kind.noun) with \(arms.count) arms: name one, e.g. --run \(id):\(arms.first ?? SummaryRow.runArm) "
                        + "(its arms: \(arms.joined(separator: " · ")))")
            }
            guard arms.contains(arm) else {
                throw CommandFailure("run \(id) has no arm \(arm); its arms: \(arms.joined(separator: " · "))")
            }
            return RunDiff.Side(record: record, arm: arm)
        }
        print(RunDiff(a: sides[0], b: sides[1]).rendered)
    }
}
