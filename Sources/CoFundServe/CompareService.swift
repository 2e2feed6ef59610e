import CoFundEngine
import CoFundModel
import CoFundReport
import Foundation

/// `POST /api/compare`: the reform run against the scenario on common random numbers with the
/// scenario's seed, as `cofund compare FILE --set PATH=VALUE --paths N` runs it.
///
/// One comparison runs at a time. A request that arrives while one runs waits; when a newer
/// request arrives meanwhile, the waiting one is answered 409 (superseded) without running, so a
/// drafter typing quickly costs at most the run in progress and the latest one.
public actor CompareService {
    public struct Response: Sendable {
        public var status: Int
        public var body: String
    }

    let source: ScenarioSource
    let defaultPaths: Int
    let maxPaths: Int
    let threads: Int
    private var latest = 0
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(source: ScenarioSource, defaultPaths: Int, maxPaths: Int, threads: Int) {
        self.source = source
        self.defaultPaths = defaultPaths
        self.maxPaths = maxPaths
        self.threads = threads
    }

    public func handle(_ data: Data) async -> Response {
        let request: CompareRequest
        switch CompareRequest.parse(data, defaultPaths: defaultPaths, maxPaths: maxPaths) {
        case let .success(r): request = r
        case let .failure(e): return Response(status: 400, body: e.json)
        }
        let reformed: ScenarioSource
        do { reformed = try source.reformed(files: [], assignments: request.assignments) } catch {
            return Response(status: 400, body: APIError(error, paths: request.overrides.map(\.path)).json)
        }
        latest += 1
        let ticket = latest
        await acquire()
        defer { release() }
        guard ticket == latest else {
            return Response(status: 409, body: APIError("superseded by a newer request").json)
        }
        return await Self.run(base: source, reformed: reformed, paths: request.paths, threads: threads)
    }

    private func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }

    /// The comparison as JSON: `compare` is `cofund compare --format json`'s document, built by
    /// the same `TerminalJSON.compare` from the same `PairedComparison`; `programs` the programs
    /// whose horizon total moved.
    static func run(base: ScenarioSource, reformed: ScenarioSource, paths: Int, threads: Int) async -> Response {
        let request = SimulationRequest(paths: paths, threads: threads)
        let basePlan: SimulationPlan, reformPlan: SimulationPlan, options: SimulationOptions
        do {
            (basePlan, options) = try request.plan(base.scenario)
            (reformPlan, _) = try request.plan(reformed.scenario)
        } catch { return Response(status: 400, body: APIError(error.description).json) }
        if let fit = PairedComparison.pathLimit([basePlan, reformPlan], paths: options.paths) {
            return Response(
                status: 400, body: APIError("a paired comparison keeps every path's values; this scenario allows at most \(fit) paths").json)
        }
        let comparison: PairedComparison
        do { comparison = try await PairedComparison.run(base: basePlan, reform: reformPlan, options: options) } catch {
            return Response(status: 422, body: APIError(error.description).json)
        }
        let changes = reformed.changes.map(\.description)
        let document = TerminalJSON.compare(comparison, changes: changes, reformFiles: reformed.reformFiles)
        let moved = comparison.rows.filter { $0.key.program != nil && $0.key.funder == nil && $0.key.year == .total }
            .filter { $0.delta.mean != 0 }
            .map { row in
                MovedProgram(
                    id: row.key.program!, name: reformed.scenario.programs.first { $0.id == row.key.program }?.name ?? row.key.program!,
                    deltaMean: row.delta.mean, deltaCI95: [row.interval95.lowerBound, row.interval95.upperBound])
            }
        return Response(status: 200, body: "{\"compare\": \(document), \"programs\": \(ServeJSON.text(moved))}")
    }

    struct MovedProgram: Encodable {
        var id: String
        var name: String
        var deltaMean: Double
        var deltaCI95: [Double]

        enum CodingKeys: String, CodingKey {
            case id, name
            case deltaMean = "delta_mean"
            case deltaCI95 = "delta_ci95"
        }
    }
}
