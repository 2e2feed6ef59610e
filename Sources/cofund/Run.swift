import ArgumentParser
import CoFundEngine
import CoFundModel
import CoFundReport
import Foundation

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate a scenario and report each funder's exposure per program and year.",
        discussion: """
            Writes summary.csv, totals.csv and manifest.json to the output directory and prints each \
            funder's exposure by year. Without a file, runs the built-in Jinan portfolio.
            """)

    @Argument(help: "The scenario file (YAML); the built-in Jinan portfolio when omitted.")
    var file: String?

    @Option(help: "Monte Carlo paths (default: the scenario's `paths`).")
    var paths: Int?

    @Option(help: "Random seed (default: the scenario's `seed`). The same seed gives the same results on any thread count.")
    var seed: UInt64?

    @Option(help: "Worker threads (default: the number of cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("out"), help: "The run directory to write (default: runs/SCENARIO-ID).")
    var out: String?

    @Option(name: .customLong("target-se"), help: "Add paths until every reported mean's relative standard error is below this (e.g. 0.005).")
    var targetSE: Double?

    @Option(name: .customLong("max-paths"), help: "The most paths --target-se may use.")
    var maxPaths: Int = 1_000_000

    @Flag(help: "Start CSV files with a byte-order mark so that Excel shows Chinese names intact.")
    var excel = false

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func validate() throws {
        if let paths, !(1...SimulationLimits.maxPaths).contains(paths) {
            throw ValidationError("--paths must be from 1 to \(SimulationLimits.maxPaths)")
        }
        guard (1...256).contains(threads) else { throw ValidationError("--threads must be from 1 to 256") }
        if let targetSE, !(targetSE > 0 && targetSE < 1) { throw ValidationError("--target-se must be between 0 and 1, e.g. 0.005") }
        guard (1...SimulationLimits.maxPaths).contains(maxPaths) else { throw ValidationError("--max-paths must be from 1 to \(SimulationLimits.maxPaths)") }
    }

    func run() async throws {
        let input = try ScenarioInput.load(file)
        let s = input.scenario
        let plan = SimulationPlan(s)
        let n = paths ?? s.paths
        let ceiling = targetSE == nil ? n : max(n, maxPaths)
        if let refusal = SimulationLimits.refusal(plan, paths: ceiling) { throw CommandFailure(refusal) }
        let progress = quiet ? nil : ProgressLine.make()
        let options = SimulationOptions(
            paths: n, seed: seed ?? s.seed, threads: threads, targetRelativeSE: targetSE,
            maxPaths: max(n, maxPaths), progress: progress?.update)
        let result = await Simulation.run(plan, options: options)
        progress?.finish()
        let dir = out ?? "runs/\(s.id)"
        do {
            try RunDirectory(path: dir).write(RunReport.files(result, scenarioFile: input.file, scenarioSHA256: input.sha256, excel: excel))
        } catch {
            throw CommandFailure(error.description)
        }
        print(ExposureTable.render(result))
        print("\nWrote \(dir)/: summary.csv, totals.csv, assumptions.csv and manifest.json (\(Formatting.trimmed((result.wallSeconds * 10).rounded() / 10)) s).")
    }
}
