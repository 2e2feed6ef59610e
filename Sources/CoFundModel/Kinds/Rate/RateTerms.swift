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

/// A claim's floor and cap: min(max(gross, floor), cap).
public struct ClaimLimits: Sendable, Equatable {
    public var floor: Double
    public var cap: Double

    public init(floor: Double, cap: Double) {
        self.floor = floor
        self.cap = cap
    }

    @inlinable
    public func apply(_ gross: Double) -> ClaimPayout {
        let floored = Swift.max(gross, floor)
        let payout = Swift.min(floored, cap)
        let bound: ClaimPayout.Bound = payout < floored ? .cap : (floored > gross ? .floor : .none)
        return ClaimPayout(gross: gross, floored: floored, payout: payout, bound: bound)
    }
}

/// One claim worked through: the amount before the floor and the cap, after the floor, the payout,
/// and which limit decided it.
public struct ClaimPayout: Sendable, Equatable {
    public enum Bound: Sendable, Equatable {
        /// Neither the floor nor the cap changed the gross amount.
        case none
        /// The base is below `min_base`: nothing is paid.
        case minBase
        case floor
        case cap
    }

    public var gross: Double
    public var floored: Double
    public var payout: Double
    public var bound: Bound

    @inlinable
    public init(gross: Double, floored: Double, payout: Double, bound: Bound) {
        self.gross = gross
        self.floored = floored
        self.payout = payout
        self.bound = bound
    }
}

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
