import Foundation
import Yams

/// A number in a scenario that no text states — an uptake count, an approval rate, a claim's size, a
/// default probability, a recovery, a share or a budget written as a literal rather than read from a
/// `parameters:` entry — which sensitivity analysis moves by a stated fraction.
///
/// A swing is a reform: `overrides(factor:)` are the `--set` a user would write to run the same
/// case with `cofund compare`.
public struct Assumption: Sendable {
    /// How the assumption moves when scaled by a factor f.
    public enum Kind: Sendable, Equatable {
        /// A number: v·f, kept within `bounds`.
        case number
        /// A yearly count's level: the mean (or fixed value) times f; its spread and growth kept.
        case countLevel
        /// A yearly count's growth rate: g·f.
        case growth
        /// A per-claim distribution (a base, an award, a principal, a recovery): every value it takes
        /// times f, so its mean moves by f and its shape is kept.
        case size
        /// One entry of a group whose entries keep their total (the literal shares of a program, the
        /// weights of loan segments, the probabilities of award tiers): the entry times f, within
        /// [0, total], the others rescaled in proportion.
        case mix
        /// An appropriation: every year's amount times f.
        case budget
    }

    /// The field as a reform names it: `programs.rd_post_subsidy.claims.count`.
    public var path: String
    /// The program's id, nil for a budget line.
    public var program: String?
    /// The budget line's id, nil for a program's field.
    public var line: String?
    /// The field in words: "applications a year", "claim size (base)", "share paid by city".
    public var field: String
    public var kind: Kind
    /// The level the factor scales: the number, the count's mean, the growth rate, 1 for a size or
    /// a budget (their swing is read as a factor).
    public var value: Double
    /// Where the moved value must stay.
    public var bounds: ClosedRange<Double>

    /// The field's node as written (a number, a distribution, a count, a budget).
    let node: YAMLValue
    /// For a mix: the other entries of the group, path and value.
    let others: [(path: String, value: Double)]

    /// The moved level at factor `f`, within `bounds`.
    public func level(_ f: Double) -> Double {
        switch kind {
        case .mix: Swift.min(Swift.max(value * f, 0), groupTotal)
        case .countLevel where isWholeCount: Swift.max((value * f).rounded(), 0)
        default: Swift.min(Swift.max(value * f, bounds.lowerBound), bounds.upperBound)
        }
    }

    /// Whether scaling moves anything: a zero level scaled stays zero.
    public var canMove: Bool { value != 0 && (kind != .mix || others.contains { $0.value != 0 }) }

    /// A fixed count without growth: the decoder takes whole numbers only.
    private var isWholeCount: Bool {
        let n = node.node
        if case .scalar = n { return true }
        return n.text(forKey: "dist") == "fixed" && (n.text(forKey: "growth").flatMap(YAMLReader.parseNumber) ?? 0) == 0
    }

    private var groupTotal: Double { value + others.reduce(0) { $0 + $1.value } }

    /// The overrides that set this assumption to its level at factor `f`.
    public func overrides(factor f: Double) -> [Override] {
        func override(_ path: String, _ node: Node) -> Override {
            Override(path: path, value: node, file: "sensitivity", line: 1, column: 1)
        }
        let moved = level(f)
        switch kind {
        case .number, .growth:
            return [override(path, Self.number(moved))]
        case .countLevel:
            guard case let .mapping(m) = node.node else { return [override(path, Self.number(moved))] }
            let key = m.first { $0.key.scalar?.string == "value" } != nil ? "value" : "mean"
            return [override(path, Self.replacing(node.node, keys: [key]) { _ in moved })]
        case .size, .budget:
            return [override(path, Self.scaled(node.node, by: f))]
        case .mix:
            let rest = groupTotal - value
            let k = rest > 0 ? (groupTotal - moved) / rest : 1
            return [override(path, Self.number(moved))] + others.map { override($0.path, Self.number($0.value * k)) }
        }
    }

    /// The value at factor `f` as a number: the moved level, or `f` itself for a size or a budget.
    public func number(_ f: Double) -> Double {
        switch kind {
        case .size, .budget: f
        default: level(f)
        }
    }

    /// The value at factor `f` as a person reads it: `3,200`, `0.72`, `×0.8`.
    public func text(_ f: Double) -> String {
        switch kind {
        case .size, .budget: "×" + Formatting.trimmed(f)
        default: Formatting.trimmed(level(f))
        }
    }

    // MARK: - Nodes

    static func number(_ v: Double) -> Node {
        // 12 significant digits: the moved value reads back as written and carries no binary noise.
        Node(String(format: "%.12g", v))
    }

    /// `node` with every number scaled by `f` (a distribution keeps its `dist`; a per-year mapping
    /// keeps its years as keys).
    static func scaled(_ node: Node, by f: Double) -> Node {
        switch node {
        case let .scalar(s):
            guard let v = YAMLReader.parseNumber(s.string) else { return node }
            return number(v * f)
        case let .mapping(m):
            return .mapping(Node.Mapping(m.map { ($0.key, scaled($0.value, by: f)) }, m.tag, m.style))
        case let .sequence(items):
            return .sequence(Node.Sequence(items.map { scaled($0, by: f) }, items.tag, items.style))
        case .alias:
            return node
        }
    }

    /// The mapping `node` with the numbers under `keys` replaced by `transform` of them.
    static func replacing(_ node: Node, keys: Set<String>, _ transform: (Double) -> Double) -> Node {
        guard case let .mapping(m) = node else { return node }
        return .mapping(
            Node.Mapping(
                m.map { entry in
                    guard let k = entry.key.scalar?.string, keys.contains(k),
                        let v = entry.value.scalar.flatMap({ YAMLReader.parseNumber($0.string) })
                    else { return entry }
                    return (entry.key, number(transform(v)))
                }, m.tag, m.style))
    }
}
