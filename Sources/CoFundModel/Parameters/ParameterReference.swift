import Yams

/// A field of a program or budget line written `{param: id}`: it reads the parameter's value in
/// force in each year.
struct ParameterReference {
    /// The parameter's id.
    var parameter: String
    /// The node `{param: id}`.
    var node: Node
    /// The field's path inside its program as a reform names it (`share.city`,
    /// `components.equipment.rate`).
    var field: String
    /// The decoder's path from the program (`share.city`, `components[0].rate`).
    var decoderField: String
    /// The key holding the reference and the key of the mapping above it.
    var key: String
    var parentKey: String?

    /// The id of a node written `{param: id}`, nil for any other node.
    static func id(of node: Node) -> String? {
        guard case let .mapping(m) = node, m.count == 1, let (k, v) = m.first, k.scalar?.string == "param" else { return nil }
        return v.scalar?.string
    }

    /// Every reference in `node`, depth first in the order written; empty when the node has more
    /// than `YAMLReader.maxNodes` values (aliases expanding recursively), which the decoder refuses
    /// when it reads them.
    static func all(in node: Node) -> [ParameterReference] {
        var out: [ParameterReference] = []
        var visited = 0
        func walk(_ n: Node, _ field: String, _ decoderField: String, _ key: String, _ parent: String?) {
            visited += 1
            guard visited <= YAMLReader.maxNodes else { return }
            if let id = id(of: n) {
                out.append(ParameterReference(parameter: id, node: n, field: field, decoderField: decoderField, key: key, parentKey: parent))
                return
            }
            switch n {
            case let .mapping(m):
                for (k, v) in m {
                    guard let name = k.scalar?.string else { continue }
                    walk(v, field.isEmpty ? name : "\(field).\(name)", decoderField.isEmpty ? name : "\(decoderField).\(name)", name, key)
                }
            case let .sequence(s):
                for (i, item) in s.enumerated() {
                    let label = item.text(forKey: "id") ?? "[\(i)]"
                    walk(item, label.hasPrefix("[") ? field + label : "\(field).\(label)", "\(decoderField)[\(i)]", key, parent)
                }
            default:
                break
            }
        }
        walk(node, "", "", "", nil)
        return visited <= YAMLReader.maxNodes ? out : []
    }

    /// `node` with every reference replaced by `values[id]` (references to other ids kept).
    static func substitute(_ node: Node, _ values: [String: Node]) -> Node {
        if let id = id(of: node) { return values[id] ?? node }
        switch node {
        case let .mapping(m):
            return .mapping(Node.Mapping(m.map { ($0.key, substitute($0.value, values)) }, m.tag, m.style, m.mark))
        case let .sequence(s):
            return .sequence(Node.Sequence(s.map { substitute($0, values) }, s.tag, s.style, s.mark))
        default:
            return node
        }
    }

    /// What the field measures, nil when it cannot read a parameter (an uptake assumption, a
    /// distribution's own parameters, text).
    var measure: FieldMeasure? { FieldMeasure.of(key: key, parent: parentKey) }
}

/// What a program field measures, which decides the units of the parameters it may read.
enum FieldMeasure: Equatable {
    case money, fraction, ratio, years

    static func of(key: String, parent: String?) -> FieldMeasure? {
        if let parent, ["share", "loss_shares"].contains(parent) { return .fraction }
        if parent == "budget" { return .money }
        switch key {
        case "rate", "approval", "probability", "pd", "rho", "fraction", "interest_rate", "fee_rate", "weight": return .fraction
        case "cap_per_claim", "cap_per_borrower", "floor", "min_base", "amount", "up_to": return .money
        case "ratio": return .ratio
        case "payment_lag", "lag", "term": return .years
        default: return nil
        }
    }

    /// The fields that may read a parameter, for messages.
    static let bindableFields =
        "shares and loss shares, rates, approval and use probabilities, pd, rho, caps, floors, min_base, award and tier amounts, bracket thresholds, budgets, match ratios, lags and loan terms"

    /// Whether a parameter in `unit` fits, in a scenario counting money in `money`.
    func accepts(_ unit: ParameterUnit, money: Scenario.Unit) -> Bool {
        switch self {
        case .money: unit.rawValue == money.rawValue
        case .fraction: unit == .fraction
        case .ratio: unit == .ratio || unit == .fraction
        case .years: unit == .years
        }
    }

    /// The unit such a field expects, in words.
    func expected(money: Scenario.Unit) -> String {
        switch self {
        case .money: "an amount in \(money.label) (unit: \(money.rawValue))"
        case .fraction: "a fraction from 0 to 1 (unit: fraction)"
        case .ratio: "a ratio (unit: ratio)"
        case .years: "a whole number of years (unit: years)"
        }
    }
}
