import CoFundModel

extension PathSimulator {
    /// A risk program's payments by year: each installment of each year's `CompensationFlows`,
    /// version by version (of the loans' origination year) and segment by segment, split with
    /// `CompensationFlows.funder` between the funders with a loss share, at their version's
    /// shares, and `CompensationFlows.residual` for the residual funder `bank`; `amounts` gets the net.
    func settleCompensation(_ p: ProgramPlan, _ segmentShares: [[Int]], bank: Int) {
        let pi = p.index
        let e = plan.span
        let nf = p.funderIDs.count
        let params = scratch.params + scratch.paramBase[pi]
        let rows = scratch.flowRows(pi)
        let stride = CompensationRow.count * e
        let schedule = p.program.paymentSchedule
        let lag = p.program.paymentLag
        let segments = segmentShares.count
        for t in 0..<e {
            for f in 0..<nf { compensation[pi][f][t] = .zero }
            for (k, w) in schedule.enumerated() {
                let src = t - lag - k
                guard src >= 0 else { break }
                for version in p.versions.indices {
                    let v = params + version * p.slotCount
                    let versionRows = rows + version * segments * stride
                    for (s, shares) in segmentShares.enumerated() {
                        let flows = CompensationRow.read(versionRows + s * stride, span: e, year: src).scaled(w)
                        var paid = FunderFlows.zero
                        for f in 0..<nf where shares[f] >= 0 {
                            let x = flows.funder(share: v[shares[f]])
                            paid = paid + x
                            compensation[pi][f][t] = compensation[pi][f][t] + x
                        }
                        compensation[pi][bank][t] = compensation[pi][bank][t] + flows.residual(paid: paid)
                    }
                }
            }
            for f in 0..<nf { amounts[pi][f][t] = compensation[pi][f][t].net }
        }
    }

    /// Brings the gross and recovered payments in line with `amounts` after rationing: a funder
    /// whose net payment of a year was scaled has both its gross and recovered payments scaled by
    /// the same factor, and what they lose is added to the residual funder's.
    func followRationing(_ p: ProgramPlan, bank: Int) {
        let pi = p.index
        for t in 0..<plan.span {
            var cut = FunderFlows.zero
            for f in 0..<p.funderIDs.count where f != bank {
                let x = compensation[pi][f][t]
                let before = x.net
                let after = amounts[pi][f][t]
                guard after != before, before != 0 else { continue }
                let factor = after / before
                let kept = FunderFlows(gross: x.gross * factor, recovered: x.recovered * factor)
                cut = cut + FunderFlows(gross: x.gross - kept.gross, recovered: x.recovered - kept.recovered)
                compensation[pi][f][t] = kept
            }
            compensation[pi][bank][t] = compensation[pi][bank][t] + cut
        }
    }

    /// Adds a risk program's gross and recovered payments into the path's series values.
    func accumulateCompensation(_ p: ProgramPlan, into out: UnsafeMutablePointer<Double>) {
        let pi = p.index
        let h = plan.history
        for f in 0..<p.funderIDs.count {
            for t in h..<plan.span where compensation[pi][f][t] != .zero {
                plan.layout.accumulateFlows(compensation[pi][f][t], program: pi, funder: f, eventYear: t - h, into: out)
            }
        }
    }
}
