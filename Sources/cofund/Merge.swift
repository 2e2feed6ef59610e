import ArgumentParser
import CoFundEngine
import CoFundHistory
import CoFundReport

struct Merge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge the shards of a run (`cofund run --shard i/n`) into one run directory.",
        discussion: """
            Every shard of the run must be given once, in any order. The merged report is the one a \
            single run of all the paths would write: the same blocks merged in the same order.
            """)

    @Argument(help: "The shards' run directories.")
    var shardDirectories: [String]

    @Option(name: .customLong("out"), help: "The run directory to write.")
    var out: String

    @OptionGroup var csv: CSVEncodingFlags

    @OptionGroup var history: HistoryFlags

    func run() async throws {
        guard !shardDirectories.isEmpty else { throw ValidationError("name the shards' run directories") }
        try preflight(out)
        let merged: ShardMerge.Merged
        do {
            merged = try ShardMerge.merge(try ShardMerge.read(shardDirectories), directories: shardDirectories)
        } catch {
            switch error {
            case let .refused(message): throw CommandFailure(message)
            case let .reform(issues): throw ScenarioInput.reformFailure(issues)
            }
        }
        let input = merged.source
        let output: (files: [(name: String, text: String)], binary: [(name: String, bytes: [UInt8])])
        do {
            output = try RunReport.directory(
                merged.result, scenarioFile: input.file, scenarioSHA256: input.sha256,
                reforms: input.changes.map(\.description), byteOrderMark: csv.byteOrderMark)
        } catch { throw CommandFailure("cannot make report.xlsx: \(error.description)") }
        try write(out, output.files, binary: output.binary)
        history.record { .run(.merge, source: input, result: merged.result, reforms: [], directory: out) }
        print(ExposureTable.render(merged.result))
        print(
            "\nMerged \(shardDirectories.count) shards into \(out)/: summary.csv, totals.csv, budgets.csv, contributions.csv, assumptions.csv, parameters.csv, checks.csv, manifest.json, report.html and report.xlsx."
        )
        if let reason = RiskContributions.unavailableReason(merged.result) { print("contributions.csv has no rows: \(reason).") }
    }
}
