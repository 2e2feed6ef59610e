/// A control-variate estimate of E[Y] from paths of Y and of a control X whose mean μ is known:
/// Ȳ − β(X̄ − μ), β the least-squares slope of Y on X, with the standard error of the regression's
/// residuals √(Σe²/(n − 2)/n).
struct ControlRegression {
    let meanY: Double
    let meanX: Double
    let beta: Double
    let residualVariance: Double
    let n: Int

    init(y: [Double], x: [Double]) {
        n = y.count
        let count = Double(Swift.max(n, 1))
        meanY = y.reduce(0, +) / count
        meanX = x.reduce(0, +) / count
        var sxx = 0.0, sxy = 0.0
        for i in 0..<n {
            let dx = x[i] - meanX
            sxx += dx * dx
            sxy += dx * (y[i] - meanY)
        }
        beta = sxx > 0 ? sxy / sxx : 0
        var residual = 0.0
        for i in 0..<n {
            let e = (y[i] - meanY) - beta * (x[i] - meanX)
            residual += e * e
        }
        residualVariance = n > 2 ? residual / Double(n - 2) : 0
    }

    func estimate(controlMean mu: Double) -> (value: Double, se: Double) {
        (meanY - beta * (meanX - mu), n > 0 ? (residualVariance / Double(n)).squareRoot() : 0)
    }
}
