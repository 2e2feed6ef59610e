import CoFundTestSupport
import Foundation
import XCTest

/// The drafting page end to end in headless Chromium (Selenium, `serve_page.py`): the R&D cap of
/// the built-in scenario edited on the page gives the province's 2027 change `cofund compare`
/// gives on the same seed and paths; a bad value's message shows beside its field; nothing is
/// requested from anywhere but the server. Chromium and chromedriver come from scripts/setup.sh;
/// when they cannot start, the test fails saying so.
final class ServePageBrowserTests: XCTestCase {
    var dir: TempDir!
    var page: ServedPage?

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() {
        page?.stop()
        dir?.remove()
    }

    func testEditingTheCapMovesTheProvinceAsTheCompareCommandDoes() throws {
        let paths = "300", cap = "600"
        let served = try ServedPage(["--paths", paths], in: dir.url)
        page = served
        let cli = try CofundCLI.run(
            ["compare", "--set", "parameters.rd_cap=\(cap)", "--paths", paths, "--format", "json", "--quiet", "--out", dir.path("out")],
            in: dir.url)
        XCTAssertEqual(cli.status, 0, cli.stderr)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [String: Any])
        let funders = try XCTUnwrap(document["funders"] as? [[String: Any]])
        let province = try XCTUnwrap(funders.first { $0["id"] as? String == "province" }?["years"] as? [String: Any])
        let expected = try XCTUnwrap((province["2027"] as? [String: Any])?["delta_mean"] as? Double)
        XCTAssertNotEqual(expected, 0, "raising the cap moves the province")

        let script = PackageRoot.url.appendingPathComponent("Tests/CofundCLITests/serve_page.py").path
        let r = try ProjectPython.run([script, served.url.absoluteString, cap, "\(expected)"], in: dir.url)
        XCTAssertNotEqual(r.status, 2, "Chromium could not start (install it with scripts/setup.sh): \(r.stderr)")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "ok", r.stderr)
    }
}
