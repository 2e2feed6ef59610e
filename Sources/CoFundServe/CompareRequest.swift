import CoFundModel
import Foundation

/// A `POST /api/compare` body: `{"reform": [{"path": P, "value": V}, …], "paths": N}`, each
/// override written as `--set P=V` would be.
public struct CompareRequest: Sendable, Equatable {
    public var overrides: [(path: String, value: String)]
    public var paths: Int

    /// The bounds on a request, so that one run stays short.
    public static let maxBodyBytes = 64 * 1024
    public static let maxOverrides = 200

    public static func == (a: Self, b: Self) -> Bool {
        a.paths == b.paths && a.overrides.map(\.path) == b.overrides.map(\.path) && a.overrides.map(\.value) == b.overrides.map(\.value)
    }

    /// The overrides as `--set` assignments.
    public var assignments: [String] { overrides.map { "\($0.path)=\($0.value)" } }

    struct Body: Decodable {
        var reform: [Item]?
        var paths: Int?
    }

    struct Item: Decodable {
        var path: String
        var value: ValueText
    }

    /// A value given as text, or as a JSON number or boolean (written as YAML would read it).
    struct ValueText: Decodable {
        var text: String
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let s = try? c.decode(String.self) {
                text = s
            } else if let i = try? c.decode(Int64.self) {
                text = String(i)
            } else if let d = try? c.decode(Double.self) {
                text = "\(d)"
            } else if let b = try? c.decode(Bool.self) {
                text = b ? "true" : "false"
            } else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "a value is text, a number or true/false")
            }
        }
    }

    /// Reads `data`; `defaultPaths` when the body names none, refused above `maxPaths`.
    public static func parse(_ data: Data, defaultPaths: Int, maxPaths: Int) -> Result<CompareRequest, APIError> {
        guard data.count <= maxBodyBytes else {
            return .failure(APIError("the request is \(data.count) bytes; at most \(maxBodyBytes) are read"))
        }
        let body: Body
        do { body = try JSONDecoder().decode(Body.self, from: data) } catch {
            return .failure(APIError("the request is not {\"reform\": [{\"path\": …, \"value\": …}], \"paths\": N}: \(error)"))
        }
        let paths = body.paths ?? defaultPaths
        guard (1...maxPaths).contains(paths) else {
            return .failure(
                APIError(
                    "paths must be from 1 to \(maxPaths) on the drafting page (asked: \(paths)); for more, run `cofund compare --paths N`"))
        }
        let items = body.reform ?? []
        guard items.count <= maxOverrides else {
            return .failure(APIError("the reform has \(items.count) overrides; at most \(maxOverrides) are read"))
        }
        var issues: [ScenarioIssue] = []
        for (i, item) in items.enumerated() where item.path.contains("=") || item.path.contains("\n") {
            issues.append(
                ScenarioIssue(
                    file: "--set", line: i + 1, column: 1, field: item.path, message: "a path has no `=` or line break",
                    hint: "write the field's dotted path, e.g. parameters.rd_cap"))
        }
        guard issues.isEmpty else { return .failure(APIError(ScenarioIssues(issues), paths: items.map(\.path))) }
        return .success(CompareRequest(overrides: items.map { ($0.path, $0.value.text) }, paths: paths))
    }
}

/// A refused request: HTTP 400 with `{"error": MESSAGE, "issues": [{index, path, message}]}`, each
/// issue located as `cofund compare --set` locates it and tied to the override (`index`, from 0)
/// it is about when it is about one.
public struct APIError: Error, Sendable {
    public var message: String
    public var issues: [Issue] = []

    public struct Issue: Sendable, Encodable {
        public var index: Int?
        public var path: String
        public var message: String
    }

    public init(_ message: String) { self.message = message }

    /// The problems of the reform's overrides, whose paths are `paths` in order.
    public init(_ problems: ScenarioIssues, paths: [String]) {
        let count = problems.issues.count == 1 ? "1 problem" : "\(problems.issues.count) problems"
        message = "the reform: \(count)\n" + problems.issues.map { "  \($0)\n" }.joined()
        issues = problems.issues.map { issue in
            let index = issue.file == "--set" && paths.indices.contains(issue.line - 1) ? issue.line - 1 : paths.firstIndex(of: issue.field)
            return Issue(index: index, path: index.map { paths[$0] } ?? issue.field, message: issue.description)
        }
    }

    struct Document: Encodable {
        var error: String
        var issues: [Issue]
    }

    public var json: String { ServeJSON.text(Document(error: message, issues: issues)) }
}
