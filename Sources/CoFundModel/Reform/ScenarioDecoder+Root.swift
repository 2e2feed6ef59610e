import Yams

extension ScenarioDecoder {
    /// Decodes and validates an already composed node tree, such as a scenario changed by reforms.
    /// Positions in messages are those carried by the nodes; nodes without one (values written by a
    /// reform) are placed at their nearest written ancestor.
    static func decode(root: Node, file: String) throws(ScenarioIssues) -> Scenario {
        try ScenarioDecoder(reader: YAMLReader(file: file)).decode(root: root)
    }
}
