/// The scenario `cofund run` runs when no file is given: the Jinan portfolio, compiled into the
/// binary so that it runs from any directory.
///
/// The text is `jinan-portfolio.yaml` next to this file, embedded by SwiftPM (`.embedInCode` in
/// Package.swift); it is a copy of `Scenarios/jinan-portfolio.yaml`, and a test fails while the two differ.
public enum BuiltinScenario {
    public static let name = "Scenarios/jinan-portfolio.yaml (built in)"

    public static let jinanPortfolio = String(decoding: PackageResources.jinan_portfolio_yaml, as: UTF8.self)
}
