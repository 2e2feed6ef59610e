import CoFundEngine
import CoFundModel
import Foundation
import XCTest

/// A sweep's grid, and each point run as the scenario with the reforms and the point's values.
final class SweepAnalysisTests: XCTestCase {
    private static let text = """
        scenario: {id: sweep-test, title: sweep test, unit: wan, years: [2025, 2026], seed: 1, paths: 100}
        funders:
          - {id: province, name: province, level: province}
          - {id: city, name: city, level: city}
        programs:
          - {id: rd, name: rd, source: t, kind: rate, claims: {count: {dist: poisson, mean: 60}, approval: 0.8},
             base: {dist: lognormal, median: 500, p90: 3000}, rate: 0.025, cap_per_claim: 250, share: {province: 0.5, city: 0.5}}

        """

    private func source() throws -> ScenarioSource {
        ScenarioSource(
            scenario: try ScenarioDecoder.decode(Self.text, file: "sweep.yaml"), file: "sweep.yaml", text: Self.text,
            sha256: SHA256.hex(Array(Self.text.utf8)))
    }

    func testAnAxisSplitsAtTopLevelCommasOnlyAndTrims() {
        let a = SweepAnalysis.axis(" programs.rd.rate = 0.02, {dist: beta, mean: 0.5, sd: 0.1} ,, [1, 2]")
        XCTAssertEqual(a, SweepAnalysis.Axis(path: "programs.rd.rate", values: ["0.02", "{dist: beta, mean: 0.5, sd: 0.1}", "[1, 2]"]))
        XCTAssertNil(SweepAnalysis.axis("programs.rd.rate"))
        XCTAssertEqual(SweepAnalysis.axis("p=")?.values, [])
    }

    func testTheGridIsEveryPairFirstAxisOutermost() {
        let axes = [SweepAnalysis.Axis(path: "a", values: ["1", "2"]), SweepAnalysis.Axis(path: "b", values: ["x", "y", "z"])]
        XCTAssertEqual(SweepAnalysis.grid(axes), [["1", "x"], ["1", "y"], ["1", "z"], ["2", "x"], ["2", "y"], ["2", "z"]])
        XCTAssertEqual(SweepAnalysis.grid(Array(axes.prefix(1))), [["1"], ["2"]])
    }

    /// Each point equals a separate run of the scenario with the reform and the point's value set,
    /// on the same seed and paths; the reform is applied at every point.
    func testEachPointEqualsASeparateRunOfTheReformedScenario() async throws {
        let source = try source()
        let reforms = [try ReformLoader.parse(text: "programs.rd.rate: 0.03\n", file: "reform.yaml")]
        let axes = [SweepAnalysis.Axis(path: "programs.rd.cap_per_claim", values: ["100", "300"])]
        let request = SimulationRequest(paths: 300, seed: 5, threads: 2)
        let calls = Calls()
        let points = try await SweepAnalysis.run(
            source, reforms: reforms, axes: axes, request: request,
            progress: { @Sendable done, planned in calls.append(done, planned) })
        XCTAssertEqual(points.map(\.values), [["100"], ["300"]])
        XCTAssertEqual(calls.list.map(\.0), [1, 2])
        XCTAssertEqual(calls.list.map(\.1), [2, 2])
        for point in points {
            let reformed = try source.reformed(reforms + [try ReformLoader.parse(assignments: ["programs.rd.cap_per_claim=\(point.values[0])"])])
            let separate = try await Simulation.run(SimulationPlan(reformed.scenario), options: SimulationOptions(paths: 300, seed: 5, threads: 2))
            XCTAssertEqual(point.result.statistics, separate.statistics)
            XCTAssertEqual(point.result.paths, 300)
            let unreformed = try source.reformed([try ReformLoader.parse(assignments: ["programs.rd.cap_per_claim=\(point.values[0])"])])
            let without = try await Simulation.run(SimulationPlan(unreformed.scenario), options: SimulationOptions(paths: 300, seed: 5, threads: 2))
            XCTAssertNotEqual(point.result.statistics, without.statistics, "the reform file applies at every point")
        }
    }

    func testAPointWhosePathNamesNothingFailsWithTheReformsIssues() async throws {
        let axes = [SweepAnalysis.Axis(path: "programs.rd.cap_per_clam", values: ["100"])]
        do {
            _ = try await SweepAnalysis.run(try source(), reforms: [], axes: axes, request: SimulationRequest(paths: 10))
            XCTFail("the sweep ran")
        } catch {
            guard case let .reform(issues)? = error as? SweepAnalysis.Failure else { return XCTFail("\(error)") }
            XCTAssertTrue(issues.description.contains("cap_per_clam"), issues.description)
        }
    }

    func testAPointTooLargeForTheMemoryBoundIsRefused() async throws {
        let axes = [SweepAnalysis.Axis(path: "programs.rd.cap_per_claim", values: ["100"])]
        do {
            _ = try await SweepAnalysis.run(try source(), reforms: [], axes: axes, request: SimulationRequest(paths: 10, maxMemory: 1))
            XCTFail("the sweep ran")
        } catch {
            guard case let .refused(refusal)? = error as? SweepAnalysis.Failure else { return XCTFail("\(error)") }
            XCTAssertTrue(refusal.description.contains("memory"), refusal.description)
        }
    }
}

/// Progress calls, recorded from any thread.
private final class Calls: @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [(Int, Int)] = []

    func append(_ done: Int, _ planned: Int) {
        lock.lock()
        defer { lock.unlock() }
        calls.append((done, planned))
    }

    var list: [(Int, Int)] {
        lock.lock()
        defer { lock.unlock() }
        return calls
    }
}
