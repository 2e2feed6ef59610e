import ArgumentParser
import CoFundEngine
import CoFundHistory
import CoFundModel
import CoFundReport
import Foundation

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate a scenario and report each funder's exposure per program and year.",
        discussion: """
            Writes summary.csv, totals.csv, budgets.csv, contributions.csv, assumptions.csv, parameters.csv, checks.csv, manifest.json, report.html and \
            report.xlsx (the tables as an Excel workbook, with charts) to the output directory and prints each funder's exposure by year. Without a file, runs the built-in Jinan portfolio.
            """)

    @Argument(help: "The scenario file (YAML); the built-in Jinan portfolio when omitted.")
    var file: String?

    @OptionGroup var simulation: SimulationFlags
    @OptionGroup var reform: ReformFlags
    @OptionGroup var history: HistoryFlags

    @Option(name: .customLong("out"), help: "The run directory to write (default: runs/SCENARIO-ID).")
    var out: String?

    @Option(name: .customLong("target-se"), help: "Add paths until every reported mean's relative standard error is below this (e.g. 0.005).")
    var targetSE: Double?

    @Option(name: .customLong("max-paths"), help: "The most paths --target-se may use.")
    var maxPaths: Int = 1_000_000

    @Option(
        name: .customLong("explain-tail"),
        help: ArgumentHelp(
            "After the run, show which programs make the bad year of ID: each program's mean, CVaR95 contribution, share of CVaR95 and their ratio.",
            valueName: "FUNDER|government|LINE"))
    var explainTail: String?

    @Option(
        name: .customLong("importance"),
        help: ArgumentHelp(
            "After the run, simulate it again with importance sampling of ID's total over the horizon (its p95 and CVaR95 with intervals, beside the plain run's) and write importance.csv.",
            valueName: "FUNDER|government|all"))
    var importance: String?

    @Flag(
        help:
            "Draw the per-path inputs (uncertain parameters, uptake mixing, the years' factors) by Latin hypercube within each of the run's 20 batches of paths, and give the standard errors of means and of budget overruns from the batches (at least 400 paths)."
    )
    var stratify = false

    @Option(help: "Run only shard I of N (e.g. 3/8) and write a partial result for `cofund merge`.")
    var shard: String?

    /// `I/N` → 0-based shard.
    var parsedShard: Shard? {
        guard let shard, let slash = shard.firstIndex(of: "/"),
            let i = Int(shard[..<slash]), let n = Int(shard[shard.index(after: slash)...]),
            (1...10_000).contains(n), (1...n).contains(i)
        else { return nil }
        return Shard(index: i - 1, count: n)
    }

    func validate() throws {
        if stratify {
            guard shard == nil else {
                throw ValidationError("--stratify cannot be used with --shard: a shard's paths are not whole batches of the run")
            }
            guard targetSE == nil else {
                throw ValidationError(
                    "--stratify cannot be used with --target-se: the batches are cut from the number of paths, which --target-se changes")
            }
        }
        if let targetSE, !(targetSE > 0 && targetSE < 1) { throw ValidationError("--target-se must be between 0 and 1, e.g. 0.005") }
        guard (1...SimulationLimits.maxPaths).contains(maxPaths) else {
            throw ValidationError("--max-paths must be from 1 to \(SimulationLimits.maxPaths)")
        }
        if shard != nil {
            guard parsedShard != nil else { throw ValidationError("--shard takes I/N with 1 ≤ I ≤ N ≤ 10000, e.g. 3/8") }
            guard targetSE == nil else { throw ValidationError("--target-se cannot be used with --shard: every shard needs the same total of paths") }
            guard explainTail == nil else { throw ValidationError("--explain-tail cannot be used with --shard: a shard has no whole run to explain") }
            guard importance == nil else {
                throw ValidationError("--importance cannot be used with --shard: a shard has no whole run to sample again")
            }
        }
    }

    func run() async throws {
        let input = try ScenarioInput.load(file).reformed(reform)
        var (plan, options) = try simulation.options(input, maxPaths: targetSE == nil ? nil : maxPaths, targetSE: targetSE)
        if stratify {
            let least = BatchMeans.batches * BatchMeans.minimumBatchSize
            guard options.paths >= least else {
                throw CommandFailure(
                    "--stratify needs at least \(least) paths (\(BatchMeans.batches) batches of \(BatchMeans.minimumBatchSize)); this run has \(options.paths)"
                )
            }
            guard SimulationLimits.keepsPathValues(plan, paths: options.paths) else {
                throw Self.needsPathValues("--stratify", paths: options.paths, plan, file: input.file, hint: "")
            }
            options.stratified = true
        }
        if let shard = parsedShard { return try await runShard(shard, input, plan, options) }
        if let explainTail, let refusal = TailTable.refusal(explainTail, plan, file: input.file) { throw CommandFailure(refusal) }
        if let importance, !ImportanceSampling.targets(plan).contains(importance) {
            let ids = ImportanceSampling.targets(plan)
            let hint = DidYouMean.suggestion(for: importance, among: ids).map { "; did you mean `\($0)`?" } ?? ""
            throw CommandFailure(
                "--importance: \(input.file) has no paying funder or total `\(importance)`\(hint) (one of: \(ids.joined(separator: ", ")))")
        }
        let ceiling = options.targetRelativeSE == nil ? options.paths : max(options.paths, options.maxPaths)
        if importance != nil, !SimulationLimits.keepsPathValues(plan, paths: ceiling) {
            throw Self.needsPathValues("--importance", paths: ceiling, plan, file: input.file, hint: " (--paths, and --max-paths with --target-se)")
        }
        let dir = out ?? "runs/\(input.scenario.id)"
        try preflight(dir)
        let result = try await Simulation.run(plan, options: options)
        ProgressLine.clear(simulation.quiet)
        let sampled = try await importanceSampling(result)
        let check = SelfCheck(result)
        let changes = input.changes.map(\.description)
        let output: (files: [(name: String, text: String)], binary: [(name: String, bytes: [UInt8])])
        do {
            output = try RunReport.directory(
                result, scenarioFile: input.file, scenarioSHA256: input.sha256, reforms: changes, reformFiles: input.reformFiles,
                byteOrderMark: simulation.csv.byteOrderMark, importance: sampled, check: check)
        } catch { throw CommandFailure("cannot make report.xlsx: \(error.description)") }
        try write(dir, output.files, binary: output.binary)
        history.record { .run(source: input, result: result, reforms: reform.given, directory: dir) }
        if simulation.format == .json {
            print(TerminalJSON.run(result, changes: changes, reformFiles: input.reformFiles, importance: sampled, check: check))
            return
        }
        if let cited = ReformText.cited(input.reformFiles) { print(cited) }
        if !changes.isEmpty { print("Reformed: " + changes.joined(separator: "; ") + "\n") }
        print(ExposureTable.render(result))
        if let explainTail { print("\n" + TailTable.render(result, id: explainTail)) }
        print("\n" + SelfCheckText.render(result, check))
        if let sampled { print("\n" + ImportanceText.render(result, sampled)) }
        print(
            "\nWrote \(dir)/: summary.csv, totals.csv, budgets.csv, contributions.csv, assumptions.csv, parameters.csv, checks.csv, \(sampled == nil ? "" : "importance.csv, ")manifest.json, report.html and report.xlsx (\(Formatting.trimmed((result.wallSeconds * 10).rounded() / 10)) s)."
        )
        if let reason = RiskContributions.unavailableReason(result) { print("contributions.csv has no rows: \(reason).") }
    }
}

