import Yams

/// Decoding of an `interest_subsidy` program: loans, the subsidised rates and the cap.
extension ScenarioDecoder {
    func interestRule(_ m: MappingCursor) -> ProgramRule? {
        let loans = loanBook(m)
        let rate = m.required("interest_rate", hint: "the loan's annual interest rate, e.g. 0.04").flatMap {
            parameter($0, m.path("interest_rate"), .nonNegative)
        }
        let fraction = m.required("fraction", hint: "the subsidised fraction of interest and fees, e.g. 0.5").flatMap {
            parameter($0, m.path("fraction"), .probability)
        }
        guard let fee = optionalParameter(m, "fee_rate", .nonNegative),
            let cap = optionalParameter(m, "cap_per_claim", .nonNegative),
            let loans, let rate, let fraction
        else { return nil }
        return .interestSubsidy(
            InterestSubsidyRule(loans: loans, interestRate: rate, feeRate: fee ?? .value(0), fraction: fraction, capPerClaim: cap))
    }
}
