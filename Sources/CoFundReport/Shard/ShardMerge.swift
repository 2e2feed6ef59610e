import CoFundEngine
import CoFundModel
import Foundation

/// The shards of a run (`cofund run --shard i/n`) merged into the run: the same blocks merged in the
/// same order, so the report is the one a single run of all the paths writes.
///
/// Shards travel between machines, so nothing is merged until every file has been read and checked
/// (`PartialFile.read`) and the files are known to make exactly one whole run. The scenario is not
/// trusted to be at hand: it is rebuilt from the first shard's text and overrides.
public enum ShardMerge {
    /// Why shards were not merged; `description` is the message the user reads.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// A shard's file is missing or refused, or the shards do not make one whole run.
        case refused(String)
        /// The first shard's overrides no longer apply to its scenario.
        case reform(ScenarioIssues)

        public var description: String {
            switch self {
            case let .refused(message): message
            case let .reform(issues): issues.description
            }
        }
    }

    /// A merged run and the scenario it ran, reforms applied: what its report records.
    public struct Merged: Sendable {
        public var result: SimulationResult
        public var source: ScenarioSource
    }

    /// The shard file in a shard's run directory.
    public static func file(in directory: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent(PartialFile.name).path
    }

    /// Reads and checks the shard file of every directory (checksum, counts, values, scenario
    /// fingerprint), in the order given.
    public static func read(_ directories: [String]) throws(Failure) -> [PartialFile] {
        var parts: [PartialFile] = []
        for dir in directories {
            guard let data = FileManager.default.contents(atPath: file(in: dir)) else {
                throw .refused("\(dir) holds no \(PartialFile.name): write shards with `cofund run --shard i/n --out \(dir)`")
            }
            do { parts.append(try PartialFile.read(data, file: file(in: dir))) } catch { throw .refused(error.description) }
        }
        return parts
    }

    /// Merges `parts`, read from `directories` (the same order; at least one), into one run.
    ///
    /// - Throws: when the first shard's scenario no longer decodes or its overrides no longer apply,
    ///   its counts are not its scenario's, a shard belongs to another run, a shard is missing or
    ///   given twice, or the shards do not add up to the run's paths.
    public static func merge(_ parts: [PartialFile], directories: [String]) throws(Failure) -> Merged {
        let first = parts[0].header
        let firstFile = file(in: directories[0])
        let source: ScenarioSource
        do {
            let base = try ScenarioDecoder.decode(first.scenarioText, file: first.scenarioFile)
            source = ScenarioSource(scenario: base, file: first.scenarioFile, text: first.scenarioText, sha256: first.scenarioSHA256)
        } catch {
            let issue = error.issues.first.map { ": \($0)" } ?? ""
            throw .refused("the scenario embedded in \(firstFile) no longer decodes\(issue)")
        }
        let input: ScenarioSource
        do { input = try source.reformed(files: [], assignments: first.reforms) } catch { throw .reform(error) }
        let plan = SimulationPlan(input.scenario)
        // The merge indexes every shard's values by the plan's series and budget cells; the other
        // shards have the first's counts, or belong to another run.
        if let why = first.mismatch(with: plan) { throw .refused("\(firstFile): \(why)") }
        for (p, dir) in zip(parts, directories) where !p.header.sameRun(as: first) {
            throw .refused("\(dir) is a shard of another run (scenario, reforms, seed, paths or shard count differ from \(directories[0]))")
        }
        if let why = incompleteness(parts.map(\.header.shardIndex), count: first.shardCount) { throw .refused(why) }
        let ordered = parts.sorted { $0.header.shardIndex < $1.header.shardIndex }
        let options = SimulationOptions(paths: first.paths, seed: first.seed, threads: 1, blockSize: first.blockSize)
        guard let result = Simulation.merge(plan, options: options, shards: ordered.map(\.values), wallSeconds: 0),
            result.paths == first.paths
        else { throw .refused("the shards do not add up to \(first.paths) paths") }
        return Merged(result: result, source: input)
    }

    /// Why shards of indices `indices` (0-based) are not each of a run's `count` shards once, naming
    /// the shards missing and those given twice (1-based, as `--shard` names them); nil when they are.
    static func incompleteness(_ indices: [Int], count: Int) -> String? {
        let sorted = indices.sorted()
        guard sorted != Array(0..<count) else { return nil }
        let missing = Set(0..<count).subtracting(sorted).sorted().map { "\($0 + 1)/\(count)" }
        let twice = Dictionary(grouping: sorted, by: { $0 }).filter { $1.count > 1 }.keys.sorted().map { "\($0 + 1)/\(count)" }
        return "the shards do not make a whole run" + (missing.isEmpty ? "" : "; missing \(missing.joined(separator: ", "))")
            + (twice.isEmpty ? "" : "; given twice \(twice.joined(separator: ", "))")
    }
}
