/// The benefit formula of a program, one case per kind of measure found in the policy documents.
public enum ProgramRule: Sendable, Hashable {
    case rate(RateRule)
    case award(AwardRule)
    case matching(MatchingRule)
    case riskCompensation(RiskCompensationRule)
    case interestSubsidy(InterestSubsidyRule)

    /// The program's kind.
    public var programKind: ProgramKind {
        switch self {
        case .rate: .rate
        case .award: .award
        case .matching: .matching
        case .riskCompensation: .riskCompensation
        case .interestSubsidy: .interestSubsidy
        }
    }

    /// The kind name used in scenario files.
    public var kind: String { programKind.rawValue }

    /// The yearly count of claims or new loans; nil for a match, which has none of its own.
    public var count: CountDistribution? {
        switch self {
        case let .rate(r): r.claims.count
        case let .award(a): a.claims.count
        case .matching: nil
        case let .riskCompensation(r): r.loans.count
        case let .interestSubsidy(r): r.loans.count
        }
    }

    /// The section holding the count: `claims` or `loans`.
    public var countField: String {
        switch self {
        case .riskCompensation, .interestSubsidy: "loans"
        default: "claims"
        }
    }
}
