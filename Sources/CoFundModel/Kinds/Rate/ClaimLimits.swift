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
