/// A program field in words, for the rows of a sensitivity ranking: "approval rate", "claim size
/// (base)", "share paid by city". The field's path goes beside it for the exact reference.
public enum FieldWords {
    static let budgetLine = "appropriation, every year"

    static func words(key: String, parent: String?) -> String {
        switch (key, parent) {
        case ("approval", _): "approval rate"
        case ("base", _): "claim size (base)"
        case ("amount", "tiers"): "tier award"
        case ("amount", _): "award per claim"
        case ("principal", _): "loan size"
        case ("rate", "recovery"): "recovery on default"
        case ("rate", _): "rate"
        case ("pd", _): "default probability"
        case ("rho", _): "default correlation"
        case ("fraction", _): "share of claims in scope"
        case ("probability", "tiers"): "chance of this tier"
        case ("probability", _): "chance a claim includes it"
        case ("weight", _): "share of loans in the segment"
        case ("interest_rate", _): "loan interest rate"
        case ("fee_rate", _): "fee rate"
        case ("cap_per_claim", _): "cap per claim"
        case ("cap_per_borrower", _): "cap per borrower"
        case ("min_base", _): "minimum base"
        case ("ratio", _): "match ratio"
        case ("up_to", _): "bracket threshold"
        default: key.replacingOccurrences(of: "_", with: " ")
        }
    }

    static func count(path: String) -> String {
        path.hasSuffix("loans.count") ? "new loans a year" : "claims a year"
    }

    static func growth(of count: String) -> String { "yearly growth of \(count)" }

    static func budget(funder: String?) -> String { funder.map { "budget (\($0))" } ?? "budget" }

    static func share(of funder: String, loss: Bool) -> String { loss ? "loss share of \(funder)" : "share paid by \(funder)" }

    /// `words` of a field inside a list item: "chance a claim includes it (equipment)", "tier award (tier 2)".
    static func item(_ words: String, _ itemPath: String, _ listPath: String) -> String {
        let name = String(itemPath.dropFirst(listPath.count))
        if name.hasPrefix("["), let i = Int(name.dropFirst().dropLast()) {
            let noun = listPath.hasSuffix("tiers") ? "tier" : "item"
            return "\(words) (\(noun) \(i + 1))"
        }
        return "\(words) (\(name.dropFirst()))"
    }

    /// The words of an engine parameter's path (`programs.rd.claims.approval`,
    /// `programs.rc.segments[0].pd`, `programs.rc.loss_shares.province`).
    public static func slot(_ path: String) -> String {
        var parts = path.split(separator: ".").map(String.init)
        if parts.first == "programs" { parts.removeFirst(2) }
        guard let key = parts.last else { return path }
        let parent = parts.count > 1 ? parts[parts.count - 2] : nil
        if parent == "loss_shares" || parent == "share" { return share(of: key, loss: parent == "loss_shares") }
        func bare(_ s: String) -> String { s.firstIndex(of: "[").map { String(s[..<$0]) } ?? s }
        var words = words(key: key, parent: parent.map(bare))
        if let item = parts.dropLast().last(where: { $0.contains("[") }), let open = item.firstIndex(of: "["),
            let i = Int(item[item.index(after: open)...].dropLast())
        {
            words += " (\(bare(item) == "segments" ? "segment" : "item") \(i + 1))"
        } else if parts.count > 2, parts[0] == "components" {
            words += " (\(parts[1]))"
        }
        return words
    }
}
