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
