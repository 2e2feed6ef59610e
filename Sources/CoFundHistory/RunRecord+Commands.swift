import CoFundEngine
import CoFundModel
import CoFundReport
import Foundation

extension RunRecord {
    /// A run (or a merge of shards) of `source` that wrote `directory`.
    public static func run(
        _ kind: RecordedRun.Kind = .run, source: ScenarioSource, result r: SimulationResult, reforms: [ReformInput], directory: String,
        at time: Date = Date()
    ) -> RunRecord {
        RunRecord(
            run: RecordedRun(
                kind: kind, source: source, seed: r.options.seed, paths: r.paths, threads: r.options.threads,
                stratified: r.options.stratified, directory: directory,
                cofundVersion: CofundVersion.current, at: time),
            reforms: reforms, changes: source.changes.map(\.description), summary: SummaryRow.rows(r, arm: SummaryRow.runArm))
    }

    /// A comparison of `base` with `reformed` on common random numbers; `comparedFile` when the
    /// reform is a second whole scenario file (then `changes` are the two files' differences).
    public static func comparison(
        _ c: PairedComparison, base: ScenarioSource, reformed: ScenarioSource, comparedFile: Bool, reforms: [ReformInput],
        changes: [String], directory: String, at time: Date = Date()
    ) -> RunRecord {
        var run = RecordedRun(
            kind: .compare, source: base, seed: c.base.options.seed, paths: c.base.paths, threads: c.base.options.threads,
            directory: directory, cofundVersion: CofundVersion.current, at: time)
        if comparedFile {
            run.comparedFile = reformed.file
            run.comparedSHA256 = reformed.sha256
            run.comparedText = reformed.text
        }
        return RunRecord(
            run: run, reforms: reforms, changes: changes,
            summary: SummaryRow.rows(c.base, arm: SummaryRow.baselineArm) + SummaryRow.rows(c.reform, arm: SummaryRow.reformArm))
    }

    /// A sweep of `input` over `parameters`: each point is an arm named by its assignments
    /// (`parameters.rd_cap=150`), with the sums over programs.
    public static func sweep(
        _ points: [SweepAnalysis.Point], parameters: [String], input: ScenarioSource, reforms: [ReformInput], directory: String,
        at time: Date = Date()
    ) -> RunRecord {
        let first = points[0].result
        return RunRecord(
            run: RecordedRun(
                kind: .sweep, source: input, seed: first.options.seed, paths: first.paths, threads: first.options.threads,
                directory: directory, cofundVersion: CofundVersion.current, at: time),
            reforms: reforms, changes: input.changes.map(\.description),
            summary: points.flatMap { p in
                SummaryRow.rows(p.result, arm: zip(parameters, p.values).map { "\($0)=\($1)" }.joined(separator: ","), allProgramsOnly: true)
            })
    }
}
