/// A fixed or tiered award per approved claim: 科技进步奖 一等10万/二等5万; 高企首次认定 20–30 万.
public struct AwardRule: Sendable, Hashable {
    public var claims: ClaimArrivals
    /// Empty when `amount` applies to every claim; otherwise each claim falls in one tier.
    public var tiers: [Tier]
    public var amount: Distribution

    public init(claims: ClaimArrivals, amount: Distribution = .fixed(0), tiers: [Tier] = []) {
        self.claims = claims
        self.amount = amount
        self.tiers = tiers
    }

    public struct Tier: Sendable, Hashable {
        public var amount: Distribution
        public var probability: Double
        public init(amount: Distribution, probability: Double) {
            self.amount = amount
            self.probability = probability
        }
    }

    /// The expected award of one approved claim.
    public var meanAmount: Double {
        tiers.isEmpty ? amount.mean : tiers.reduce(0) { $0 + $1.probability * $1.amount.mean }
    }
}
