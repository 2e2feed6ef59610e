/// The numbers of a `MatchingRule` after parameters are drawn, and the arithmetic of one matched
/// claim that both the engine and `cofund explain` run.
public struct MatchTerms: Sendable {
    public var ratio: Double
    public var cap: Double

    public init(ratio: Double, cap: Double) {
        self.ratio = ratio
        self.cap = cap
    }

    /// One match of a parent claim that paid `parentPayout`, of which the fraction `matchedShare` is
    /// matched (1, or the share of the funder named by `of`).
    @inlinable
    public func work(parentPayout: Double, matchedShare: Double) -> MatchPayout {
        let gross = ratio * matchedShare * parentPayout
        return MatchPayout(matched: matchedShare * parentPayout, gross: gross, payout: Swift.min(gross, cap))
    }
}

/// One matched claim: the parent amount matched, ratio × that amount, and the payout after the cap.
public struct MatchPayout: Sendable, Equatable {
    public var matched: Double
    public var gross: Double
    public var payout: Double

    @inlinable
    public init(matched: Double, gross: Double, payout: Double) {
        self.matched = matched
        self.gross = gross
        self.payout = payout
    }

    public var capBinds: Bool { payout < gross }
}
