extension Scenario {
    /// The name the reports give a funder column: a funder's name, the government total's name for
    /// `Funder.governmentID`, "all funders" for nil, else the id itself.
    public func reportedFunderName(_ id: String?) -> String {
        guard let id else { return "all funders" }
        if let f = funder(id) { return f.name }
        return id == Funder.governmentID ? Funder.governmentName : id
    }

    /// The funders whose payments are fiscal outlays, in the scenario's order.
    public var fiscalFunderIDs: [String] { funders.filter(\.fiscal).map(\.id) }
}
