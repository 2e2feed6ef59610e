/// Loan risk compensation: funders pay fractions of a defaulted loan's non-performing principal and
/// the bank bears the rest. 市级财政按不良本金35%; 省市两级70%, 早期企业最高90%; 单户余额≤1000/2000 万.
///
/// When a loan defaults, its non-performing principal is the principal outstanding then (see
/// `Repayment`); each funder in `lossShares` pays its fraction of min(non-performing principal,
/// cap per borrower). Later a fraction of the non-performing principal is recovered; the funders
/// get back that fraction of what each paid and the `residual` funder (the bank) bears the rest.
/// `CompensationTerms.work` is the arithmetic of one defaulted loan.
public struct RiskCompensationRule: Sendable, Hashable {
    public var loans: LoanBook
    public var capPerBorrower: Parameter?
    /// What is recovered of a defaulted loan, and when.
    public var recovery: Recovery
    public var lossShares: [LossShare]
    public var residual: String
    /// Borrower groups with their own pd and loss shares; empty means one group.
    public var segments: [Segment]

    public init(
        loans: LoanBook, capPerBorrower: Parameter? = nil, recovery: Recovery,
        lossShares: [LossShare], residual: String, segments: [Segment] = []
    ) {
        self.loans = loans
        self.capPerBorrower = capPerBorrower
        self.recovery = recovery
        self.lossShares = lossShares
        self.residual = residual
        self.segments = segments
    }

    public struct LossShare: Sendable, Hashable {
        public var funder: String
        public var fraction: Parameter
        public init(funder: String, fraction: Parameter) {
            self.funder = funder
            self.fraction = fraction
        }
    }

    /// A group of borrowers (e.g. early-stage firms) with its weight in the book and, optionally,
    /// its own default probability and loss shares.
    public struct Segment: Sendable, Hashable {
        public var id: String
        public var weight: Double
        public var pd: Parameter?
        public var lossShares: [LossShare]?
        public init(id: String, weight: Double, pd: Parameter? = nil, lossShares: [LossShare]? = nil) {
            self.id = id
            self.weight = weight
            self.pd = pd
            self.lossShares = lossShares
        }
    }

    /// The segments the engine simulates: the declared ones, or one covering the whole book.
    public var effectiveSegments: [Segment] {
        segments.isEmpty ? [Segment(id: "all", weight: 1)] : segments
    }

    /// Every funder that pays part of a loss, the residual last.
    public var funderIDs: [String] {
        var ids: [String] = []
        for s in lossShares where !ids.contains(s.funder) { ids.append(s.funder) }
        for seg in segments {
            for s in seg.lossShares ?? [] where !ids.contains(s.funder) { ids.append(s.funder) }
        }
        ids.removeAll { $0 == residual }
        return ids + [residual]
    }
}
