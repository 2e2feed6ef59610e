/// A finished run that kept every path's values: the only kind of run a paired comparison takes,
/// since it differences the runs path by path. A run kept as block summaries and sketches has no
/// paths to pair, and cannot be made into one.
public struct KeptPathsRun: Sendable {
    public let result: SimulationResult
    /// Every path's value of every series.
    public let values: PathValues

    /// Nil when the run kept block summaries instead of its paths.
    public init?(_ result: SimulationResult) {
        guard case let .paths(values) = result.kept else { return nil }
        self.result = result
        self.values = values
    }
}

extension SimulationResult {
    /// The run as one a paired comparison takes; nil when it kept block summaries.
    public var keptPaths: KeptPathsRun? { KeptPathsRun(self) }
}
