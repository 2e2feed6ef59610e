/// What a run keeps of its paths: every path's values (exact percentiles, paired comparisons), or,
/// past `SimulationLimits.exactValueLimit`, block moments and quantile sketches whose memory does not
/// grow with the paths. A shard of a run keeps the same, so that shards merge into the run.
public enum KeptValues: Sendable {
    case paths(PathValues)
    case sketches(Aggregate)

    /// The number of paths behind the values.
    public var paths: Int {
        switch self {
        case let .paths(v): v.paths
        case let .sketches(a): a.paths
        }
    }
}
