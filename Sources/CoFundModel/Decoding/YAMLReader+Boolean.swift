import Yams

extension YAMLReader {
    /// `true` or `false`, as written (YAML 1.2's core schema: `true`, `True`, `TRUE` and the same
    /// for false); anything else — `yes`, `1`, a list — is reported.
    func boolean(_ node: Node, _ field: String) -> Bool? {
        guard case .scalar = node else {
            fail(field, node, "expected true or false, found \(describe(node))")
            return nil
        }
        guard let text = string(node, field) else { return nil }
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            fail(field, node, "expected true or false, found `\(text)`", hint: "write `true` or `false`")
            return nil
        }
    }
}
