/// The pipeline before the horizon: claims and loans made before the scenario's first year whose
/// payments fall within it (a payment lag, a match paid a year after its parent, a loan still
/// running) are simulated from `claimsFrom` on; only what is paid in the horizon (and after it)
/// is reported.
extension Scenario {
    /// The longest simulated span, from the first year in which claims are simulated to the last
    /// year: the same bound as the horizon's.
    public static let maxSimulatedYears = 50

    /// The years from a claim (a loan's first year) to the last payment it leads to, per program:
    /// a loan program's term − 1 (and a risk pool's recovery lag) plus its payment span, a match's parent's reach plus its own
    /// payment span (payment_lag + schedule length − 1). A match of a program that is missing or
    /// part of a cycle counts from 0.
    public var programReach: [Int] {
        let index = Dictionary(programs.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var reach = [Int?](repeating: nil, count: programs.count)
        func compute(_ i: Int, _ visiting: Set<Int>) -> Int {
            if let r = reach[i] { return r }
            let p = programs[i]
            var start = 0
            switch p.rule {
            case let .riskCompensation(r): start = r.loans.term - 1 + r.recovery.lag
            case let .interestSubsidy(r): start = r.loans.term - 1
            case let .matching(m):
                if let parent = index[m.matches], !visiting.contains(parent) { start = compute(parent, visiting.union([i])) }
            case .rate, .award: break
            }
            let r = start + p.paymentSpan
            reach[i] = r
            return r
        }
        return programs.indices.map { compute($0, [$0]) }
    }

    /// Per program, the years from a claim (a loan's first year) to the last payment it leads to
    /// through the program itself or any of its matches, at any depth (`programReach` counts a
    /// match's years from its root's claim). A claim made more than this many years before the
    /// first year leads to no payment in the horizon or after it, so it is not drawn.
    public var claimReach: [Int] {
        let reach = programReach
        let index = Dictionary(programs.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var longest = reach
        for (i, p) in programs.enumerated() {
            guard case var .matching(m) = p.rule else { continue }
            var seen: Set<Int> = [i]
            while let parent = index[m.matches], seen.insert(parent).inserted {
                longest[parent] = Swift.max(longest[parent], reach[i])
                guard case let .matching(up) = programs[parent].rule else { break }
                m = up
            }
        }
        return longest
    }

    /// The first year in which claims and loans are simulated: `history_from` when the file sets
    /// it, otherwise the first year minus the longest reach, no earlier than allowed by
    /// `maxSimulatedYears`.
    public var claimsFrom: Int {
        if let historyFrom { return historyFrom }
        return Swift.max(years.lowerBound - (programReach.max() ?? 0), earliestClaimsFrom)
    }

    /// The earliest `history_from` allowed: `maxSimulatedYears` years up to the last year.
    public var earliestClaimsFrom: Int { years.upperBound - Self.maxSimulatedYears + 1 }

    /// The years `p` declares for its claims: its `years:`, or from `claimsFrom` to the last year.
    public func declaredClaimYears(of p: Program) -> ClosedRange<Int> {
        p.activeYears ?? (claimsFrom...years.upperBound)
    }

    /// The years in which `p` takes claims: its declared years (`declaredClaimYears`) within its
    /// text's force (`Program.forceYears`); nil when no simulated year is left.
    public func claimYears(of p: Program) -> ClosedRange<Int>? {
        let declared = declaredClaimYears(of: p)
        let (first, last) = p.forceYears
        let lo = Swift.max(declared.lowerBound, first ?? declared.lowerBound)
        let hi = Swift.min(declared.upperBound, last ?? declared.upperBound)
        return lo <= hi ? lo...hi : nil
    }

    /// The programs that take claims after their text's `in_force.until` within the simulated
    /// years, because the file says `continue_after_expiry: true`.
    public var programsPastExpiry: [Program] {
        programs.filter { p in
            guard p.continuesAfterExpiry, let last = p.inForce?.lastYear else { return false }
            return declaredClaimYears(of: p).upperBound > last
        }
    }

    /// The programs whose text expires before the end of their declared claim years and which
    /// therefore stop taking claims (no `continue_after_expiry`).
    public var programsStoppedAtExpiry: [Program] {
        programs.filter { p in
            guard !p.continuesAfterExpiry, let last = p.inForce?.lastYear else { return false }
            return declaredClaimYears(of: p).upperBound > last
        }
    }

    /// The year in which `p`'s count has its stated mean (its `growth` counts from there): its
    /// declared first year, or the scenario's first year.
    public func growthAnchor(of p: Program) -> Int {
        p.activeYears?.lowerBound ?? years.lowerBound
    }
}
