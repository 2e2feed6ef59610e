import Yams

extension Node {
    /// The value under the plain key `key` when this node is a mapping (the first such entry, as
    /// the decoder reads it), compared by text alone.
    func value(forKey key: String) -> Node? {
        guard case let .mapping(m) = self else { return nil }
        return m.first { $0.key.scalar?.string == key }?.value
    }

    /// The text of the scalar under `key`, e.g. a program's `kind` or a list item's `id`.
    func text(forKey key: String) -> String? { value(forKey: key)?.scalar?.string }

    /// The plain keys of this mapping, in order; empty for other nodes.
    var plainKeys: [String] {
        guard case let .mapping(m) = self else { return [] }
        return m.compactMap { $0.key.scalar?.string }
    }
}
