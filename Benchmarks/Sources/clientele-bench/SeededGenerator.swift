import Foundation

/// A fast, seedable pseudo-random generator (xoshiro256**, seeded through SplitMix64), so
/// a dataset is the same for the same seed on every machine and Swift version.
///
/// Not for secrets: `SecureRandom` (ClienteleCore) is.
struct SeededGenerator: RandomNumberGenerator {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator whose whole sequence is fixed by `seed`.
    init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = nextSplitMix()
        s1 = nextSplitMix()
        s2 = nextSplitMix()
        s3 = nextSplitMix()
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, by: 45)
        return result
    }

    /// A uniformly distributed integer in `range` (both ends included).
    mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound)) &+ 1
        if span == 0 { return Int(truncatingIfNeeded: next()) }  // the full 64-bit range
        // Lemire's multiply-and-reject: unbiased, usually one multiplication.
        var product = next().multipliedFullWidth(by: span)
        if product.low < span {
            let threshold = (0 &- span) % span
            while product.low < threshold {
                product = next().multipliedFullWidth(by: span)
            }
        }
        return range.lowerBound &+ Int(truncatingIfNeeded: product.high)
    }

    /// A uniformly distributed value in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// An exponentially distributed value with the given mean.
    mutating func exponential(mean: Double) -> Double {
        -mean * log(1 - unit())
    }

    /// One element of a non-empty array, uniformly.
    mutating func element<Element>(of elements: [Element]) -> Element {
        elements[int(in: 0...(elements.count - 1))]
    }

    /// `count` distinct integers from `range`, in random order (like Python's `random.sample`).
    ///
    /// - Complexity: O(`range.count`) when `count` is a large part of the range, else O(`count`).
    mutating func sample(_ count: Int, from range: ClosedRange<Int>) -> [Int] {
        let count = min(count, range.count)
        if count * 4 >= range.count {
            var pool = Array(range)
            for index in 0..<count {
                pool.swapAt(index, int(in: index...(pool.count - 1)))
            }
            return Array(pool.prefix(count))
        }
        var chosen = Set<Int>(minimumCapacity: count)
        var result: [Int] = []
        result.reserveCapacity(count)
        while result.count < count {
            let candidate = int(in: range)
            if chosen.insert(candidate).inserted { result.append(candidate) }
        }
        return result
    }
}

private func rotateLeft(_ value: UInt64, by amount: UInt64) -> UInt64 {
    (value << amount) | (value >> (64 - amount))
}
