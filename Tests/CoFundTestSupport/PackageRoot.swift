import Foundation

/// The package's root folder, found from this file's path, and the shipped scenarios in it.
public enum PackageRoot {
    /// Tests/CoFundTestSupport/PackageRoot.swift → ../..
    public static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shipped scenarios and reform files: `Scenarios/`.
    public static let scenarios = url.appendingPathComponent("Scenarios")
}
