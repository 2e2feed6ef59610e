import CGSL
import CoFundEngine
import CoFundModel
import XCTest

/// Builds scenarios from YAML and runs them, for the engine's tests.
enum EngineTest {
    /// A scenario with the given funders, programs and budget lines (YAML list items, indented by
    /// 2), years 2025 to 2025 + years − 1, claims simulated from `historyFrom` (the default when nil).
    static func scenario(
        funders: [String] = ["province", "city", "district", "bank"], years: Int = 1, historyFrom: Int? = nil, programs: String,
        lines: String? = nil, file: StaticString = #filePath, line: UInt = #line
    ) throws -> Scenario {
        try source(funders: funders, years: years, historyFrom: historyFrom, programs: programs, lines: lines, file: file, line: line).scenario
    }

    /// The scenario of `scenario(…)` with its text, as a command loads a file: reforms apply to it.
    static func source(
        funders: [String] = ["province", "city", "district", "bank"], years: Int = 1, historyFrom: Int? = nil, programs: String,
        lines: String? = nil, file: StaticString = #filePath, line: UInt = #line
    ) throws -> ScenarioSource {
        let fs = funders.map { "  - {id: \($0), name: \($0), level: \(level($0))}" }.joined(separator: "\n")
        let history = historyFrom.map { ", history_from: \($0)" } ?? ""
        let text = """
            scenario: {id: test, title: test, unit: wan, years: [2025, \(2025 + years - 1)]\(history), seed: 1, paths: 100}
            funders:
            \(fs)
            programs:
            \(programs)
            \(lines.map { "budget_lines:\n" + $0 } ?? "")
            """
        do {
            return ScenarioSource(scenario: try ScenarioDecoder.decode(text, file: "test.yaml"), file: "test.yaml", text: text, sha256: "")
        } catch {
            XCTFail("scenario does not decode: \(error)", file: file, line: line)
            throw error
        }
    }

    static func level(_ id: String) -> String {
        ["province", "city", "district", "bank"].contains(id) ? id : "other"
    }

    static func run(
        _ s: Scenario, paths: Int, seed: UInt64 = 20251122, threads: Int = 2, blockSize: Int = 256,
        held: [ParameterRef: Double] = [:]
    ) async throws -> SimulationResult {
        try await Simulation.run(
            SimulationPlan(s), options: SimulationOptions(paths: paths, seed: seed, threads: threads, blockSize: blockSize, heldParameters: held))
    }

    /// Sample mean and variance, and the standard error of the sample variance,
    /// √((m₄ − s⁴)/N), from the sample's fourth central moment.
    static func moments(_ x: [Double]) -> (mean: Double, variance: Double, seMean: Double, seVariance: Double) {
        let n = Double(x.count)
        let m = x.reduce(0, +) / n
        let v = x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)
        let m4 = x.reduce(0) { $0 + pow($1 - m, 4) } / n
        return (m, v, (v / n).squareRoot(), max((m4 - v * v) / n, 0).squareRoot())
    }

    /// Standard normal distribution function.
    static func phi(_ x: Double) -> Double { gsl_cdf_ugaussian_P(x) }
}

extension SimulationResult {
    /// Every path's values; fails the test (and gives none) when the run kept block summaries.
    var keptValues: PathValues {
        guard let run = keptPaths else {
            XCTFail("the run kept block summaries, not its paths")
            return PathValues(series: [])
        }
        return run.values
    }
}
