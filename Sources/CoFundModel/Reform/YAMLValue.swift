import Yams

/// A YAML value held in a `Sendable` form, from which a fresh `Yams.Node` is built on each access.
///
/// `Node` is not `Sendable`, and wrapping it in `@unchecked Sendable` would not be sound: a node's
/// `Tag` is a class whose name is resolved lazily, in place, the first time it is read, so two
/// threads reading the same node race. This mirror keeps everything the decoder and the reports
/// read (the text of each scalar, its tag name and style, and the shape) and drops the position,
/// which belongs to the reform file rather than to the scenario the value is written into.
indirect enum YAMLValue: Sendable, Hashable {
    case scalar(String, tag: String, style: UInt32)
    case sequence([YAMLValue], tag: String, style: UInt32)
    case mapping([Pair], tag: String, style: UInt32)

    struct Pair: Sendable, Hashable {
        var key: YAMLValue
        var value: YAMLValue
    }

    /// The value of `node` (an alias, which composing never leaves in a tree, becomes its `*name` text).
    init(_ node: Node) {
        switch node {
        case let .scalar(s):
            self = .scalar(s.string, tag: s.tag.description, style: s.style.rawValue)
        case let .sequence(s):
            self = .sequence(s.map(YAMLValue.init), tag: s.tag.description, style: s.style.rawValue)
        case let .mapping(m):
            self = .mapping(m.map { Pair(key: YAMLValue($0.key), value: YAMLValue($0.value)) }, tag: m.tag.description, style: m.style.rawValue)
        case let .alias(a):
            self = .scalar("*\(a.anchor.rawValue)", tag: "", style: Node.Scalar.Style.plain.rawValue)
        }
    }

    /// A new node tree with this value and no positions.
    var node: Node {
        switch self {
        case let .scalar(text, tag, style):
            .scalar(.init(text, Tag(Tag.Name(rawValue: tag)), Node.Scalar.Style(rawValue: style) ?? .any))
        case let .sequence(items, tag, style):
            .sequence(.init(items.map(\.node), Tag(Tag.Name(rawValue: tag)), Node.Sequence.Style(rawValue: style) ?? .any))
        case let .mapping(pairs, tag, style):
            .mapping(.init(pairs.map { ($0.key.node, $0.value.node) }, Tag(Tag.Name(rawValue: tag)), Node.Mapping.Style(rawValue: style) ?? .any))
        }
    }

    /// The number of nodes in `node`, counting at most `limit + 1` (so that a value built of
    /// nested aliases, which composing shares but a copy would expand, is measured cheaply).
    static func count(_ node: Node, limit: Int) -> Int {
        var n = 0
        var pending = [node]
        while let next = pending.popLast(), n <= limit {
            n += 1
            switch next {
            case let .sequence(s): pending += s
            case let .mapping(m): for (k, v) in m { pending.append(k); pending.append(v) }
            default: break
            }
        }
        return n
    }
}
