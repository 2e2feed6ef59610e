/// What is recovered of a defaulted loan (collateral, guarantees, collection) and when.
public struct Recovery: Sendable, Hashable {
    /// The fraction of the non-performing principal recovered, drawn per defaulted loan.
    public var rate: Distribution
    /// Years from the default to the recovery.
    public var lag: Int

    public init(rate: Distribution, lag: Int) {
        self.rate = rate
        self.lag = lag
    }
}
