import ArgumentParser
import CoFundEngine
import CoFundModel
import CoFundReport
import Foundation

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

    @Flag(help: "Start CSV files with a byte-order mark so that Excel shows Chinese names intact.")
    var excel = false

    func run() async throws {
        guard !shardDirectories.isEmpty else { throw ValidationError("name the shards' run directories") }
        try preflight(out)
        // Every file is read and checked (checksum, counts, values, scenario fingerprint) before any is merged.
        var parts: [PartialFile] = []
        for dir in shardDirectories {
            guard let data = FileManager.default.contents(atPath: Self.partialFile(dir)) else {
                throw CommandFailure("\(dir) holds no \(PartialFile.name): write shards with `cofund run --shard i/n --out \(dir)`")
            }
            do { parts.append(try PartialFile.read(data, file: Self.partialFile(dir))) } catch { throw CommandFailure(error.description) }
        }
        let first = parts[0].header
        // The scenario the shards ran, rebuilt from the first shard's text and reforms.
        let base: Scenario
        do { base = try ScenarioDecoder.decode(first.scenarioText, file: first.scenarioFile) } catch {
            let issue = error.issues.first.map { ": \($0)" } ?? ""
            throw CommandFailure("the scenario embedded in \(Self.partialFile(shardDirectories[0])) no longer decodes\(issue)")
        }
        var input = ScenarioInput(scenario: base, file: first.scenarioFile, text: first.scenarioText, sha256: first.scenarioSHA256)
        input = try input.reformed(files: [], assignments: first.reforms)
        let plan = SimulationPlan(input.scenario)
        // The merge indexes every shard's values by the plan's series and budget cells; the other
        // shards have the first's counts, or belong to another run.
        if let why = first.mismatch(with: plan) { throw CommandFailure("\(Self.partialFile(shardDirectories[0])): \(why)") }
        for (p, dir) in zip(parts, shardDirectories) where !p.header.sameRun(as: first) {
            throw CommandFailure("\(dir) is a shard of another run (scenario, reforms, seed, paths or shard count differ from \(shardDirectories[0]))")
        }
        let indices = parts.map(\.header.shardIndex).sorted()
        guard indices == Array(0..<first.shardCount) else {
            let missing = Set(0..<first.shardCount).subtracting(indices).sorted().map { "\($0 + 1)/\(first.shardCount)" }
            let twice = Dictionary(grouping: indices, by: { $0 }).filter { $1.count > 1 }.keys.sorted().map { "\($0 + 1)/\(first.shardCount)" }
            throw CommandFailure("the shards do not make a whole run" + (missing.isEmpty ? "" : "; missing \(missing.joined(separator: ", "))")
                                 + (twice.isEmpty ? "" : "; given twice \(twice.joined(separator: ", "))"))
        }
        parts.sort { $0.header.shardIndex < $1.header.shardIndex }
        let options = SimulationOptions(paths: first.paths, seed: first.seed, threads: 1, blockSize: first.blockSize)
        guard let result = Simulation.merge(plan, options: options, shards: parts.map(\.values), wallSeconds: 0),
              result.paths == first.paths
        else { throw CommandFailure("the shards do not add up to \(first.paths) paths") }
        try write(out, RunReport.files(result, scenarioFile: input.file, scenarioSHA256: input.sha256,
                                       reforms: input.changes.map(\.description), excel: excel))
        print(ExposureTable.render(result))
        print("\nMerged \(parts.count) shards into \(out)/: summary.csv, totals.csv, assumptions.csv, manifest.json and report.html.")
    }

    /// The shard file in a shard's run directory.
    static func partialFile(_ dir: String) -> String {
        URL(fileURLWithPath: dir).appendingPathComponent(PartialFile.name).path
    }
}
