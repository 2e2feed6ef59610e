// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "cofund",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cofund", targets: ["cofund"]),
        .library(name: "CoFundModel", targets: ["CoFundModel"]),
        .library(name: "CoFundEngine", targets: ["CoFundEngine"]),
        .library(name: "CoFundReport", targets: ["CoFundReport"]),
        .library(name: "CoFundHistory", targets: ["CoFundHistory"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The run history (CoFundHistory): SQLite through GRDB, linked to the system's libsqlite3.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // `cofund serve` (CoFundServe): the drafting page's local HTTP server.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        // Tests only: property-based generation of scenario files (CoFundPropertyTests).
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // MARK: - Public API
        .target(
            name: "CoFundModel",
            dependencies: [.product(name: "Yams", package: "Yams")],
            // The built-in scenario: a copy of Scenarios/jinan-portfolio.yaml (a test fails while they differ).
            resources: [.embedInCode("Builtin/jinan-portfolio.yaml")]
        ),
        .target(
            name: "CoFundEngine",
            dependencies: ["CoFundModel", "CGSL", "CKernels"]
        ),
        .target(
            name: "CoFundReport",
            dependencies: ["CoFundModel", "CoFundEngine", "CPlatform", "CXLSXWriter"],
            // The Python of the exported notebook's code cells.
            resources: [.embedInCode("Notebook/Cells")]
        ),
        // Every run, comparison, sweep and merge recorded in SQLite, for `cofund history` and `cofund compare --run`.
        .target(
            name: "CoFundHistory",
            dependencies: ["CoFundModel", "CoFundEngine", "CoFundReport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // `cofund serve`: the drafting page, its JSON API and the HTTP server that carries them.
        .target(
            name: "CoFundServe",
            dependencies: ["CoFundModel", "CoFundEngine", "CoFundReport", .product(name: "FlyingFox", package: "FlyingFox")]
        ),
        .executableTarget(
            name: "cofund",
            dependencies: [
                "CoFundModel", "CoFundEngine", "CoFundReport", "CoFundHistory", "CoFundServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Implementation details
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev", "pkg-config"])]
        ),

        // libxlsxwriter: report.xlsx, the run directory's Excel workbook.
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev", "pkg-config"])]
        ),

        .target(name: "CPlatform"),
        // The claim kernels in C: a scalar form and an AVX2 + FMA form with bit-identical results.
        .target(name: "CKernels"),

        // MARK: - Tests
        // Fixtures more than one test target uses: seeded generator, package root, temporary directories, little-endian words.
        .target(name: "CoFundTestSupport", path: "Tests/CoFundTestSupport"),
        .testTarget(
            name: "CoFundModelTests", dependencies: ["CoFundModel", "CoFundTestSupport", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "CoFundEngineTests", dependencies: ["CoFundEngine", "CoFundModel", "CoFundTestSupport", "CGSL", "CKernels"]),
        .testTarget(name: "CoFundReportTests", dependencies: ["CoFundReport", "CoFundEngine", "CoFundModel", "CoFundTestSupport"]),
        .testTarget(name: "CoFundHistoryTests", dependencies: ["CoFundHistory", "CoFundTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "CofundCLITests", dependencies: ["cofund", "CoFundModel", "CoFundTestSupport"], exclude: ["Golden", "serve_page.py"]),
        .testTarget(name: "CoFundPropertyTests", dependencies: [
            "CoFundModel", "CoFundEngine", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
    ]
)
