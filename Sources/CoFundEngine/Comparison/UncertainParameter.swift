import CoFundModel

/// An uncertain parameter of a scenario: a distribution drawn once per path.
public struct UncertainParameter: Sendable {
    public var ref: ParameterRef
    /// The field path, e.g. `programs.rd_post_subsidy.claims.approval`.
    public var name: String
    public var distribution: Distribution
}

extension SimulationPlan {
    /// Every uncertain parameter, program by program, in slot order.
    public var uncertainParameters: [UncertainParameter] {
        programs.flatMap { p in
            p.parameters.enumerated().compactMap { slot, parameter -> UncertainParameter? in
                guard case let .uncertain(d) = parameter, !d.isDegenerate else { return nil }
                return UncertainParameter(ref: ParameterRef(program: p.index, slot: slot),
                                          name: "programs.\(p.program.id).\(p.parameterNames[slot])", distribution: d)
            }
        }
    }
}

extension SimulationResult {
    /// The chance that a funder's demand exceeds its appropriation for a program in at least one
    /// year of the horizon, and the expected total excess; nil without an appropriation.
    public func horizonBudgetRisk(program: Int, funder: String) -> (probabilityAnyYear: Double, expectedExcess: Double)? {
        guard let g = plan.budgetGroups.firstIndex(where: { plan.budgetCells[$0[0]].program == program && plan.budgetCells[$0[0]].funder == funder }),
              paths > 0
        else { return nil }
        if let a = aggregate {
            let n = Double(paths)
            return (Double(a.blocks.reduce(0) { $0 + $1.anyOver[g] }) / n, a.blocks.reduce(0) { $0 + $1.anyExcess[g] } / n)
        }
        let cells = plan.budgetGroups[g]
        var any = 0
        var excess = 0.0
        for i in 0..<paths {
            var over = false
            for c in cells {
                let d = values.demand[c][i] - plan.budgetCells[c].amount
                if d > 0 { over = true; excess += d }
            }
            if over { any += 1 }
        }
        return (Double(any) / Double(paths), excess / Double(paths))
    }
}
