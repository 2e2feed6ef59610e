/// Loan risk compensation: funders pay fractions of a defaulted loan's non-performing principal and
/// the bank bears the rest. 市级财政按不良本金35%; 省市两级70%, 早期企业最高90%; 单户余额≤1000/2000 万.
///
/// For a defaulted loan the loss is LGD × principal; the compensable loss is
/// LGD × min(principal, cap per borrower); each funder in `lossShares` pays its fraction of the
/// compensable loss and the `residual` funder bears the loss minus what the funders paid.
public struct RiskCompensationRule: Sendable, Hashable {
    public var loans: LoanBook
    public var capPerBorrower: Parameter?
    /// Loss given default, drawn per defaulted loan.
    public var lgd: Distribution
    public var lossShares: [LossShare]
    public var residual: String
    /// Borrower groups with their own pd and loss shares; empty means one group.
    public var segments: [Segment]

    public init(
        loans: LoanBook, capPerBorrower: Parameter? = nil, lgd: Distribution,
        lossShares: [LossShare], residual: String, segments: [Segment] = []
    ) {
        self.loans = loans
        self.capPerBorrower = capPerBorrower
        self.lgd = lgd
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

/// How one defaulted loan's loss is split: the arithmetic of `cofund explain` and of the engine.
public struct LossSplit: Sendable, Equatable {
    /// LGD × principal.
    public var loss: Double
    /// LGD × min(principal, cap).
    public var compensable: Double

    public init(principal: Double, lgd: Double, cap: Double) {
        loss = lgd * principal
        compensable = lgd * Swift.min(principal, cap)
    }
}
