import CoFundModel

/// What a command asks of a run before the scenario is known: the scenario supplies the paths and
/// the seed not given. A sweep plans every point from one request, so the sizing and the refusal
/// of a run too large to finish live here rather than with each command.
public struct SimulationRequest: Sendable {
    /// Paths; the scenario's `paths` when nil.
    public var paths: Int?
    /// The seed; the scenario's `seed` when nil.
    public var seed: UInt64?
    public var threads: Int
    /// The most memory, in bytes, a run may be estimated to need.
    public var maxMemory: Double
    /// The most paths `targetRelativeSE` may add; the run is sized for them.
    public var maxPaths: Int?
    public var targetRelativeSE: Double?

    public init(
        paths: Int? = nil, seed: UInt64? = nil, threads: Int = 1, maxMemory: Double = MemoryEstimate.defaultBound,
        maxPaths: Int? = nil, targetRelativeSE: Double? = nil
    ) {
        self.paths = paths
        self.seed = seed
        self.threads = threads
        self.maxMemory = maxMemory
        self.maxPaths = maxPaths
        self.targetRelativeSE = targetRelativeSE
    }

    /// A run refused before it starts: its description is the reason (`SimulationLimits`).
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The plan of `scenario` and the options of its run (without progress).
    ///
    /// - Throws: why the run is too large to finish, from the scenario's size before the plan
    ///   allocates anything, then from the plan.
    public func plan(_ scenario: Scenario) throws(Refusal) -> (SimulationPlan, SimulationOptions) {
        let n = paths ?? scenario.paths
        let most = max(n, maxPaths ?? n)
        if let refusal = SimulationLimits.sizeRefusal(scenario, paths: most, threads: threads, maxMemory: maxMemory) {
            throw Refusal(description: refusal)
        }
        let plan = SimulationPlan(scenario)
        if let refusal = SimulationLimits.refusal(plan, paths: most, threads: threads, maxMemory: maxMemory) {
            throw Refusal(description: refusal)
        }
        return (
            plan,
            SimulationOptions(
                paths: n, seed: seed ?? scenario.seed, threads: threads, targetRelativeSE: targetRelativeSE,
                maxPaths: most)
        )
    }
}
