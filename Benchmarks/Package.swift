// swift-tools-version: 6.1
// Speed and memory benchmarks of cofund, kept out of the main package so that its build stays lean.
// Run from this folder: swift package benchmark
import PackageDescription

let package = Package(
    name: "CoFundBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "cofund", path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "CoFundBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "CoFundEngine", package: "cofund"),
                .product(name: "CoFundModel", package: "cofund"),
            ],
            path: "Benchmarks/CoFundBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ]
)
