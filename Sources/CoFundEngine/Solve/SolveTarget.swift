import CoFundModel
import Foundation

/// A target on one risk figure of a run, as `cofund solve --target` writes it:
/// `SCOPE.STAT[YEAR] <= V` or `>= V`.
///
/// SCOPE is a funder's id, `government` (the fiscal funders together), `all` (every funder) or
/// `lines.ID` (a budget line's demand; `lines.ID.FUNDER` when a program's own budget gives several
/// funders' lines the program's id). STAT is one of `statistics`; `p_over`, the chance of exceeding
/// the appropriation, belongs to lines alone. Without `[YEAR]` the figure is over the horizon: a
/// funder's horizon total, or a line's demand summed over its years and its chance of being exceeded
/// in at least one year (the `total` row of `budgets.csv`).
public struct SolveTarget: Sendable, Equatable, CustomStringConvertible {
    public enum Scope: Sendable, Equatable {
        /// A funder's id, `government` or `all`.
        case funder(String)
        /// A budget line by id, and by funder where the id alone is ambiguous.
        case line(id: String, funder: String?)
    }

    public enum Statistic: String, Sendable, CaseIterable {
        case mean, p05, p50, p90, p95, p99, cvar95, cvar99
        case pOver = "p_over"
    }

    public enum Comparison: String, Sendable {
        case atMost = "<="
        case atLeast = ">="
    }

    public var scope: Scope
    public var statistic: Statistic
    /// The calendar year; nil for the horizon.
    public var year: Int?
    public var comparison: Comparison
    public var bound: Double

    public init(scope: Scope, statistic: Statistic, year: Int?, comparison: Comparison, bound: Double) {
        self.scope = scope
        self.statistic = statistic
        self.year = year
        self.comparison = comparison
        self.bound = bound
    }

    /// The figure as written: `lines.rd.p_over`, `government.p95[2027]`.
    public var figure: String {
        let scopeText: String
        switch scope {
        case let .funder(f): scopeText = f
        case let .line(id, funder): scopeText = "lines.\(id)" + (funder.map { ".\($0)" } ?? "")
        }
        return "\(scopeText).\(statistic.rawValue)" + (year.map { "[\($0)]" } ?? "")
    }

    public var description: String { "\(figure) \(comparison.rawValue) \(SolveTarget.number(bound))" }

    /// Whether a figure of `value` meets the target.
    public func isMet(by value: Double) -> Bool {
        switch comparison {
        case .atMost: value <= bound
        case .atLeast: value >= bound
        }
    }

    /// The grammar, for messages.
    public static let grammar =
        "write FIGURE<=V or FIGURE>=V, FIGURE being SCOPE.STAT or SCOPE.STAT[YEAR], e.g. 'lines.rd_line_city.p_over<=0.10' or 'government.p95[2027]<=150000'"

    /// The statistics, for messages.
    public static var statisticNames: String { Statistic.allCases.map(\.rawValue).joined(separator: ", ") }

    /// Parses `FIGURE<=V` or `FIGURE>=V` (`≤` and `≥` too; spaces allowed around the sign).
    public static func parse(_ text: String) throws(SolveProblem) -> SolveTarget {
        let signs: [(String, Comparison)] = [("<=", .atMost), ("≤", .atMost), (">=", .atLeast), ("≥", .atLeast)]
        let found = signs.compactMap { sign, c in text.range(of: sign).map { ($0, c) } }
        guard found.count == 1, let (range, comparison) = found.first else {
            let extra = text.contains("<") || text.contains(">") || text.contains("=") ? " (one comparison, <= or >=; < and > are not taken)" : ""
            throw SolveProblem("the target `\(text)` has no comparison\(extra)", hint: grammar)
        }
        let figure = text[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
        let valueText = text[range.upperBound...].trimmingCharacters(in: .whitespaces)
        guard let bound = Double(valueText.replacingOccurrences(of: "_", with: "")), bound.isFinite else {
            throw SolveProblem("the target's bound `\(valueText)` is not a finite number", hint: grammar)
        }
        var body = Substring(figure)
        var year: Int?
        if body.hasSuffix("]") {
            guard let open = body.lastIndex(of: "["), let y = Int(body[body.index(after: open)..<body.index(before: body.endIndex)]) else {
                throw SolveProblem("`\(figure)`: a year is written [YYYY], e.g. government.p95[2027]", hint: grammar)
            }
            year = y
            body = body[..<open]
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, !parts.contains(where: \.isEmpty) else {
            throw SolveProblem("`\(figure)` is not SCOPE.STAT", hint: grammar)
        }
        let statText = parts[parts.count - 1]
        guard let statistic = Statistic(rawValue: statText) else {
            let hint = DidYouMean.suggestion(for: statText, among: Statistic.allCases.map(\.rawValue)).map { "did you mean `\($0)`? " } ?? ""
            throw SolveProblem("unknown statistic `\(statText)` in `\(figure)`", hint: "\(hint)the statistics are \(statisticNames)")
        }
        let scopeParts = Array(parts.dropLast())
        let scope: Scope
        if scopeParts[0] == "lines" {
            guard (2...3).contains(scopeParts.count) else {
                throw SolveProblem("`\(figure)`: a budget line is lines.ID, or lines.ID.FUNDER", hint: grammar)
            }
            scope = .line(id: scopeParts[1], funder: scopeParts.count == 3 ? scopeParts[2] : nil)
        } else {
            guard scopeParts.count == 1 else {
                throw SolveProblem(
                    "`\(figure)`: the scope is a funder's id, government, all or lines.ID", hint: grammar)
            }
            scope = .funder(scopeParts[0])
        }
        if statistic == .pOver, case .funder = scope {
            throw SolveProblem(
                "`\(figure)`: p_over is a budget line's chance of being exceeded; a funder has no appropriation of its own",
                hint:
                    "name a line, lines.ID.p_over, or a statistic of the funder's cost: \(statisticNames.replacingOccurrences(of: ", p_over", with: ""))"
            )
        }
        return SolveTarget(scope: scope, statistic: statistic, year: year, comparison: comparison, bound: bound)
    }

    /// A figure for reading: whole for magnitudes of 100 and more, four significant digits below.
    public static func display(_ v: Double) -> String {
        guard v.isFinite else { return "\(v)" }
        return abs(v) >= 100 ? String(format: "%.0f", v) : String(format: "%.4g", v)
    }

    /// `v` as a short decimal: `0.1`, `150000`, `1.5e-07`.
    public static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
}

/// A target, lever or range that cannot be used, with what to write instead.
public struct SolveProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { message + (hint.map { "; \($0)" } ?? "") }
}
