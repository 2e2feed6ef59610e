import Yams

/// Decoding of a `matching` program: the program it matches, the ratio, the fraction and the cap.
extension ScenarioDecoder {
    func matchingRule(_ m: MappingCursor) -> ProgramRule? {
        let parent = m.required("matches", hint: "the id of the program whose payouts are matched").flatMap { n in
            identifier(n, m.path("matches")).flatMap { id in requireProgram(id, n, m.path("matches")) ? id : nil }
        }
        let of = m["of"].flatMap { identifier($0, m.path("of")) }
        let ratio = m.required("ratio", hint: "e.g. 1.0 for 1:1").flatMap { parameter($0, m.path("ratio"), .nonNegative) }
        guard let fraction = optionalParameter(m, "fraction", .probability),
            let cap = optionalParameter(m, "cap_per_claim", .nonNegative),
            let parent, let ratio
        else { return nil }
        return .matching(MatchingRule(matches: parent, of: of, ratio: ratio, fraction: fraction ?? .value(1), capPerClaim: cap))
    }
}
