/// How a covered loan's principal is repaid, which fixes the principal outstanding in each loan
/// year: the base of a year's interest and, if the loan defaults that year, its non-performing
/// principal.
public enum Repayment: String, Sendable, Hashable, CaseIterable {
    /// The whole principal is repaid at maturity, so all of it is outstanding until then.
    case bullet
    /// Equal principal repayments at the end of each loan year: in loan year j = 0 … term − 1,
    /// principal × (term − j) / term is outstanding.
    case linear

    /// The principal outstanding during loan year `loanYear` (0 for the year the loan is made).
    @inlinable
    public func outstanding(principal: Double, term: Int, loanYear: Int) -> Double {
        switch self {
        case .bullet: principal
        case .linear: principal * Double(term - loanYear) / Double(term)
        }
    }
}
