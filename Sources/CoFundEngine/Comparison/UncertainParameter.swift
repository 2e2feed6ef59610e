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
                return UncertainParameter(
                    ref: ParameterRef(program: p.index, slot: slot),
                    name: "programs.\(p.program.id).\(p.parameterNames[slot])", distribution: d)
            }
        }
    }
}
