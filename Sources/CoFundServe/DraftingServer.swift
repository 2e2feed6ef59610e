import CoFundModel
import FlyingFox
import Foundation

/// The drafting page's HTTP server: `GET /` the page, `GET /api/scenario` the scenario's outline,
/// `POST /api/compare` a reform's comparison. Listens on 127.0.0.1 unless given another IPv4 host.
public enum DraftingServer {
    /// The hosts that mean this machine only.
    public static let localHosts: Set<String> = ["127.0.0.1", "localhost"]

    public struct BadHost: Error, CustomStringConvertible {
        public var description: String
    }

    /// A server for `source` on `host`:`port` (0: a free port), not yet started.
    public static func make(source: ScenarioSource, host: String, port: UInt16, defaultPaths: Int, maxPaths: Int, threads: Int) async throws
        -> HTTPServer
    {
        let ip = localHosts.contains(host) ? "127.0.0.1" : host
        let address: sockaddr_in
        do { address = try .inet(ip4: ip, port: port) } catch {
            throw BadHost(description: "--host takes an IPv4 address such as 127.0.0.1 or 0.0.0.0, not `\(host)`")
        }
        let server = HTTPServer(address: address, timeout: 120, logger: .disabled)
        let outline = Data(ScenarioOutline.json(source, paths: defaultPaths, maxPaths: maxPaths).utf8)
        let page = Data(DraftingPage.html.utf8)
        let service = CompareService(source: source, defaultPaths: defaultPaths, maxPaths: maxPaths, threads: threads)
        await server.appendRoute("GET /") { _ in
            HTTPResponse(statusCode: .ok, headers: headers("text/html; charset=utf-8"), body: page)
        }
        await server.appendRoute("GET /api/scenario") { _ in
            HTTPResponse(statusCode: .ok, headers: headers("application/json; charset=utf-8"), body: outline)
        }
        await server.appendRoute("POST /api/compare") { request in
            let body = try await request.bodyData
            let r = await service.handle(body)
            return HTTPResponse(
                statusCode: HTTPStatusCode(r.status, phrase: phrase(r.status)), headers: headers("application/json; charset=utf-8"),
                body: Data(r.body.utf8))
        }
        return server
    }

    /// The page may load nothing from anywhere but this server (and fetch only from it).
    static func headers(_ type: String) -> HTTPHeaders {
        [
            .contentType: type,
            HTTPHeader("Content-Security-Policy"):
                "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:",
            .cacheControl: "no-store",
        ]
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 409: "Conflict"
        default: "Unprocessable Content"
        }
    }

    /// The URL a browser opens for `server`, once it listens.
    public static func url(_ server: HTTPServer, host: String) async -> String {
        guard case let .ip4(ip, port) = await server.listeningAddress else { return "http://\(host)/" }
        return "http://\(localHosts.contains(host) ? "127.0.0.1" : ip):\(port)/"
    }
}

/// A started server's lifetime: `run` listens, reports its URL once listening, and returns when
/// the server stops.
public struct HTTPServerHandle: Sendable {
    let server: HTTPServer
    let host: String

    public init(source: ScenarioSource, host: String, port: UInt16, defaultPaths: Int, maxPaths: Int, threads: Int) async throws {
        self.host = host
        server = try await DraftingServer.make(
            source: source, host: host, port: port, defaultPaths: defaultPaths, maxPaths: maxPaths, threads: threads)
    }

    public func run(listening: @Sendable @escaping (String) -> Void) async throws {
        let server = self.server, host = self.host
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            group.addTask {
                try await server.waitUntilListening(timeout: 30)
                listening(await DraftingServer.url(server, host: host))
            }
            try await group.waitForAll()
        }
    }
}
