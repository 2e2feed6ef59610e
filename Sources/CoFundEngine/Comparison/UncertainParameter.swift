import CoFundModel

/// An uncertain parameter of a scenario: a distribution drawn once per path.
public struct UncertainParameter: Sendable {
    public var ref: ParameterRef
    /// The field path, e.g. `programs.rd_post_subsidy.claims.approval`.
    public var name: String
    public var distribution: Distribution
    /// The field in words: "approval rate", "loss share of province".
    public var field: String { FieldWords.slot(name) }
}

extension SimulationPlan {
    /// Every uncertain parameter, program by program, in slot order. A slot uncertain in some
    /// version of a program with revisions is listed once, with the distribution of the first
    /// version in which it is uncertain: holding it holds it in every version.
    public var uncertainParameters: [UncertainParameter] {
        programs.flatMap { p in
            (0..<p.slotCount).compactMap { slot -> UncertainParameter? in
                for version in p.versions {
                    guard case let .uncertain(d) = version.parameters[slot], !d.isDegenerate else { continue }
                    return UncertainParameter(
                        ref: ParameterRef(program: p.index, slot: slot),
                        name: "programs.\(p.program.id).\(p.parameterNames[slot])", distribution: d)
                }
                return nil
            }
        }
    }
}
