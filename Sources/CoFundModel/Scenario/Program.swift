/// One co-funded policy measure: who may claim, what one claim pays, and who pays how much of it.
public struct Program: Sendable, Hashable {
    public var id: String
    public var name: String
    /// The clause the rule comes from (文号 and article).
    public var source: String
    /// Notes on every number that is not in the source text, with its rationale.
    public var assumptions: [String]
    public var rule: ProgramRule
    /// The funders' fractions of each payout; they sum to 1. Empty for `risk_compensation`,
    /// whose split is given by its `loss_shares` and `residual`.
    public var share: CostShare
    /// Annual appropriation per funder id for this program.
    public var budget: [String: Double]
    public var rationing: Rationing
    /// Years between a claim and its first payment.
    public var paymentLag: Int
    /// Fractions of a claim paid in successive years from the lag on; they sum to 1.
    public var paymentSchedule: [Double]
    /// First and last year in which claims are made: from the first year in which claims are
    /// simulated (`Scenario.claimsFrom`) to the scenario's last year.
    public var activeYears: ClosedRange<Int>?
    /// The dates between which the program's text is in force (`in_force`); claims are taken only
    /// in years with a day in force (`InForce`).
    public var inForce: InForce?
    /// The program takes claims after `in_force.until` (`continue_after_expiry: true`), on an
    /// assumption the file states.
    public var continuesAfterExpiry: Bool
    /// The day of the year on which a year's claims are assessed: each parameter the program reads
    /// takes the value in force on that day (`PolicyParameter.entry(forYear:on:)`).
    public var claimDate: MonthDay
    /// The fields that read parameters.
    public var bindings: [ParameterBinding]
    /// The program's terms from later years on, when a parameter it reads changes value
    /// (`inYear`); empty when they never change.
    public var revisions: [ProgramRevision]

    public init(
        id: String, name: String, source: String, assumptions: [String] = [], rule: ProgramRule,
        share: CostShare, budget: [String: Double] = [:], rationing: Rationing = .none,
        paymentLag: Int = 0, paymentSchedule: [Double] = [1], activeYears: ClosedRange<Int>? = nil,
        inForce: InForce? = nil, continuesAfterExpiry: Bool = false, claimDate: MonthDay = .januaryFirst,
        bindings: [ParameterBinding] = [], revisions: [ProgramRevision] = []
    ) {
        self.id = id
        self.name = name
        self.source = source
        self.assumptions = assumptions
        self.rule = rule
        self.share = share
        self.budget = budget
        self.rationing = rationing
        self.paymentLag = paymentLag
        self.paymentSchedule = paymentSchedule
        self.activeYears = activeYears
        self.inForce = inForce
        self.continuesAfterExpiry = continuesAfterExpiry
        self.claimDate = claimDate
        self.bindings = bindings
        self.revisions = revisions
    }

    /// What happens when a year's claims exceed a funder's appropriation.
    public enum Rationing: String, Sendable, Hashable, CaseIterable {
        /// Everything is paid; the excess is reported as overrun.
        case none
        /// Every claim of that year is scaled down so that the year fits the appropriation.
        case proRata = "pro_rata"
    }

    /// The ids of the funders who can pay part of this program, in a stable order.
    public var funderIDs: [String] {
        switch rule {
        case let .riskCompensation(r): r.funderIDs
        default: share.funderIDs
        }
    }

    /// Years between a claim and the last installment of its payment.
    public var paymentSpan: Int { paymentLag + paymentSchedule.count - 1 }
}

/// The split of each payout between funders, as fractions that sum to 1.
public struct CostShare: Sendable, Hashable {
    /// (funder id, fraction) in the order written in the scenario file.
    public var parts: [(funder: String, fraction: Double)]

    public init(_ parts: [(funder: String, fraction: Double)]) { self.parts = parts }

    public var funderIDs: [String] { parts.map(\.funder) }

    public func fraction(of funder: String) -> Double {
        parts.first { $0.funder == funder }?.fraction ?? 0
    }

    public static func == (a: CostShare, b: CostShare) -> Bool {
        a.parts.count == b.parts.count
            && zip(a.parts, b.parts).allSatisfy { $0.funder == $1.funder && $0.fraction == $1.fraction }
    }

    public func hash(into h: inout Hasher) {
        for p in parts { h.combine(p.funder); h.combine(p.fraction) }
    }
}
