/// An interest (and guarantee-fee) subsidy on covered loans, paid each year a loan is alive and
/// does not default: 贴息每家最高50万; 融资费用40%（小微50%）≤30 万.
///
/// One loan-year pays min(fraction × (interestRate + feeRate) × outstanding principal, cap per firm
/// per year); `InterestSubsidyTerms.work` is that arithmetic.
public struct InterestSubsidyRule: Sendable, Hashable {
    public var loans: LoanBook
    public var interestRate: Parameter
    public var feeRate: Parameter
    public var fraction: Parameter
    public var capPerClaim: Parameter?

    public init(loans: LoanBook, interestRate: Parameter, feeRate: Parameter = .value(0), fraction: Parameter, capPerClaim: Parameter? = nil) {
        self.loans = loans
        self.interestRate = interestRate
        self.feeRate = feeRate
        self.fraction = fraction
        self.capPerClaim = capPerClaim
    }

}
