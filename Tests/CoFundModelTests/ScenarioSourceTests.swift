import CoFundTestSupport
import Foundation
import XCTest

@testable import CoFundModel

/// Loading a scenario as a command names it, its fingerprint, and reforms applied to its text.
final class ScenarioSourceTests: XCTestCase {
    private static let cap = "parameters.rd_cap"

    /// FIPS 180-4's examples: the empty message and "abc".
    func testSHA256OfTheStandardExamples() {
        XCTAssertEqual(SHA256.hex([UInt8]()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testNoPathLoadsTheBuiltInWithTheFingerprintOfItsText() throws {
        let s = try ScenarioSource.load(nil)
        XCTAssertEqual(s.file, BuiltinScenario.name)
        XCTAssertEqual(ScenarioSource.name(nil), BuiltinScenario.name)
        XCTAssertEqual(s.text, BuiltinScenario.jinanPortfolio)
        XCTAssertEqual(s.sha256, SHA256.hex(Array(BuiltinScenario.jinanPortfolio.utf8)))
        XCTAssertTrue(s.changes.isEmpty)
    }

    /// The fingerprint is of the bytes read: a byte-order mark counts, though the text drops it.
    func testAFilesFingerprintIsOfItsBytesIncludingAByteOrderMark() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let bytes = [0xEF, 0xBB, 0xBF] + Array(BuiltinScenario.jinanPortfolio.utf8)
        let path = try dir.write("scenario-source.yaml", bytes: bytes)
        let s = try ScenarioSource.load(path)
        XCTAssertEqual(s.file, path)
        XCTAssertEqual(s.sha256, SHA256.hex(bytes))
        XCTAssertEqual(s.text, BuiltinScenario.jinanPortfolio)
    }

    func testAMissingFileThrowsItsIssues() {
        XCTAssertThrowsError(try ScenarioSource.load("/nonexistent/scenario.yaml")) { error in
            XCTAssertFalse((error as? ScenarioIssues)?.issues.isEmpty ?? true)
        }
    }

    func testNoReformsGiveTheScenarioItself() throws {
        let s = try ScenarioSource.load(nil)
        let same = try s.reformed(files: [], assignments: [])
        XCTAssertEqual(same.text, s.text)
        XCTAssertTrue(same.changes.isEmpty)
        XCTAssertTrue(try s.reformed([]).changes.isEmpty)
    }

    /// Files first, then assignments: where both set a field the assignment wins, and each
    /// override is one change, in the order applied.
    func testReformFilesApplyBeforeAssignments() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let url = URL(fileURLWithPath: try dir.write("reform.yaml", "\(Self.cap): 300\n"))
        let s = try ScenarioSource.load(nil)
        let r = try s.reformed(files: [url.path], assignments: ["\(Self.cap)=500"])
        XCTAssertEqual(r.changes.map(\.path), [Self.cap, Self.cap])
        XCTAssertEqual(r.changes.map(\.after), ["300", "500"])
        XCTAssertEqual(r.text, s.text, "reforms apply to the text, which stays as loaded")
        XCTAssertEqual(r.sha256, s.sha256)
        let reforms = try ScenarioSource.reforms(files: [url.path], assignments: ["\(Self.cap)=500"])
        XCTAssertEqual(reforms.count, 2)
        XCTAssertEqual(try s.reformed(reforms).changes, r.changes)
    }

    func testAnOverrideOfNothingThrowsAtTheOverride() throws {
        let s = try ScenarioSource.load(nil)
        XCTAssertThrowsError(try s.reformed(files: [], assignments: ["programs.rd_post_subsidy.cap_per_clam=500"])) { error in
            XCTAssertTrue((error as? ScenarioIssues)?.description.contains("cap_per_clam") ?? false, "\(error)")
        }
    }
}
