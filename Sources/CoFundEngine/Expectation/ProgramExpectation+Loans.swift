import CoFundModel
import Foundation

extension ProgramExpectation {
    /// A risk pool's expected defaulted-loan flows, laid out as `PathScratch.flows`.
    ///
    /// Of the loans made in year t (mean count n̄), a share w_s is in segment s, and one defaults in
    /// loan year j with probability E[(1 − pd)^j · pd]: given the path's pd, each year's systematic
    /// factor is drawn on its own and the conditional default probability has mean pd (Vasicek), so
    /// the factors average out year by year. A loan defaulting in loan year j has non-performing
    /// principal c_j·P (the repayment's outstanding fraction), compensation base min(c_j·P, cap),
    /// and recovers the fraction r of both `recovery lag` years later; P, r, the cap and pd are drawn
    /// independently, so each flow's mean is a product of means.
    static func compensation(_ p: ProgramPlan, _ plan: SimulationPlan) -> Result<ProgramExpectation, Missing> {
        guard case let .risk(_, capSlot, segmentPD, _) = p.slots else { return .failure(Missing("not a risk pool")) }
        let span = plan.span
        let segments = p.segmentCount
        let stride = CompensationRow.count * span
        var rows = [Double](repeating: 0, count: p.versions.count * segments * stride)
        let term = p.loanTerm
        let rule = Quadrature.legendre(nodes)
        for t in p.drawnYears {
            let n = count(p, t)
            guard n > 0 else { continue }
            let k = p.versionOfYear[t]
            let v = p.versions[k]
            guard let principal = v.amount, let recovery = v.recoveryRate else { continue }
            let r = recovery.distribution.mean
            let meanPrincipal = principal.distribution.mean
            var below = 0.0
            for s in 0..<segments {
                let upper = s == segments - 1 ? 1 : v.segmentCumulative[s]
                let loans = n * (upper - below)
                below = upper
                for j in 0..<term where t + j < span {
                    // E[(1 − pd)^j · pd] over the path's pd.
                    let pdSlot = segmentPD[s]
                    let pd = v.parameters[pdSlot]
                    let defaultProbability: Double
                    if j == 0 || !pd.isUncertain {
                        defaultProbability = j == 0 ? pd.central : pow(1 - pd.central, Double(j)) * pd.central
                    } else if let sampler = v.parameterSamplers[pdSlot] {
                        defaultProbability = rule.reduce(0) { sum, node in
                            let q = sampler.quantile(node.node)
                            return sum + node.weight * pow(1 - q, Double(j)) * q
                        }
                    } else {
                        defaultProbability = pd.central
                    }
                    let outstandingFraction = p.repayment.outstanding(principal: 1, term: term, loanYear: j)
                    let base = parameterExpectation(v, slots: [capSlot]) { x in
                        PiecewiseLinear(rate: RateTerms(rate: outstandingFraction, brackets: [], floor: 0, cap: x[0], minBase: 0))?
                            .expectation(under: principal)
                    }
                    guard case let .success(meanBase) = base else { return .failure(Missing("its compensation base could not be computed")) }
                    let defaults = loans * defaultProbability
                    let flows = CompensationFlows(
                        outstanding: defaults * outstandingFraction * meanPrincipal, base: defaults * meanBase,
                        recovered: defaults * r * outstandingFraction * meanPrincipal, recoveredBase: defaults * r * meanBase)
                    let recoveryYear = t + j + p.recoveryLag
                    guard recoveryYear < span else { continue }
                    rows.withUnsafeMutableBufferPointer { buffer in
                        CompensationRow.add(
                            flows, to: buffer.baseAddress! + (k * segments + s) * stride, span: span, defaultYear: t + j,
                            recoveryYear: recoveryYear)
                    }
                }
            }
        }
        return .success(.flows(rows))
    }
}

extension ProgramExpectation {
    /// An interest subsidy's expected payments by year. A loan made in year t is paid in its loan
    /// year j if it has not defaulted by the end of it, with probability E[(1 − pd)^(j+1)] (the yearly
    /// factors average out as for a risk pool), min(fraction × (interest + fee rate) × c_j·P, cap):
    /// a payout linear in the principal up to the cap, independent of the default.
    static func interest(_ p: ProgramPlan, _ plan: SimulationPlan) -> Result<ProgramExpectation, Missing> {
        guard case let .interest(pdSlot, _, rateSlot, feeSlot, fractionSlot, capSlot) = p.slots else {
            return .failure(Missing("not an interest subsidy"))
        }
        let span = plan.span
        var raw = [Double](repeating: 0, count: span)
        let rule = Quadrature.legendre(nodes)
        for t in p.drawnYears {
            let n = count(p, t)
            guard n > 0 else { continue }
            let v = p.versions[p.versionOfYear[t]]
            guard let principal = v.amount else { continue }
            let pd = v.parameters[pdSlot]
            for j in 0..<p.loanTerm where t + j < span {
                let survive: Double
                if let sampler = v.parameterSamplers[pdSlot], pd.isUncertain {
                    survive = rule.reduce(0) { $0 + $1.weight * pow(1 - sampler.quantile($1.node), Double(j + 1)) }
                } else {
                    survive = pow(1 - pd.central, Double(j + 1))
                }
                let outstandingFraction = p.repayment.outstanding(principal: 1, term: p.loanTerm, loanYear: j)
                let payout = parameterExpectation(v, slots: [rateSlot, feeSlot, fractionSlot, capSlot]) { x in
                    let rate = x[2] * (x[0] + x[1]) * outstandingFraction
                    return PiecewiseLinear(rate: RateTerms(rate: rate, brackets: [], floor: 0, cap: x[3], minBase: 0))?
                        .expectation(under: principal)
                }
                guard case let .success(mean) = payout else {
                    if case let .failure(m) = payout { return .failure(m) }
                    return .failure(Missing("its payout could not be computed"))
                }
                raw[t + j] += n * survive * mean
            }
        }
        return .success(.claims(raw))
    }
}
