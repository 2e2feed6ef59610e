/// The covered loans of a risk or interest program: new loans per year, their size and term,
/// and how they default.
public struct LoanBook: Sendable, Hashable {
    /// New covered loans per year.
    public var count: CountDistribution
    public var principal: Distribution
    /// Years a loan lives.
    public var term: Int
    /// How the principal is repaid over the term.
    public var repayment: Repayment
    public var defaults: DefaultModel

    public init(count: CountDistribution, principal: Distribution, term: Int = 1, repayment: Repayment = .bullet, defaults: DefaultModel) {
        self.count = count
        self.principal = principal
        self.term = term
        self.repayment = repayment
        self.defaults = defaults
    }

    /// The principal outstanding during loan year `loanYear` of a loan of this book.
    @inlinable
    public func outstanding(principal: Double, loanYear: Int) -> Double {
        repayment.outstanding(principal: principal, term: term, loanYear: loanYear)
    }
}

/// The one-factor Gaussian copula (Vasicek): a loan with annual default probability `pd` and asset
/// correlation `rho` defaults, in a year whose systematic factor is Z, with probability
/// Φ((Φ⁻¹(pd) − √ρ·Z)/√(1 − ρ)).
public struct DefaultModel: Sendable, Hashable {
    public var pd: Parameter
    public var rho: Parameter
    /// `shared`: Z is the scenario's yearly factor, common to every loan program; `own`: the
    /// program draws its own.
    public var factor: Factor

    public init(pd: Parameter, rho: Parameter = .value(0), factor: Factor = .shared) {
        self.pd = pd
        self.rho = rho
        self.factor = factor
    }

    public enum Factor: String, Sendable, Hashable, CaseIterable {
        case shared, own
    }
}
