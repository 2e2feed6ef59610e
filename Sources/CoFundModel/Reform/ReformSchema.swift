import Yams

/// Which keys a reform may add to a mapping of the scenario, so that a misspelt path is reported at
/// the override with a did-you-mean rather than written into the scenario.
///
/// Program, distribution and count keys come from the decoder's own tables. Where a place is not
/// listed here (list items such as segments, tiers or components, free text) any key may be added
/// and the decoder judges it; its issue is then attributed to the override.
enum ReformSchema {
    /// The kind of place a mapping occupies in a scenario.
    enum Slot: Equatable {
        case root, header, funders, funder, programs, program, claims, loans, budgetLines, budgetLine
        /// `share`, `budget`, `loss_shares`: keyed by funder id.
        case funderMap
        /// A list whose items are judged by the decoder (segments, tiers, brackets, components).
        case items
        case item
        /// A number or a distribution (`counts`: a count of claims or loans).
        case value(counts: Bool)
        case other
    }

    static let headerKeys = ScenarioDecoder.headerKeys
    static let funderKeys = ScenarioDecoder.funderKeys
    static let claimsKeys = ScenarioDecoder.claimsKeys
    static let loansKeys = ScenarioDecoder.loansKeys
    static let funderMaps: Set<String> = ["share", "budget", "loss_shares"]
    static let itemLists: Set<String> = ["segments", "tiers", "brackets", "components"]
    static let textFields: Set<String> = [
        "id", "name", "source", "kind", "assumption", "years", "in_force", "continue_after_expiry", "rationing",
        "payment_lag", "payment_schedule", "matches", "of", "residual", "factor", "combine", "claim_date",
    ]

    /// The slot of the value under `key` in a mapping at `slot`.
    static func child(of slot: Slot, key: String) -> Slot {
        switch slot {
        case .root:
            switch key {
            case "scenario": .header
            case "funders": .funders
            case "programs": .programs
            case "budget_lines": .budgetLines
            default: .other
            }
        case .program, .item:
            if key == "claims", slot == .program {
                .claims
            } else if key == "loans", slot == .program {
                .loans
            } else if funderMaps.contains(key) {
                .funderMap
            } else if itemLists.contains(key) {
                .items
            } else if textFields.contains(key) {
                .other
            } else {
                .value(counts: false)
            }
        case .claims, .loans: .value(counts: key == "count")
        case .funderMap: .value(counts: false)
        default: .other
        }
    }

    /// The slot of an item of a list at `slot`.
    static func item(of slot: Slot) -> Slot {
        switch slot {
        case .funders: .funder
        case .programs: .program
        case .budgetLines: .budgetLine
        case .items: .item
        default: .other
        }
    }

    /// The keys allowed in `node`, a mapping at `slot`, or nil when the decoder is left to judge.
    static func allowedKeys(_ slot: Slot, _ node: Node, funders: [String]) -> [String]? {
        switch slot {
        case .root: ReformPath.roots
        case .header: headerKeys
        case .funder: funderKeys
        case .budgetLine: ScenarioDecoder.budgetLineKeys
        case .claims: claimsKeys
        case .loans: loansKeys
        case .funderMap: funders
        case .program: programKeys(node)
        case let .value(counts):
            // `mixing` is let through on every count: on one without a mixing variable the
            // decoder says where it belongs.
            node.text(forKey: "dist").flatMap { dist in
                counts
                    ? ScenarioDecoder.countKeys[dist].map { ["dist"] + $0 + ($0.contains("mixing") ? [] : ["mixing"]) }
                    : ScenarioDecoder.distributionKeys[dist].map { ["dist"] + $0 }
            }
        case .funders, .programs, .budgetLines, .items, .item, .other: nil
        }
    }

    /// The keys of a program of the kind `node` declares.
    private static func programKeys(_ node: Node) -> [String]? {
        guard let name = node.text(forKey: "kind"), let kind = ProgramKind(rawValue: name) else { return nil }
        return kind.allFields
    }
}
