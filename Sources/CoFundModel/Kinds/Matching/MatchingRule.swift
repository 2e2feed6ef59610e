/// A grant matching another program's payouts: 历下区 按照市级补助额度给予最高1:1配套支持.
///
/// For each paid claim of the parent, with probability `fraction` the claimant is in this funder's
/// area and this program pays min(ratio × the parent's payout, cap), `paymentLag` years after the
/// parent paid.
public struct MatchingRule: Sendable, Hashable {
    /// The id of the program whose payouts are matched.
    public var matches: String
    /// When set, only what this funder paid of the parent claim is matched (e.g. the city's part).
    public var of: String?
    public var ratio: Parameter
    public var fraction: Parameter
    public var capPerClaim: Parameter?

    public init(matches: String, of: String? = nil, ratio: Parameter, fraction: Parameter = .value(1), capPerClaim: Parameter? = nil) {
        self.matches = matches
        self.of = of
        self.ratio = ratio
        self.fraction = fraction
        self.capPerClaim = capPerClaim
    }
}
