import ArgumentParser
import CoFundEngine
import CoFundModel
import CoFundReport
import Foundation

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate a scenario and report each funder's exposure per program and year.",
        discussion: """
            Writes summary.csv, totals.csv, assumptions.csv and manifest.json to the output directory \
            and prints each funder's exposure by year. Without a file, runs the built-in Jinan portfolio.
            """)

    @Argument(help: "The scenario file (YAML); the built-in Jinan portfolio when omitted.")
    var file: String?

    @OptionGroup var simulation: SimulationFlags
    @OptionGroup var reform: ReformFlags

    @Option(name: .customLong("out"), help: "The run directory to write (default: runs/SCENARIO-ID).")
    var out: String?

    @Option(name: .customLong("target-se"), help: "Add paths until every reported mean's relative standard error is below this (e.g. 0.005).")
    var targetSE: Double?

    @Option(name: .customLong("max-paths"), help: "The most paths --target-se may use.")
    var maxPaths: Int = 1_000_000

    func validate() throws {
        if let targetSE, !(targetSE > 0 && targetSE < 1) { throw ValidationError("--target-se must be between 0 and 1, e.g. 0.005") }
        guard (1...SimulationLimits.maxPaths).contains(maxPaths) else { throw ValidationError("--max-paths must be from 1 to \(SimulationLimits.maxPaths)") }
    }

    func run() async throws {
        let input = try ScenarioInput.load(file).reformed(reform)
        let (plan, options) = try simulation.options(input, maxPaths: targetSE == nil ? nil : maxPaths, targetSE: targetSE)
        let result = await Simulation.run(plan, options: options)
        ProgressLine.clear(simulation.quiet)
        let dir = out ?? "runs/\(input.scenario.id)"
        let changes = input.changes.map(\.description)
        try write(dir, RunReport.files(result, scenarioFile: input.file, scenarioSHA256: input.sha256, reforms: changes, excel: simulation.excel))
        if !changes.isEmpty { print("Reformed: " + changes.joined(separator: "; ") + "\n") }
        print(ExposureTable.render(result))
        print("\nWrote \(dir)/: summary.csv, totals.csv, assumptions.csv and manifest.json (\(Formatting.trimmed((result.wallSeconds * 10).rounded() / 10)) s).")
    }
}

/// Writes a run directory, or fails with the reason.
func write(_ dir: String, _ files: [(name: String, text: String)]) throws {
    do {
        try RunDirectory(path: dir).write(files)
    } catch {
        throw CommandFailure(error.description)
    }
}
