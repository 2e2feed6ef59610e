/// Applications per year and the chance that one is approved.
public struct ClaimArrivals: Sendable, Hashable {
    public var count: CountDistribution
    public var approval: Parameter

    public init(count: CountDistribution, approval: Parameter = .value(1)) {
        self.count = count
        self.approval = approval
    }
}
