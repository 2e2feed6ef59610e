import Foundation

/// Runs CPU-bound work on dedicated threads and awaits all of it.
///
/// The block loops run for seconds without suspending; on Swift's cooperative pool (one thread per
/// core) they would take every thread from other async work, and they would lose their parallelism
/// whenever a host holds a pool thread (a test or benchmark harness that waits on a semaphore does).
/// Each worker owns its generators; results come back in worker order.
enum WorkerThreads {
    static func run<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) async -> [T] {
        await withCheckedContinuation { (continuation: CheckedContinuation<[T], Never>) in
            let results = Results<T>(count: count)
            let group = DispatchGroup()
            for w in 0..<count {
                group.enter()
                let thread = Thread {
                    results.set(w, body(w))
                    group.leave()
                }
                thread.stackSize = 8 << 20
                thread.start()
            }
            group.notify(queue: .global()) { continuation.resume(returning: results.values) }
        }
    }

    /// Slots written once each by their own worker, read after all have finished.
    private final class Results<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [T?]
        init(count: Int) { slots = [T?](repeating: nil, count: count) }
        func set(_ i: Int, _ v: T) {
            lock.lock()
            slots[i] = v
            lock.unlock()
        }
        var values: [T] {
            lock.lock()
            defer { lock.unlock() }
            return slots.compactMap { $0 }
        }
    }
}

/// Hands out block indices 0 ..< count, each once, to whichever worker asks next, so that a worker
/// whose blocks ran fast takes more of them. Only for results put back in block order: which worker
/// ran a block must not change its values.
final class BlockQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int

    init(count: Int) { self.count = count }

    /// The next block, or nil when every block has been handed out.
    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}
