/// The numbers of a `RiskCompensationRule` after uncertain parameters are drawn, and the
/// arithmetic of one defaulted loan that both the engine and `cofund explain` run.
public struct CompensationTerms: Sendable {
    /// The most of one borrower's non-performing principal that is compensated.
    public var cap: Double
    public var term: Int
    public var repayment: Repayment

    @inlinable
    public init(cap: Double, term: Int, repayment: Repayment) {
        self.cap = cap
        self.term = term
        self.repayment = repayment
    }

    /// A loan of `principal` that defaults in loan year `loanYear` (0 for the year it is made),
    /// of which the fraction `recoveryRate` of the non-performing principal is later recovered.
    @inlinable
    public func work(principal: Double, loanYear: Int, recoveryRate: Double) -> DefaultedLoan {
        let outstanding = repayment.outstanding(principal: principal, term: term, loanYear: loanYear)
        let capped = outstanding > cap
        let base = capped ? cap : outstanding
        return DefaultedLoan(
            capBinds: capped, recoveryRate: recoveryRate,
            flows: CompensationFlows(
                outstanding: outstanding, base: base, recovered: recoveryRate * outstanding, recoveredBase: recoveryRate * base))
    }
}

/// One defaulted loan worked through: whether the cap per borrower held, the recovery rate, and
/// its flows.
public struct DefaultedLoan: Sendable, Equatable {
    /// The cap per borrower, not the non-performing principal, is the compensation base.
    public var capBinds: Bool
    public var recoveryRate: Double
    public var flows: CompensationFlows

    @inlinable
    public init(capBinds: Bool, recoveryRate: Double, flows: CompensationFlows) {
        self.capBinds = capBinds
        self.recoveryRate = recoveryRate
        self.flows = flows
    }
}

/// The amounts of one defaulted loan, or of all the loans of a segment defaulting (or recovering)
/// in one year: they add up, so the engine folds loans into sums and splits the sums with the same
/// functions that split one loan.
public struct CompensationFlows: Sendable, Equatable {
    /// The non-performing principal: what is outstanding at default.
    public var outstanding: Double
    /// The compensation base: min(non-performing principal, cap per borrower).
    public var base: Double
    /// What is recovered: recovery rate × non-performing principal.
    public var recovered: Double
    /// Recovery rate × compensation base: what a funder with loss share 1 gets back.
    public var recoveredBase: Double

    @inlinable
    public init(outstanding: Double, base: Double, recovered: Double, recoveredBase: Double) {
        self.outstanding = outstanding
        self.base = base
        self.recovered = recovered
        self.recoveredBase = recoveredBase
    }

    /// What a funder with loss share `share` pays at default (gross) and gets back from the
    /// recovery (a negative payment): share × base and −share × recovery rate × base.
    @inlinable
    public func funder(share: Double) -> FunderFlows {
        FunderFlows(gross: share * base, recovered: -(share * recoveredBase))
    }

    /// What the residual funder (the bank) bears when the other funders' flows add up to `paid`:
    /// the non-performing principal minus what they paid, and, at recovery, the recovered amount
    /// minus what is returned to them.
    @inlinable
    public func residual(paid: FunderFlows) -> FunderFlows {
        FunderFlows(gross: outstanding - paid.gross, recovered: -recovered - paid.recovered)
    }

    /// Every amount multiplied by `w` (an installment of a payment schedule).
    @inlinable
    public func scaled(_ w: Double) -> CompensationFlows {
        CompensationFlows(outstanding: w * outstanding, base: w * base, recovered: w * recovered, recoveredBase: w * recoveredBase)
    }
}

/// One funder's side of a defaulted loan: what it pays at default and what comes back to it (a
/// negative payment) at recovery.
public struct FunderFlows: Sendable, Equatable {
    public var gross: Double
    public var recovered: Double

    @inlinable
    public init(gross: Double, recovered: Double) {
        self.gross = gross
        self.recovered = recovered
    }

    public static let zero = FunderFlows(gross: 0, recovered: 0)

    /// What the funder pays net of recoveries.
    @inlinable
    public var net: Double { gross + recovered }

    @inlinable
    public static func + (a: FunderFlows, b: FunderFlows) -> FunderFlows {
        FunderFlows(gross: a.gross + b.gross, recovered: a.recovered + b.recovered)
    }
}
