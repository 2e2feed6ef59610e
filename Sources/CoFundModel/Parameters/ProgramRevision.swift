/// The terms of a program from a later year on, when a parameter it reads takes a new value: the
/// claims (and loans) of `fromYear` and later follow `rule`, `share` and `budget` instead of the
/// program's own.
///
/// A revision differs from the program only in numbers (the decoder substitutes parameter values
/// into the same fields), so its rule has the same kind, components, segments, tiers and funders.
public struct ProgramRevision: Sendable, Hashable {
    public var fromYear: Int
    public var rule: ProgramRule
    public var share: CostShare
    public var budget: [String: Double]

    public init(fromYear: Int, rule: ProgramRule, share: CostShare, budget: [String: Double]) {
        self.fromYear = fromYear
        self.rule = rule
        self.share = share
        self.budget = budget
    }
}

/// A program field that reads a parameter (`cap_per_claim: {param: rd_cap}`).
public struct ParameterBinding: Sendable, Hashable {
    /// The field's path inside the program, as a reform names it (`cap_per_claim`, `share.city`,
    /// `components.equipment.rate`).
    public var field: String
    /// The parameter's id.
    public var parameter: String

    public init(field: String, parameter: String) {
        self.field = field
        self.parameter = parameter
    }
}

extension Program {
    /// The program as it applies to the claims of `year`: its own terms before its first revision,
    /// then the latest revision from a year not after `year`.
    ///
    /// Every payment that follows from a claim (a loan's compensation and interest subsidy, a
    /// match of the claim's payout) follows the terms of the claim's year.
    public func inYear(_ year: Int) -> Program {
        guard let r = revisions.last(where: { $0.fromYear <= year }) else { return self }
        var p = self
        p.rule = r.rule
        p.share = r.share
        p.budget = r.budget
        p.revisions = []
        return p
    }

    /// The years from which the terms change, in order.
    public var revisionYears: [Int] { revisions.map(\.fromYear) }

    /// The ids of the parameters the program reads, in the order first bound.
    public var parameterIDs: [String] {
        var ids: [String] = []
        for b in bindings where !ids.contains(b.parameter) { ids.append(b.parameter) }
        return ids
    }
}
