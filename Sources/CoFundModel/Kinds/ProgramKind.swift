/// The kinds of measure a program can be, as written in scenario files (`kind: rate`).
///
/// Each kind has a folder beside this file holding its rule, its decoding and the arithmetic of one
/// claim; this enum is the one list of each kind's fields, which the decoder, the reform schema and
/// the catalogue read.
public enum ProgramKind: String, CaseIterable, Sendable, Hashable {
    case rate
    case award
    case matching
    case riskCompensation = "risk_compensation"
    case interestSubsidy = "interest_subsidy"

    /// The fields a program of this kind may have besides `ProgramKind.commonFields`.
    public var fields: [String] {
        switch self {
        case .rate: ["claims", "base", "rate", "brackets", "floor", "cap_per_claim", "min_base", "components", "combine"]
        case .award: ["claims", "amount", "tiers"]
        case .matching: ["matches", "of", "ratio", "fraction", "cap_per_claim"]
        case .riskCompensation: ["loans", "cap_per_borrower", "pd", "rho", "factor", "recovery", "loss_shares", "residual", "segments"]
        case .interestSubsidy: ["loans", "pd", "rho", "factor", "interest_rate", "fee_rate", "fraction", "cap_per_claim"]
        }
    }

    /// Whether one claim's payment is split between funders by `share`; a risk-compensation program
    /// splits each loss by `loss_shares` and leaves the rest to its `residual` funder instead.
    public var splitsByShare: Bool { self != .riskCompensation }

    /// The fields every program has (a risk-compensation program has no `share`).
    public static let commonFields = [
        "id", "name", "source", "kind", "assumption", "years", "in_force", "continue_after_expiry", "share",
        "budget", "rationing", "payment_lag", "payment_schedule", "claim_date",
    ]

    /// Every field a program of this kind may have.
    public var allFields: [String] {
        (splitsByShare ? Self.commonFields : Self.commonFields.filter { $0 != "share" }) + fields
    }

    /// The names used in scenario files, in this order.
    public static var names: [String] { allCases.map(\.rawValue) }
}
