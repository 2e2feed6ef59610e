/// A line-by-line difference of two texts, printed in the unified style of `diff -u`.
public enum LineDiff {
    public enum Edit: Equatable, Sendable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The most cells of the longest-common-subsequence table: past it, the differing middle of
    /// the two texts (after their common first and last lines) is shown as removed, then added.
    static let maxCells = 4_000_000

    /// The edits that turn `a` into `b`: a longest common subsequence of lines kept.
    public static func edits(_ a: [String], _ b: [String]) -> [Edit] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let x = Array(a[prefix..<(a.count - suffix)]), y = Array(b[prefix..<(b.count - suffix)])
        var middle: [Edit] = []
        if x.count * y.count > maxCells {
            middle = x.map(Edit.removed) + y.map(Edit.added)
        } else {
            // lcs[i * (m + 1) + j]: the longest common subsequence of x[i...] and y[j...].
            let n = x.count, m = y.count
            var lcs = [Int32](repeating: 0, count: (n + 1) * (m + 1))
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lcs[i * (m + 1) + j] =
                        x[i] == y[j] ? lcs[(i + 1) * (m + 1) + j + 1] + 1 : Swift.max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1])
                }
            }
            var i = 0, j = 0
            while i < n || j < m {
                if i < n, j < m, x[i] == y[j] {
                    middle.append(.same(x[i]))
                    i += 1
                    j += 1
                } else if j == m || (i < n && lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) {
                    middle.append(.removed(x[i]))
                    i += 1
                } else {
                    middle.append(.added(y[j]))
                    j += 1
                }
            }
        }
        return a[..<prefix].map(Edit.same) + middle + a[(a.count - suffix)...].map(Edit.same)
    }

    /// The lines of `text`, without their line ends.
    public static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// `a` and `b` compared as `diff -u` shows them: the two labels, then each group of changed
    /// lines with `context` unchanged lines around it under its `@@ -start,count +start,count @@`
    /// heading; nil when the texts have the same lines.
    public static func unified(_ a: String, _ b: String, labelA: String, labelB: String, context: Int = 3) -> String? {
        let edits = edits(lines(a), lines(b))
        let changed = edits.indices.filter { if case .same = edits[$0] { false } else { true } }
        guard let first = changed.first else { return nil }
        // Groups of changes whose contexts touch or overlap, as ranges of `edits`.
        var groups: [ClosedRange<Int>] = []
        var start = first, end = first
        for c in changed.dropFirst() {
            if c - end > 2 * context {
                groups.append(start...end)
                start = c
            }
            end = c
        }
        groups.append(start...end)
        // The line of `a` and of `b` at which each edit starts (1-based).
        var lineA = [Int](), lineB = [Int]()
        var la = 1, lb = 1
        for e in edits {
            lineA.append(la)
            lineB.append(lb)
            switch e {
            case .same:
                la += 1
                lb += 1
            case .removed: la += 1
            case .added: lb += 1
            }
        }
        var out = ["--- \(labelA)", "+++ \(labelB)"]
        for g in groups {
            let range = Swift.max(0, g.lowerBound - context)...Swift.min(edits.count - 1, g.upperBound + context)
            let slice = edits[range]
            let countA = slice.filter { if case .added = $0 { false } else { true } }.count
            let countB = slice.filter { if case .removed = $0 { false } else { true } }.count
            // An empty side starts at the line before, as `diff -u` writes it.
            let startA = countA == 0 ? lineA[range.lowerBound] - 1 : lineA[range.lowerBound]
            let startB = countB == 0 ? lineB[range.lowerBound] - 1 : lineB[range.lowerBound]
            out.append("@@ -\(startA),\(countA) +\(startB),\(countB) @@")
            for e in slice {
                switch e {
                case let .same(l): out.append(" " + l)
                case let .removed(l): out.append("-" + l)
                case let .added(l): out.append("+" + l)
                }
            }
        }
        return out.joined(separator: "\n")
    }
}
