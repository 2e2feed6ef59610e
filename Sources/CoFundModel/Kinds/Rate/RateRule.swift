/// A subsidy proportional to a base: min(max(rate × base, floor), cap), nothing below `minBase`.
///
/// 研发投入后补助 2.5% ≤250 万; 技术合同 1.5‰ ≤80 万; 年成交额300万以上 1.5% ≤50 万.
public struct RateRule: Sendable, Hashable {
    public var claims: ClaimArrivals
    /// The per-claim base (R&D spend, contract value, fees paid).
    public var base: Distribution
    /// A flat rate, or progressive marginal rates when `brackets` is not empty.
    public var rate: Parameter
    public var brackets: [Bracket]
    public var floor: Parameter?
    public var capPerClaim: Parameter?
    public var minBase: Parameter?
    /// Several claim types of one claimant (voucher types, contract roles), each with its own base,
    /// rate and cap; when present, `base` and `rate` are unused and `floor` and `capPerClaim`
    /// apply to the combined amount.
    public var components: [Component]
    public var combine: Combine

    public init(
        claims: ClaimArrivals, base: Distribution, rate: Parameter, brackets: [Bracket] = [],
        floor: Parameter? = nil, capPerClaim: Parameter? = nil, minBase: Parameter? = nil,
        components: [Component] = [], combine: Combine = .sum
    ) {
        self.components = components
        self.combine = combine
        self.claims = claims
        self.base = base
        self.rate = rate
        self.brackets = brackets
        self.floor = floor
        self.capPerClaim = capPerClaim
        self.minBase = minBase
    }

    /// One band of a progressive schedule: `rate` applies to the part of the base up to `upTo`
    /// above the previous band's limit; the last band has no limit.
    public struct Bracket: Sendable, Hashable {
        public var upTo: Double?
        public var rate: Double
        public init(upTo: Double?, rate: Double) {
            self.upTo = upTo
            self.rate = rate
        }
    }
}

extension RateRule {
    /// One claim type of a claimant: used with probability `probability`, it pays
    /// min(rate × base, cap), or nothing below `minBase`.
    public struct Component: Sendable, Hashable {
        public var id: String
        public var probability: Parameter
        public var base: Distribution
        public var rate: Parameter
        public var capPerClaim: Parameter?
        public var minBase: Parameter?

        public init(
            id: String, probability: Parameter = .value(1), base: Distribution, rate: Parameter,
            capPerClaim: Parameter? = nil, minBase: Parameter? = nil
        ) {
            self.id = id
            self.probability = probability
            self.base = base
            self.rate = rate
            self.capPerClaim = capPerClaim
            self.minBase = minBase
        }
    }

    /// How a claimant's components add up.
    public enum Combine: String, Sendable, Hashable, CaseIterable {
        /// The amounts add up, and the program's cap limits the total: a cap shared by several
        /// voucher types per firm per year (各种创新券累计最高50万元).
        case sum
        /// Only the highest amount is paid: 就高不重复, a claimant qualifying twice is paid once.
        case max
    }

    /// What one claimant's components pay together, before the program's floor and cap.
    @inlinable
    public static func combined(_ amounts: [Double], _ rule: Combine) -> Double {
        rule == .sum ? amounts.reduce(0, +) : (amounts.max() ?? 0)
    }
}
