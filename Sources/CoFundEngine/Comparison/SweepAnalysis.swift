import CoFundModel
import Foundation

/// A scenario run over a grid of one or two parameters, every point on common random numbers (the
/// same seed and paths), so that the curve of exposure against the swept value is smooth.
///
/// Reforms apply to the scenario's text, so each point applies the reforms again to the scenario
/// as loaded, then its own values: a point is exactly the run of the scenario with those reforms
/// and those `--set` values.
public enum SweepAnalysis {
    /// One swept parameter: its path and its values, as written.
    public struct Axis: Sendable, Equatable {
        public var path: String
        public var values: [String]

        public init(path: String, values: [String]) {
            self.path = path
            self.values = values
        }
    }

    /// One point of the grid: the values set, as written, and its run.
    public struct Point: Sendable {
        public var values: [String]
        public var result: SimulationResult

        public init(values: [String], result: SimulationResult) {
            self.values = values
            self.result = result
        }
    }

    /// Why a sweep stopped: a point's reform, a point too large to run, or a value that cannot be
    /// computed; each keeps the error that stopped it.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case reform(ScenarioIssues)
        case refused(SimulationRequest.Refusal)
        case numeric(NumericFailure)

        public var description: String {
            switch self {
            case let .reform(issues): issues.description
            case let .refused(refusal): refusal.description
            case let .numeric(failure): failure.description
            }
        }
    }

    /// The most points one sweep runs: each is a whole simulation.
    public static let maxPoints = 400

    /// `PATH=V1,V2` → the axis PATH with values V1 and V2, trimmed, empty values dropped; commas
    /// inside brackets or braces do not split values (a value may be a distribution). Nil without `=`.
    public static func axis(_ grid: String) -> Axis? {
        guard let eq = grid.firstIndex(of: "=") else { return nil }
        var values: [String] = []
        var depth = 0
        var current = ""
        for ch in grid[grid.index(after: eq)...] {
            if ch == "{" || ch == "[" { depth += 1 }
            if ch == "}" || ch == "]" { depth -= 1 }
            if ch == ",", depth == 0 { values.append(current.trimmingCharacters(in: .whitespaces)); current = ""; continue }
            current.append(ch)
        }
        values.append(current.trimmingCharacters(in: .whitespaces))
        return Axis(path: String(grid[..<eq]).trimmingCharacters(in: .whitespaces), values: values.filter { !$0.isEmpty })
    }

    /// Every combination of the axes' values, the first axis outermost.
    public static func grid(_ axes: [Axis]) -> [[String]] {
        axes.reduce([[]]) { grid, axis in grid.flatMap { point in axis.values.map { point + [$0] } } }
    }

    /// Runs every point of `axes`' grid, in grid order.
    ///
    /// - Parameters:
    ///   - source: the scenario as loaded, before any reform.
    ///   - reforms: applied at every point before the point's values.
    ///   - request: the paths, seed, threads and bounds of every point's run; each point is sized
    ///     on its own, since its values may make it larger.
    ///   - progress: called with (points done, points planned) after each point.
    public static func run(
        _ source: ScenarioSource, reforms: [Reform], axes: [Axis], request: SimulationRequest,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws(Failure) -> [Point] {
        let grid = grid(axes)
        var points: [Point] = []
        for values in grid {
            let point: ScenarioSource
            do {
                let assignments = try ReformLoader.parse(assignments: zip(axes, values).map { "\($0.path)=\($1)" })
                point = try source.reformed(reforms + [assignments])
            } catch { throw .reform(error) }
            let (plan, options): (SimulationPlan, SimulationOptions)
            do { (plan, options) = try request.plan(point.scenario) } catch { throw .refused(error) }
            do { points.append(Point(values: values, result: try await Simulation.run(plan, options: options))) } catch {
                throw .numeric(error)
            }
            progress?(points.count, grid.count)
        }
        return points
    }
}
