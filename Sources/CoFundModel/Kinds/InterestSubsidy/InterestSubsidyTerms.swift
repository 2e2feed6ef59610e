/// The numbers of an `InterestSubsidyRule` after uncertain parameters are drawn, and the arithmetic
/// of one loan-year that both the engine and `cofund explain` run.
public struct InterestSubsidyTerms: Sendable {
    public var interestRate: Double
    public var feeRate: Double
    public var fraction: Double
    /// The most paid per firm per year.
    public var cap: Double
    public var term: Int
    public var repayment: Repayment

    @inlinable
    public init(interestRate: Double, feeRate: Double, fraction: Double, cap: Double, term: Int, repayment: Repayment) {
        self.interestRate = interestRate
        self.feeRate = feeRate
        self.fraction = fraction
        self.cap = cap
        self.term = term
        self.repayment = repayment
    }

    /// Loan year `loanYear` (0 for the year the loan is made) of a loan of `principal` that has not
    /// defaulted: the outstanding principal, a year's interest and fees on it, the subsidised
    /// fraction of them, and the payout after the cap.
    @inlinable
    public func work(principal: Double, loanYear: Int) -> InterestSubsidyYear {
        let outstanding = repayment.outstanding(principal: principal, term: term, loanYear: loanYear)
        let charges = (interestRate + feeRate) * outstanding
        // (fraction × rates) × outstanding, in this order: the order fixes the rounding of the outputs.
        let gross = fraction * (interestRate + feeRate) * outstanding
        return InterestSubsidyYear(outstanding: outstanding, charges: charges, gross: gross, payout: Swift.min(gross, cap))
    }
}

/// One loan-year of an interest subsidy worked through.
public struct InterestSubsidyYear: Sendable, Equatable {
    /// The principal outstanding during the year.
    public var outstanding: Double
    /// A year's interest and fees on it: (interest rate + fee rate) × outstanding.
    public var charges: Double
    /// fraction × charges (computed as (fraction × rates) × outstanding).
    public var gross: Double
    /// min(gross, cap).
    public var payout: Double

    @inlinable
    public init(outstanding: Double, charges: Double, gross: Double, payout: Double) {
        self.outstanding = outstanding
        self.charges = charges
        self.gross = gross
        self.payout = payout
    }

    /// The cap per firm per year, not the subsidised charges, decided the payout.
    public var capBinds: Bool { payout < gross }
}