extension Run {
    /// Runs one shard and writes its partial result.
    func runShard(_ shard: Shard, _ input: ScenarioSource, _ plan: SimulationPlan, _ options: SimulationOptions) async throws {
        let dir = out ?? "runs/\(input.scenario.id)-shard-\(shard.index + 1)-of-\(shard.count)"
        try preflight(dir)
        let values = try await Simulation.runShard(plan, options: options, shard: shard)
        ProgressLine.clear(simulation.quiet)
        let partial = PartialFile(shard: shard, of: input, plan: plan, options: options, values: values)
        let manifest = Manifest(shard: shard, of: input, options: options)
        try write(dir, [("manifest.json", manifest.json)], binary: [(PartialFile.name, partial.bytes)])
        let range = partial.header.firstPath..<partial.header.endPath
        print(
            "Shard \(shard.index + 1)/\(shard.count): paths \(range.lowerBound)–\(range.upperBound - 1) of \(options.paths), written to \(dir)/\(PartialFile.name)."
        )
        print("Merge all \(shard.count) shards with: cofund merge DIR_1 … DIR_\(shard.count) --out DIR")
    }
}

extension Run {
    /// The refusal of `flag` for a run of `paths` paths that would keep block summaries, not its paths.
    static func needsPathValues(_ flag: String, paths: Int, _ plan: SimulationPlan, file: String, hint: String) -> CommandFailure {
        CommandFailure(
            "\(flag) needs every path's values, and a run of \(paths) paths of \(file) would keep block summaries instead (more than \(SimulationLimits.exactValueLimit) values); use at most \(SimulationLimits.exactValueLimit / max(plan.valueCount, 1)) paths\(hint)"
        )
    }

    /// `--importance`'s second pass, or nil without the option.
    func importanceSampling(_ result: SimulationResult) async throws -> ImportanceSampling? {
        guard let importance else { return nil }
        if !simulation.quiet { FileHandle.standardError.write(Data("Importance sampling of \(importance)'s total…\n".utf8)) }
        guard let sampled = try await ImportanceSampling.run(result, target: importance) else {
            throw CommandFailure(
                "--importance needs every path's values, and this run of \(result.paths) paths kept block summaries instead (more than \(SimulationLimits.exactValueLimit) values); use fewer paths"
            )
        }
        return sampled
    }
}
