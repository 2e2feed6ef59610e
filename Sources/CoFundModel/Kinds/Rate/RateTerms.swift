/// The numbers of a `RateRule` after uncertain parameters are drawn: what one path uses, and the
/// arithmetic of one claim that both the engine and `cofund explain` run.
public struct RateTerms: Sendable {
    public var rate: Double
    public var brackets: [RateRule.Bracket]
    public var limits: ClaimLimits
    public var minBase: Double

    public init(rate: Double, brackets: [RateRule.Bracket], floor: Double, cap: Double, minBase: Double) {
        self.rate = rate
        self.brackets = brackets
        limits = ClaimLimits(floor: floor, cap: cap)
        self.minBase = minBase
    }

    /// The gross amount before floor and cap: rate × base, or the progressive sum over brackets.
    @inlinable
    public func gross(base: Double) -> Double {
        if brackets.isEmpty { return rate * base }
        var total = 0.0
        var lower = 0.0
        for b in brackets {
            let upper = b.upTo ?? .infinity
            if base <= lower { break }
            total += b.rate * (Swift.min(base, upper) - lower)
            lower = upper
        }
        return total
    }

    /// One approved claim with this base, step by step: nothing below `minBase`, else the gross
    /// amount raised to the floor and limited by the cap.
    @inlinable
    public func work(base: Double) -> ClaimPayout {
        if base < minBase { return ClaimPayout(gross: 0, floored: 0, payout: 0, bound: .minBase) }
        return limits.apply(gross(base: base))
    }

    /// What one approved claim with this base pays.
    @inlinable
    public func payout(base: Double) -> Double { work(base: base).payout }
}
