/// One claim worked through step by step: what `cofund explain` prints and what the engine
/// computes for the same inputs when nothing is random.
public struct Explanation: Sendable {
    public var heading: [String] = []
    public var steps: [String] = []
    /// What one claim pays in all, before the split.
    public var payout: Double = 0
    /// Each funder's amount, in the program's funder order.
    public var amounts: [(funder: String, amount: Double)] = []
    /// (year, fraction of the payout) of each installment.
    public var payments: [(year: Int, fraction: Double)] = []
    /// What comes back to each funder later (negative payments: a defaulted loan's recovery), in the
    /// program's funder order; empty for other kinds.
    public var recoveries: [(funder: String, amount: Double)] = []
    /// (year, fraction of the recovery) of each installment of the recovery.
    public var recoveryPayments: [(year: Int, fraction: Double)] = []

    public func amount(of funder: String) -> Double {
        amounts.first { $0.funder == funder }?.amount ?? 0
    }

    /// The text as printed.
    public var text: String { (heading + steps).joined(separator: "\n") }
}

/// The inputs of one worked claim; nil means "the central value of the scenario's distribution".
public struct ClaimInputs: Sendable {
    public var base: Double?
    public var year: Int?
    public var principal: Double?
    /// The recovered fraction of a defaulted loan's non-performing principal.
    public var recoveryRate: Double?
    /// The loan year (0 for the year the loan is made) in which a loan defaults or is subsidised.
    public var loanYear: Int?
    public var segment: String?
    public var tier: Int?

    public init(
        base: Double? = nil, year: Int? = nil, principal: Double? = nil, recoveryRate: Double? = nil, loanYear: Int? = nil,
        segment: String? = nil, tier: Int? = nil
    ) {
        self.base = base
        self.year = year
        self.principal = principal
        self.recoveryRate = recoveryRate
        self.loanYear = loanYear
        self.segment = segment
        self.tier = tier
    }
}

/// Why a claim cannot be explained.
public struct ExplainError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
