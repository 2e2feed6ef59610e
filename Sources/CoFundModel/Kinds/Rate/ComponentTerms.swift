/// The numbers of one component of a rate program with components, after parameters are drawn.
public struct ComponentTerms: Sendable {
    public var rate: Double
    public var cap: Double
    public var minBase: Double

    public init(rate: Double, cap: Double, minBase: Double) {
        self.rate = rate
        self.cap = cap
        self.minBase = minBase
    }

    /// What a used component with this base contributes: nothing below its `min_base`, else
    /// min(rate × base, cap).
    @inlinable
    public func payout(base: Double) -> Double {
        base < minBase ? 0 : Swift.min(rate * base, cap)
    }
}
