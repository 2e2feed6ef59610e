import Foundation

/// A Jupyter notebook in nbformat 4.5: markdown and code cells, no outputs, a Python 3 kernel.
///
/// `json` depends on nothing but the cells and metadata — keys sorted, cell ids given by the
/// builder rather than random — so the same run directory always exports the same bytes.
public struct Notebook: Sendable, Equatable {
    public enum CellKind: String, Sendable {
        case markdown, code
    }

    public struct Cell: Sendable, Equatable {
        public var kind: CellKind
        /// Unique in the notebook, 1–64 of `A–Z a–z 0–9 - _` (nbformat 4.5).
        public var id: String
        public var source: String

        public init(_ kind: CellKind, id: String, _ source: String) {
            self.kind = kind
            self.id = id
            self.source = source
        }
    }

    public var cells: [Cell]
    /// Extra notebook metadata under the `cofund` key (strings only).
    public var cofundMetadata: [String: String]

    public init(cells: [Cell], cofundMetadata: [String: String] = [:]) {
        self.cells = cells
        self.cofundMetadata = cofundMetadata
    }

    /// The notebook as nbformat 4 JSON text, ending with a newline.
    public var json: String {
        // Only strings, integers, null, arrays and objects: encoding cannot fail.
        JSONStyle.text(value) + "\n"
    }

    var value: JSONValue {
        var metadata: [String: JSONValue] = [
            "kernelspec": .object(["display_name": .string("Python 3 (ipykernel)"), "language": .string("python"), "name": .string("python3")]),
            "language_info": .object(["name": .string("python")]),
        ]
        if !cofundMetadata.isEmpty { metadata["cofund"] = .object(cofundMetadata.mapValues(JSONValue.string)) }
        return .object([
            "cells": .array(cells.map(Self.cellValue)),
            "metadata": .object(metadata),
            "nbformat": .int(4),
            "nbformat_minor": .int(5),
        ])
    }

    static func cellValue(_ c: Cell) -> JSONValue {
        var cell: [String: JSONValue] = [
            "cell_type": .string(c.kind.rawValue),
            "id": .string(c.id),
            "metadata": .object([:]),
            "source": .array(lines(trimmed(c.source)).map(JSONValue.string)),
        ]
        if c.kind == .code {
            cell["execution_count"] = .null
            cell["outputs"] = .array([])
        }
        return .object(cell)
    }

    /// `text` without its trailing line breaks, as Jupyter saves a cell.
    static func trimmed(_ text: String) -> String {
        var t = Substring(text)
        while t.last == "\n" { t = t.dropLast() }
        return String(t)
    }

    /// `text` as Jupyter stores a cell's source: one string per line, each but the last ending in "\n".
    static func lines(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        for ch in text {
            current.append(ch)
            if ch == "\n" {
                out.append(current)
                current = ""
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}

/// A JSON value whose encoding, with `.sortedKeys`, depends only on its content.
indirect enum JSONValue: Encodable, Equatable, Sendable {
    case string(String)
    case int(Int)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: Encoder) throws {
        switch self {
        case let .string(s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case let .int(i):
            var c = encoder.singleValueContainer()
            try c.encode(i)
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case let .array(items):
            var c = encoder.unkeyedContainer()
            for item in items { try c.encode(item) }
        case let .object(members):
            var c = encoder.container(keyedBy: Key.self)
            for (k, v) in members { try c.encode(v, forKey: Key(stringValue: k)) }
        }
    }
}
