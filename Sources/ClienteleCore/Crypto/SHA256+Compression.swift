// The SHA-256 compression function (FIPS 180-4 §6.2.2), written for speed: the eight working
// variables and a 16-word ring of message-schedule words live in local variables, the 64
// rounds are written out with their constants (the variable names rotate instead of the
// values moving), all arithmetic wraps, and nothing is allocated. Written-out rounds also keep
// unoptimized (debug) builds fast enough to run the full test vectors in seconds.
//
// Each round is the textbook one:
//   T1 = h + Σ1(e) + Ch(e, f, g) + K[i] + W[i];  d += T1;  h = T1 + Σ0(a) + Maj(a, b, c)
// with Ch(e, f, g) = g ^ (e & (f ^ g)) and Maj(a, b, c) = b ^ ((a ^ b) & (b ^ c)), reusing the
// previous round's a ^ b as b ^ c. The rotations are chained to save instructions on CPUs
// without a three-operand rotate: Σ1(e) = ROTR⁶(ROTR⁵(ROTR¹⁴(e) ^ e) ^ e) = ROTR⁶ ^ ROTR¹¹ ^
// ROTR²⁵, Σ0(a) = ROTR²(ROTR¹¹(ROTR⁹(a) ^ a) ^ a), σ0(x) = ROTR⁷(ROTR¹¹(x) ^ x) ^ SHR³(x),
// σ1(x) = ROTR¹⁷(ROTR²(x) ^ x) ^ SHR¹⁰(x). From round 16 on, W[i] = σ1(W[i-2]) + W[i-7] +
// σ0(W[i-15]) + W[i-16] overwrites W[i-16] in the ring.

extension SHA256 {
    /// The eight 32-bit words of a SHA-256 chaining value (H0…H7).
    struct State: Sendable, Hashable {
        var h0, h1, h2, h3, h4, h5, h6, h7: UInt32

        /// The initial hash value H(0) (FIPS 180-4 §5.3.3).
        static let initial = State(
            h0: 0x6a09_e667, h1: 0xbb67_ae85, h2: 0x3c6e_f372, h3: 0xa54f_f53a,
            h4: 0x510e_527f, h5: 0x9b05_688c, h6: 0x1f83_d9ab, h7: 0x5be0_cd19)

        /// The state as 32 big-endian bytes: the digest.
        var bytes: [UInt8] {
            [UInt8](unsafeUninitializedCapacity: 32) { buffer, initializedCount in
                store(into: UnsafeMutableRawBufferPointer(buffer))
                initializedCount = 32
            }
        }

        /// Writes the state as 32 big-endian bytes at the start of `raw` (at least 32 bytes).
        func store(into raw: UnsafeMutableRawBufferPointer) {
            raw.storeBytes(of: h0.bigEndian, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: h1.bigEndian, toByteOffset: 4, as: UInt32.self)
            raw.storeBytes(of: h2.bigEndian, toByteOffset: 8, as: UInt32.self)
            raw.storeBytes(of: h3.bigEndian, toByteOffset: 12, as: UInt32.self)
            raw.storeBytes(of: h4.bigEndian, toByteOffset: 16, as: UInt32.self)
            raw.storeBytes(of: h5.bigEndian, toByteOffset: 20, as: UInt32.self)
            raw.storeBytes(of: h6.bigEndian, toByteOffset: 24, as: UInt32.self)
            raw.storeBytes(of: h7.bigEndian, toByteOffset: 28, as: UInt32.self)
        }
    }

    /// Compresses `blockCount` consecutive 64-byte blocks starting at `blocks` into `state`.
    @inline(__always)
    static func compress(_ state: inout State, blocks: UnsafeRawPointer, blockCount: Int) {
        var pointer = blocks
        for _ in 0..<blockCount {
            @inline(__always) func word(_ index: Int) -> UInt32 {
                UInt32(bigEndian: pointer.loadUnaligned(fromByteOffset: index &* 4, as: UInt32.self))
            }
            compress(
                &state,
                word(0), word(1), word(2), word(3), word(4), word(5), word(6), word(7),
                word(8), word(9), word(10), word(11), word(12), word(13), word(14), word(15))
            pointer += 64
        }
    }

    /// Compresses the block that pads a 32-byte message following exactly one earlier 64-byte
    /// block: the message words, then `0x80`, zeros and the length 768 bits.
    ///
    /// This is the whole work of one HMAC-SHA256 half when the message is a digest (PBKDF2's
    /// inner and outer hashes once the key blocks are precomputed).
    @inline(__always)
    static func compressDigestAfterOneBlock(_ state: inout State, message m: State) {
        compress(
            &state,
            m.h0, m.h1, m.h2, m.h3, m.h4, m.h5, m.h6, m.h7,
            0x8000_0000, 0, 0, 0, 0, 0, 0, 768)
    }

    /// Compresses one block given as its 16 big-endian message words W0…W15.
    @inline(__always)
    static func compress(
        _ state: inout State,
        _ w0: UInt32, _ w1: UInt32, _ w2: UInt32, _ w3: UInt32,
        _ w4: UInt32, _ w5: UInt32, _ w6: UInt32, _ w7: UInt32,
        _ w8: UInt32, _ w9: UInt32, _ w10: UInt32, _ w11: UInt32,
        _ w12: UInt32, _ w13: UInt32, _ w14: UInt32, _ w15: UInt32
    ) {
        var w0 = w0, w1 = w1, w2 = w2, w3 = w3, w4 = w4, w5 = w5, w6 = w6, w7 = w7
        var w8 = w8, w9 = w9, w10 = w10, w11 = w11, w12 = w12, w13 = w13, w14 = w14, w15 = w15
        var a = state.h0, b = state.h1, c = state.h2, d = state.h3
        var e = state.h4, f = state.h5, g = state.h6, h = state.h7
        var t: UInt32, s: UInt32, u: UInt32
        // Maj(a, b, c) = b ^ ((a ^ b) & (b ^ c)), and this round's a ^ b is the next round's b ^ c.
        var p: UInt32, q = b ^ c
        // Round 0.
        s = e &>> 14 | e &<< 18; s ^= e; s = s &>> 5 | s &<< 27; s ^= e; s = s &>> 6 | s &<< 26
        t = h &+ s &+ (g ^ (e & (f ^ g))) &+ 0x428a_2f98 &+ w0
        d = d &+ t
        s = a &>> 9 | a &<< 23; s ^= a; s = s &>> 11 | s &<< 21; s ^= a; s = s &>> 2 | s &<< 30
        p = a ^ b
        h = t &+ s &+ (b ^ (p & q))
        // Round 1.
        s = d &>> 14 | d &<< 18; s ^= d; s = s &>> 5 | s &<< 27; s ^= d; s = s &>> 6 | s &<< 26
        t = g &+ s &+ (f ^ (d & (e ^ f))) &+ 0x7137_4491 &+ w1
        c = c &+ t
        s = h &>> 9 | h &<< 23; s ^= h; s = s &>> 11 | s &<< 21; s ^= h; s = s &>> 2 | s &<< 30
        q = h ^ a
        g = t &+ s &+ (a ^ (q & p))
        // Round 2.
        s = c &>> 14 | c &<< 18; s ^= c; s = s &>> 5 | s &<< 27; s ^= c; s = s &>> 6 | s &<< 26
        t = f &+ s &+ (e ^ (c & (d ^ e))) &+ 0xb5c0_fbcf &+ w2
        b = b &+ t
        s = g &>> 9 | g &<< 23; s ^= g; s = s &>> 11 | s &<< 21; s ^= g; s = s &>> 2 | s &<< 30
        p = g ^ h
        f = t &+ s &+ (h ^ (p & q))
        // Round 3.
        s = b &>> 14 | b &<< 18; s ^= b; s = s &>> 5 | s &<< 27; s ^= b; s = s &>> 6 | s &<< 26
        t = e &+ s &+ (d ^ (b & (c ^ d))) &+ 0xe9b5_dba5 &+ w3
        a = a &+ t
        s = f &>> 9 | f &<< 23; s ^= f; s = s &>> 11 | s &<< 21; s ^= f; s = s &>> 2 | s &<< 30
        q = f ^ g
        e = t &+ s &+ (g ^ (q & p))
        // Round 4.
        s = a &>> 14 | a &<< 18; s ^= a; s = s &>> 5 | s &<< 27; s ^= a; s = s &>> 6 | s &<< 26
        t = d &+ s &+ (c ^ (a & (b ^ c))) &+ 0x3956_c25b &+ w4
        h = h &+ t
        s = e &>> 9 | e &<< 23; s ^= e; s = s &>> 11 | s &<< 21; s ^= e; s = s &>> 2 | s &<< 30
        p = e ^ f
        d = t &+ s &+ (f ^ (p & q))
        // Round 5.
        s = h &>> 14 | h &<< 18; s ^= h; s = s &>> 5 | s &<< 27; s ^= h; s = s &>> 6 | s &<< 26
        t = c &+ s &+ (b ^ (h & (a ^ b))) &+ 0x59f1_11f1 &+ w5
        g = g &+ t
        s = d &>> 9 | d &<< 23; s ^= d; s = s &>> 11 | s &<< 21; s ^= d; s = s &>> 2 | s &<< 30
        q = d ^ e
        c = t &+ s &+ (e ^ (q & p))
        // Round 6.
        s = g &>> 14 | g &<< 18; s ^= g; s = s &>> 5 | s &<< 27; s ^= g; s = s &>> 6 | s &<< 26
        t = b &+ s &+ (a ^ (g & (h ^ a))) &+ 0x923f_82a4 &+ w6
        f = f &+ t
        s = c &>> 9 | c &<< 23; s ^= c; s = s &>> 11 | s &<< 21; s ^= c; s = s &>> 2 | s &<< 30
        p = c ^ d
        b = t &+ s &+ (d ^ (p & q))
        // Round 7.
        s = f &>> 14 | f &<< 18; s ^= f; s = s &>> 5 | s &<< 27; s ^= f; s = s &>> 6 | s &<< 26
        t = a &+ s &+ (h ^ (f & (g ^ h))) &+ 0xab1c_5ed5 &+ w7
        e = e &+ t
        s = b &>> 9 | b &<< 23; s ^= b; s = s &>> 11 | s &<< 21; s ^= b; s = s &>> 2 | s &<< 30
        q = b ^ c
        a = t &+ s &+ (c ^ (q & p))
        // Round 8.
        s = e &>> 14 | e &<< 18; s ^= e; s = s &>> 5 | s &<< 27; s ^= e; s = s &>> 6 | s &<< 26
        t = h &+ s &+ (g ^ (e & (f ^ g))) &+ 0xd807_aa98 &+ w8
        d = d &+ t
        s = a &>> 9 | a &<< 23; s ^= a; s = s &>> 11 | s &<< 21; s ^= a; s = s &>> 2 | s &<< 30
        p = a ^ b
        h = t &+ s &+ (b ^ (p & q))
        // Round 9.
        s = d &>> 14 | d &<< 18; s ^= d; s = s &>> 5 | s &<< 27; s ^= d; s = s &>> 6 | s &<< 26
        t = g &+ s &+ (f ^ (d & (e ^ f))) &+ 0x1283_5b01 &+ w9
        c = c &+ t
        s = h &>> 9 | h &<< 23; s ^= h; s = s &>> 11 | s &<< 21; s ^= h; s = s &>> 2 | s &<< 30
        q = h ^ a
        g = t &+ s &+ (a ^ (q & p))
        // Round 10.
        s = c &>> 14 | c &<< 18; s ^= c; s = s &>> 5 | s &<< 27; s ^= c; s = s &>> 6 | s &<< 26
        t = f &+ s &+ (e ^ (c & (d ^ e))) &+ 0x2431_85be &+ w10
        b = b &+ t
        s = g &>> 9 | g &<< 23; s ^= g; s = s &>> 11 | s &<< 21; s ^= g; s = s &>> 2 | s &<< 30
        p = g ^ h
        f = t &+ s &+ (h ^ (p & q))
        // Round 11.
        s = b &>> 14 | b &<< 18; s ^= b; s = s &>> 5 | s &<< 27; s ^= b; s = s &>> 6 | s &<< 26
        t = e &+ s &+ (d ^ (b & (c ^ d))) &+ 0x550c_7dc3 &+ w11
        a = a &+ t
        s = f &>> 9 | f &<< 23; s ^= f; s = s &>> 11 | s &<< 21; s ^= f; s = s &>> 2 | s &<< 30
        q = f ^ g
        e = t &+ s &+ (g ^ (q & p))
        // Round 12.
        s = a &>> 14 | a &<< 18; s ^= a; s = s &>> 5 | s &<< 27; s ^= a; s = s &>> 6 | s &<< 26
        t = d &+ s &+ (c ^ (a & (b ^ c))) &+ 0x72be_5d74 &+ w12
        h = h &+ t
        s = e &>> 9 | e &<< 23; s ^= e; s = s &>> 11 | s &<< 21; s ^= e; s = s &>> 2 | s &<< 30
        p = e ^ f
        d = t &+ s &+ (f ^ (p & q))
        // Round 13.
        s = h &>> 14 | h &<< 18; s ^= h; s = s &>> 5 | s &<< 27; s ^= h; s = s &>> 6 | s &<< 26
        t = c &+ s &+ (b ^ (h & (a ^ b))) &+ 0x80de_b1fe &+ w13
        g = g &+ t
        s = d &>> 9 | d &<< 23; s ^= d; s = s &>> 11 | s &<< 21; s ^= d; s = s &>> 2 | s &<< 30
        q = d ^ e
        c = t &+ s &+ (e ^ (q & p))
        // Round 14.
        s = g &>> 14 | g &<< 18; s ^= g; s = s &>> 5 | s &<< 27; s ^= g; s = s &>> 6 | s &<< 26
        t = b &+ s &+ (a ^ (g & (h ^ a))) &+ 0x9bdc_06a7 &+ w14
        f = f &+ t
        s = c &>> 9 | c &<< 23; s ^= c; s = s &>> 11 | s &<< 21; s ^= c; s = s &>> 2 | s &<< 30
        p = c ^ d
        b = t &+ s &+ (d ^ (p & q))
        // Round 15.
        s = f &>> 14 | f &<< 18; s ^= f; s = s &>> 5 | s &<< 27; s ^= f; s = s &>> 6 | s &<< 26
        t = a &+ s &+ (h ^ (f & (g ^ h))) &+ 0xc19b_f174 &+ w15
        e = e &+ t
        s = b &>> 9 | b &<< 23; s ^= b; s = s &>> 11 | s &<< 21; s ^= b; s = s &>> 2 | s &<< 30
        q = b ^ c
        a = t &+ s &+ (c ^ (q & p))
        // Round 16.
        s = w14 &>> 2 | w14 &<< 30; s ^= w14; s = (s &>> 17 | s &<< 15) ^ w14 &>> 10
        u = w1 &>> 11 | w1 &<< 21; u ^= w1; u = (u &>> 7 | u &<< 25) ^ w1 &>> 3
        w0 = w0 &+ s &+ w9 &+ u
        s = e &>> 14 | e &<< 18; s ^= e; s = s &>> 5 | s &<< 27; s ^= e; s = s &>> 6 | s &<< 26
        t = h &+ s &+ (g ^ (e & (f ^ g))) &+ 0xe49b_69c1 &+ w0
        d = d &+ t
        s = a &>> 9 | a &<< 23; s ^= a; s = s &>> 11 | s &<< 21; s ^= a; s = s &>> 2 | s &<< 30
        p = a ^ b
        h = t &+ s &+ (b ^ (p & q))
        // Round 17.
        s = w15 &>> 2 | w15 &<< 30; s ^= w15; s = (s &>> 17 | s &<< 15) ^ w15 &>> 10
        u = w2 &>> 11 | w2 &<< 21; u ^= w2; u = (u &>> 7 | u &<< 25) ^ w2 &>> 3
        w1 = w1 &+ s &+ w10 &+ u
        s = d &>> 14 | d &<< 18; s ^= d; s = s &>> 5 | s &<< 27; s ^= d; s = s &>> 6 | s &<< 26
        t = g &+ s &+ (f ^ (d & (e ^ f))) &+ 0xefbe_4786 &+ w1
        c = c &+ t
        s = h &>> 9 | h &<< 23; s ^= h; s = s &>> 11 | s &<< 21; s ^= h; s = s &>> 2 | s &<< 30
        q = h ^ a
        g = t &+ s &+ (a ^ (q & p))
        // Round 18.
        s = w0 &>> 2 | w0 &<< 30; s ^= w0; s = (s &>> 17 | s &<< 15) ^ w0 &>> 10
        u = w3 &>> 11 | w3 &<< 21; u ^= w3; u = (u &>> 7 | u &<< 25) ^ w3 &>> 3
        w2 = w2 &+ s &+ w11 &+ u
        s = c &>> 14 | c &<< 18; s ^= c; s = s &>> 5 | s &<< 27; s ^= c; s = s &>> 6 | s &<< 26
        t = f &+ s &+ (e ^ (c & (d ^ e))) &+ 0x0fc1_9dc6 &+ w2
        b = b &+ t
        s = g &>> 9 | g &<< 23; s ^= g; s = s &>> 11 | s &<< 21; s ^= g; s = s &>> 2 | s &<< 30
        p = g ^ h
        f = t &+ s &+ (h ^ (p & q))
        // Round 19.
        s = w1 &>> 2 | w1 &<< 30; s ^= w1; s = (s &>> 17 | s &<< 15) ^ w1 &>> 10
        u = w4 &>> 11 | w4 &<< 21; u ^= w4; u = (u &>> 7 | u &<< 25) ^ w4 &>> 3
        w3 = w3 &+ s &+ w12 &+ u
        s = b &>> 14 | b &<< 18; s ^= b; s = s &>> 5 | s &<< 27; s ^= b; s = s &>> 6 | s &<< 26
        t = e &+ s &+ (d ^ (b & (c ^ d))) &+ 0x240c_a1cc &+ w3
        a = a &+ t
        s = f &>> 9 | f &<< 23; s ^= f; s = s &>> 11 | s &<< 21; s ^= f; s = s &>> 2 | s &<< 30
        q = f ^ g
        e = t &+ s &+ (g ^ (q & p))
        // Round 20.
        s = w2 &>> 2 | w2 &<< 30; s ^= w2; s = (s &>> 17 | s &<< 15) ^ w2 &>> 10
        u = w5 &>> 11 | w5 &<< 21; u ^= w5; u = (u &>> 7 | u &<< 25) ^ w5 &>> 3
        w4 = w4 &+ s &+ w13 &+ u
        s = a &>> 14 | a &<< 18; s ^= a; s = s &>> 5 | s &<< 27; s ^= a; s = s &>> 6 | s &<< 26
        t = d &+ s &+ (c ^ (a & (b ^ c))) &+ 0x2de9_2c6f &+ w4
        h = h &+ t
        s = e &>> 9 | e &<< 23; s ^= e; s = s &>> 11 | s &<< 21; s ^= e; s = s &>> 2 | s &<< 30
        p = e ^ f
        d = t &+ s &+ (f ^ (p & q))
        // Round 21.
        s = w3 &>> 2 | w3 &<< 30; s ^= w3; s = (s &>> 17 | s &<< 15) ^ w3 &>> 10
        u = w6 &>> 11 | w6 &<< 21; u ^= w6; u = (u &>> 7 | u &<< 25) ^ w6 &>> 3
        w5 = w5 &+ s &+ w14 &+ u
        s = h &>> 14 | h &<< 18; s ^= h; s = s &>> 5 | s &<< 27; s ^= h; s = s &>> 6 | s &<< 26
        t = c &+ s &+ (b ^ (h & (a ^ b))) &+ 0x4a74_84aa &+ w5
        g = g &+ t
        s = d &>> 9 | d &<< 23; s ^= d; s = s &>> 11 | s &<< 21; s ^= d; s = s &>> 2 | s &<< 30
        q = d ^ e
        c = t &+ s &+ (e ^ (q & p))
        // Round 22.
        s = w4 &>> 2 | w4 &<< 30; s ^= w4; s = (s &>> 17 | s &<< 15) ^ w4 &>> 10
        u = w7 &>> 11 | w7 &<< 21; u ^= w7; u = (u &>> 7 | u &<< 25) ^ w7 &>> 3
        w6 = w6 &+ s &+ w15 &+ u
        s = g &>> 14 | g &<< 18; s ^= g; s = s &>> 5 | s &<< 27; s ^= g; s = s &>> 6 | s &<< 26
        t = b &+ s &+ (a ^ (g & (h ^ a))) &+ 0x5cb0_a9dc &+ w6
        f = f &+ t
        s = c &>> 9 | c &<< 23; s ^= c; s = s &>> 11 | s &<< 21; s ^= c; s = s &>> 2 | s &<< 30
        p = c ^ d
        b = t &+ s &+ (d ^ (p & q))
        // Round 23.
        s = w5 &>> 2 | w5 &<< 30; s ^= w5; s = (s &>> 17 | s &<< 15) ^ w5 &>> 10
        u = w8 &>> 11 | w8 &<< 21; u ^= w8; u = (u &>> 7 | u &<< 25) ^ w8 &>> 3
        w7 = w7 &+ s &+ w0 &+ u
        s = f &>> 14 | f &<< 18; s ^= f; s = s &>> 5 | s &<< 27; s ^= f; s = s &>> 6 | s &<< 26
        t = a &+ s &+ (h ^ (f & (g ^ h))) &+ 0x76f9_88da &+ w7
        e = e &+ t
        s = b &>> 9 | b &<< 23; s ^= b; s = s &>> 11 | s &<< 21; s ^= b; s = s &>> 2 | s &<< 30
        q = b ^ c
        a = t &+ s &+ (c ^ (q & p))
        // Round 24.
        s = w6 &>> 2 | w6 &<< 30; s ^= w6; s = (s &>> 17 | s &<< 15) ^ w6 &>> 10
        u = w9 &>> 11 | w9 &<< 21; u ^= w9; u = (u &>> 7 | u &<< 25) ^ w9 &>> 3
        w8 = w8 &+ s &+ w1 &+ u
        s = e &>> 14 | e &<< 18; s ^= e; s = s &>> 5 | s &<< 27; s ^= e; s = s &>> 6 | s &<< 26
        t = h &+ s &+ (g ^ (e & (f ^ g))) &+ 0x983e_5152 &+ w8
        d = d &+ t
        s = a &>> 9 | a &<< 23; s ^= a; s = s &>> 11 | s &<< 21; s ^= a; s = s &>> 2 | s &<< 30
        p = a ^ b
        h = t &+ s &+ (b ^ (p & q))
        // Round 25.
        s = w7 &>> 2 | w7 &<< 30; s ^= w7; s = (s &>> 17 | s &<< 15) ^ w7 &>> 10
        u = w10 &>> 11 | w10 &<< 21; u ^= w10; u = (u &>> 7 | u &<< 25) ^ w10 &>> 3
        w9 = w9 &+ s &+ w2 &+ u
        s = d &>> 14 | d &<< 18; s ^= d; s = s &>> 5 | s &<< 27; s ^= d; s = s &>> 6 | s &<< 26
        t = g &+ s &+ (f ^ (d & (e ^ f))) &+ 0xa831_c66d &+ w9
        c = c &+ t
        s = h &>> 9 | h &<< 23; s ^= h; s = s &>> 11 | s &<< 21; s ^= h; s = s &>> 2 | s &<< 30
        q = h ^ a
        g = t &+ s &+ (a ^ (q & p))
        // Round 26.
        s = w8 &>> 2 | w8 &<< 30; s ^= w8; s = (s &>> 17 | s &<< 15) ^ w8 &>> 10
        u = w11 &>> 11 | w11 &<< 21; u ^= w11; u = (u &>> 7 | u &<< 25) ^ w11 &>> 3
        w10 = w10 &+ s &+ w3 &+ u
        s = c &>> 14 | c &<< 18; s ^= c; s = s &>> 5 | s &<< 27; s ^= c; s = s &>> 6 | s &<< 26
        t = f &+ s &+ (e ^ (c & (d ^ e))) &+ 0xb003_27c8 &+ w10
        b = b &+ t
        s = g &>> 9 | g &<< 23; s ^= g; s = s &>> 11 | s &<< 21; s ^= g; s = s &>> 2 | s &<< 30
        p = g ^ h
        f = t &+ s &+ (h ^ (p & q))
        // Round 27.
        s = w9 &>> 2 | w9 &<< 30; s ^= w9; s = (s &>> 17 | s &<< 15) ^ w9 &>> 10
        u = w12 &>> 11 | w12 &<< 21; u ^= w12; u = (u &>> 7 | u &<< 25) ^ w12 &>> 3
        w11 = w11 &+ s &+ w4 &+ u
        s = b &>> 14 | b &<< 18; s ^= b; s = s &>> 5 | s &<< 27; s ^= b; s = s &>> 6 | s &<< 26
        t = e &+ s &+ (d ^ (b & (c ^ d))) &+ 0xbf59_7fc7 &+ w11
        a = a &+ t
        s = f &>> 9 | f &<< 23; s ^= f; s = s &>> 11 | s &<< 21; s ^= f; s = s &>> 2 | s &<< 30
        q = f ^ g
        e = t &+ s &+ (g ^ (q & p))
        // Round 28.
        s = w10 &>> 2 | w10 &<< 30; s ^= w10; s = (s &>> 17 | s &<< 15) ^ w10 &>> 10
        u = w13 &>> 11 | w13 &<< 21; u ^= w13; u = (u &>> 7 | u &<< 25) ^ w13 &>> 3
        w12 = w12 &+ s &+ w5 &+ u
        s = a &>> 14 | a &<< 18; s ^= a; s = s &>> 5 | s &<< 27; s ^= a; s = s &>> 6 | s &<< 26
        t = d &+ s &+ (c ^ (a & (b ^ c))) &+ 0xc6e0_0bf3 &+ w12
        h = h &+ t
        s = e &>> 9 | e &<< 23; s ^= e; s = s &>> 11 | s &<< 21; s ^= e; s = s &>> 2 | s &<< 30
        p = e ^ f
        d = t &+ s &+ (f ^ (p & q))
        // Round 29.
        s = w11 &>> 2 | w11 &<< 30; s ^= w11; s = (s &>> 17 | s &<< 15) ^ w11 &>> 10
        u = w14 &>> 11 | w14 &<< 21; u ^= w14; u = (u &>> 7 | u &<< 25) ^ w14 &>> 3
        w13 = w13 &+ s &+ w6 &+ u
        s = h &>> 14 | h &<< 18; s ^= h; s = s &>> 5 | s &<< 27; s ^= h; s = s &>> 6 | s &<< 26
        t = c &+ s &+ (b ^ (h & (a ^ b))) &+ 0xd5a7_9147 &+ w13
        g = g &+ t
        s = d &>> 9 | d &<< 23; s ^= d; s = s &>> 11 | s &<< 21; s ^= d; s = s &>> 2 | s &<< 30
        q = d ^ e
        c = t &+ s &+ (e ^ (q & p))
        // Round 30.
        s = w12 &>> 2 | w12 &<< 30; s ^= w12; s = (s &>> 17 | s &<< 15) ^ w12 &>> 10
        u = w15 &>> 11 | w15 &<< 21; u ^= w15; u = (u &>> 7 | u &<< 25) ^ w15 &>> 3
        w14 = w14 &+ s &+ w7 &+ u
        s = g &>> 14 | g &<< 18; s ^= g; s = s &>> 5 | s &<< 27; s ^= g; s = s &>> 6 | s &<< 26
        t = b &+ s &+ (a ^ (g & (h ^ a))) &+ 0x06ca_6351 &+ w14
        f = f &+ t
        s = c &>> 9 | c &<< 23; s ^= c; s = s &>> 11 | s &<< 21; s ^= c; s = s &>> 2 | s &<< 30
        p = c ^ d
        b = t &+ s &+ (d ^ (p & q))
        // Round 31.
        s = w13 &>> 2 | w13 &<< 30; s ^= w13; s = (s &>> 17 | s &<< 15) ^ w13 &>> 10
        u = w0 &>> 11 | w0 &<< 21; u ^= w0; u = (u &>> 7 | u &<< 25) ^ w0 &>> 3
        w15 = w15 &+ s &+ w8 &+ u
        s = f &>> 14 | f &<< 18; s ^= f; s = s &>> 5 | s &<< 27; s ^= f; s = s &>> 6 | s &<< 26
        t = a &+ s &+ (h ^ (f & (g ^ h))) &+ 0x1429_2967 &+ w15
        e = e &+ t
        s = b &>> 9 | b &<< 23; s ^= b; s = s &>> 11 | s &<< 21; s ^= b; s = s &>> 2 | s &<< 30
        q = b ^ c
        a = t &+ s &+ (c ^ (q & p))
        // Round 32.
        s = w14 &>> 2 | w14 &<< 30; s ^= w14; s = (s &>> 17 | s &<< 15) ^ w14 &>> 10
        u = w1 &>> 11 | w1 &<< 21; u ^= w1; u = (u &>> 7 | u &<< 25) ^ w1 &>> 3
        w0 = w0 &+ s &+ w9 &+ u
        s = e &>> 14 | e &<< 18; s ^= e; s = s &>> 5 | s &<< 27; s ^= e; s = s &>> 6 | s &<< 26
        t = h &+ s &+ (g ^ (e & (f ^ g))) &+ 0x27b7_0a85 &+ w0
        d = d &+ t
        s = a &>> 9 | a &<< 23; s ^= a; s = s &>> 11 | s &<< 21; s ^= a; s = s &>> 2 | s &<< 30
        p = a ^ b
        h = t &+ s &+ (b ^ (p & q))
        // Round 33.
        s = w15 &>> 2 | w15 &<< 30; s ^= w15; s = (s &>> 17 | s &<< 15) ^ w15 &>> 10
        u = w2 &>> 11 | w2 &<< 21; u ^= w2; u = (u &>> 7 | u &<< 25) ^ w2 &>> 3
        w1 = w1 &+ s &+ w10 &+ u
        s = d &>> 14 | d &<< 18; s ^= d; s = s &>> 5 | s &<< 27; s ^= d; s = s &>> 6 | s &<< 26
        t = g &+ s &+ (f ^ (d & (e ^ f))) &+ 0x2e1b_2138 &+ w1
        c = c &+ t
        s = h &>> 9 | h &<< 23; s ^= h; s = s &>> 11 | s &<< 21; s ^= h; s = s &>> 2 | s &<< 30
        q = h ^ a
        g = t &+ s &+ (a ^ (q & p))
        // Round 34.
        s = w0 &>> 2 | w0 &<< 30; s ^= w0; s = (s &>> 17 | s &<< 15) ^ w0 &>> 10
        u = w3 &>> 11 | w3 &<< 21; u ^= w3; u = (u &>> 7 | u &<< 25) ^ w3 &>> 3
        w2 = w2 &+ s &+ w11 &+ u
        s = c &>> 14 | c &<< 18; s ^= c; s = s &>> 5 | s &<< 27; s ^= c; s = s &>> 6 | s &<< 26
        t = f &+ s &+ (e ^ (c & (d ^ e))) &+ 0x4d2c_6dfc &+ w2
        b = b &+ t
        s = g &>> 9 | g &<< 23; s ^= g; s = s &>> 11 | s &<< 21; s ^= g; s = s &>> 2 | s &<< 30
        p = g ^ h
        f = t &+ s &+ (h ^ (p & q))
        // Round 35.
        s = w1 &>> 2 | w1 &<< 30; s ^= w1; s = (s &>> 17 | s &<< 15) ^ w1 &>> 10
        u = w4 &>> 11 | w4 &<< 21; u ^= w4; u = (u &>> 7 | u &<< 25) ^ w4 &>> 3
        w3 = w3 &+ s &+ w12 &+ u
        s = b &>> 14 | b &<< 18; s ^= b; s = s &>> 5 | s &<< 27; s ^= b; s = s &>> 6 | s &<< 26
        t = e &+ s &+ (d ^ (b & (c ^ d))) &+ 0x5338_0d13 &+ w3
        a = a &+ t
        s = f &>> 9 | f &<< 23; s ^= f; s = s &>> 11 | s &<< 21; s ^= f; s = s &>> 2 | s &<< 30
        q = f ^ g
        e = t &+ s &+ (g ^ (q & p))
        // Round 36.
        s = w2 &>> 2 | w2 &<< 30; s ^= w2; s = (s &>> 17 | s &<< 15) ^ w2 &>> 10
        u = w5 &>> 11 | w5 &<< 21; u ^= w5; u = (u &>> 7 | u &<< 25) ^ w5 &>> 3
        w4 = w4 &+ s &+ w13 &+ u
        s = a &>> 14 | a &<< 18; s ^= a; s = s &>> 5 | s &<< 27; s ^= a; s = s &>> 6 | s &<< 26
        t = d &+ s &+ (c ^ (a & (b ^ c))) &+ 0x650a_7354 &+ w4
        h = h &+ t
        s = e &>> 9 | e &<< 23; s ^= e; s = s &>> 11 | s &<< 21; s ^= e; s = s &>> 2 | s &<< 30
        p = e ^ f
        d = t &+ s &+ (f ^ (p & q))
        // Round 37.
        s = w3 &>> 2 | w3 &<< 30; s ^= w3; s = (s &>> 17 | s &<< 15) ^ w3 &>> 10
        u = w6 &>> 11 | w6 &<< 21; u ^= w6; u = (u &>> 7 | u &<< 25) ^ w6 &>> 3
        w5 = w5 &+ s &+ w14 &+ u
        s = h &>> 14 | h &<< 18; s ^= h; s = s &>> 5 | s &<< 27; s ^= h; s = s &>> 6 | s &<< 26
        t = c &+ s &+ (b ^ (h & (a ^ b))) &+ 0x766a_0abb &+ w5
        g = g &+ t
        s = d &>> 9 | d &<< 23; s ^= d; s = s &>> 11 | s &<< 21; s ^= d; s = s &>> 2 | s &<< 30
        q = d ^ e
        c = t &+ s &+ (e ^ (q & p))
        // Round 38.
        s = w4 &>> 2 | w4 &<< 30; s ^= w4; s = (s &>> 17 | s &<< 15) ^ w4 &>> 10
        u = w7 &>> 11 | w7 &<< 21; u ^= w7; u = (u &>> 7 | u &<< 25) ^ w7 &>> 3
        w6 = w6 &+ s &+ w15 &+ u
        s = g &>> 14 | g &<< 18; s ^= g; s = s &>> 5 | s &<< 27; s ^= g; s = s &>> 6 | s &<< 26
        t = b &+ s &+ (a ^ (g & (h ^ a))) &+ 0x81c2_c92e &+ w6
        f = f &+ t
        s = c &>> 9 | c &<< 23; s ^= c; s = s &>> 11 | s &<< 21; s ^= c; s = s &>> 2 | s &<< 30
        p = c ^ d
        b = t &+ s &+ (d ^ (p & q))
        // Round 39.
        s = w5 &>> 2 | w5 &<< 30; s ^= w5; s = (s &>> 17 | s &<< 15) ^ w5 &>> 10
        u = w8 &>> 11 | w8 &<< 21; u ^= w8; u = (u &>> 7 | u &<< 25) ^ w8 &>> 3
        w7 = w7 &+ s &+ w0 &+ u
        s = f &>> 14 | f &<< 18; s ^= f; s = s &>> 5 | s &<< 27; s ^= f; s = s &>> 6 | s &<< 26
        t = a &+ s &+ (h ^ (f & (g ^ h))) &+ 0x9272_2c85 &+ w7
        e = e &+ t
        s = b &>> 9 | b &<< 23; s ^= b; s = s &>> 11 | s &<< 21; s ^= b; s = s &>> 2 | s &<< 30
        q = b ^ c
        a = t &+ s &+ (c ^ (q & p))
        // Round 40.
        s = w6 &>> 2 | w6 &<< 30; s ^= w6; s = (s &>> 17 | s &<< 15) ^ w6 &>> 10
        u = w9 &>> 11 | w9 &<< 21; u ^= w9; u = (u &>> 7 | u &<< 25) ^ w9 &>> 3
        w8 = w8 &+ s &+ w1 &+ u
        s = e &>> 14 | e &<< 18; s ^= e; s = s &>> 5 | s &<< 27; s ^= e; s = s &>> 6 | s &<< 26
        t = h &+ s &+ (g ^ (e & (f ^ g))) &+ 0xa2bf_e8a1 &+ w8
        d = d &+ t
        s = a &>> 9 | a &<< 23; s ^= a; s = s &>> 11 | s &<< 21; s ^= a; s = s &>> 2 | s &<< 30
        p = a ^ b
        h = t &+ s &+ (b ^ (p & q))
        // Round 41.
        s = w7 &>> 2 | w7 &<< 30; s ^= w7; s = (s &>> 17 | s &<< 15) ^ w7 &>> 10
        u = w10 &>> 11 | w10 &<< 21; u ^= w10; u = (u &>> 7 | u &<< 25) ^ w10 &>> 3
        w9 = w9 &+ s &+ w2 &+ u
        s = d &>> 14 | d &<< 18; s ^= d; s = s &>> 5 | s &<< 27; s ^= d; s = s &>> 6 | s &<< 26
        t = g &+ s &+ (f ^ (d & (e ^ f))) &+ 0xa81a_664b &+ w9
        c = c &+ t
        s = h &>> 9 | h &<< 23; s ^= h; s = s &>> 11 | s &<< 21; s ^= h; s = s &>> 2 | s &<< 30
        q = h ^ a
        g = t &+ s &+ (a ^ (q & p))
        // Round 42.
        s = w8 &>> 2 | w8 &<< 30; s ^= w8; s = (s &>> 17 | s &<< 15) ^ w8 &>> 10
        u = w11 &>> 11 | w11 &<< 21; u ^= w11; u = (u &>> 7 | u &<< 25) ^ w11 &>> 3
        w10 = w10 &+ s &+ w3 &+ u
        s = c &>> 14 | c &<< 18; s ^= c; s = s &>> 5 | s &<< 27; s ^= c; s = s &>> 6 | s &<< 26
        t = f &+ s &+ (e ^ (c & (d ^ e))) &+ 0xc24b_8b70 &+ w10
        b = b &+ t
        s = g &>> 9 | g &<< 23; s ^= g; s = s &>> 11 | s &<< 21; s ^= g; s = s &>> 2 | s &<< 30
        p = g ^ h
        f = t &+ s &+ (h ^ (p & q))
        // Round 43.
        s = w9 &>> 2 | w9 &<< 30; s ^= w9; s = (s &>> 17 | s &<< 15) ^ w9 &>> 10
        u = w12 &>> 11 | w12 &<< 21; u ^= w12; u = (u &>> 7 | u &<< 25) ^ w12 &>> 3
        w11 = w11 &+ s &+ w4 &+ u
        s = b &>> 14 | b &<< 18; s ^= b; s = s &>> 5 | s &<< 27; s ^= b; s = s &>> 6 | s &<< 26
        t = e &+ s &+ (d ^ (b & (c ^ d))) &+ 0xc76c_51a3 &+ w11
        a = a &+ t
        s = f &>> 9 | f &<< 23; s ^= f; s = s &>> 11 | s &<< 21; s ^= f; s = s &>> 2 | s &<< 30
        q = f ^ g
        e = t &+ s &+ (g ^ (q & p))
        // Round 44.
        s = w10 &>> 2 | w10 &<< 30; s ^= w10; s = (s &>> 17 | s &<< 15) ^ w10 &>> 10
        u = w13 &>> 11 | w13 &<< 21; u ^= w13; u = (u &>> 7 | u &<< 25) ^ w13 &>> 3
        w12 = w12 &+ s &+ w5 &+ u
        s = a &>> 14 | a &<< 18; s ^= a; s = s &>> 5 | s &<< 27; s ^= a; s = s &>> 6 | s &<< 26
        t = d &+ s &+ (c ^ (a & (b ^ c))) &+ 0xd192_e819 &+ w12
        h = h &+ t
        s = e &>> 9 | e &<< 23; s ^= e; s = s &>> 11 | s &<< 21; s ^= e; s = s &>> 2 | s &<< 30
        p = e ^ f
        d = t &+ s &+ (f ^ (p & q))
        // Round 45.
        s = w11 &>> 2 | w11 &<< 30; s ^= w11; s = (s &>> 17 | s &<< 15) ^ w11 &>> 10
        u = w14 &>> 11 | w14 &<< 21; u ^= w14; u = (u &>> 7 | u &<< 25) ^ w14 &>> 3
        w13 = w13 &+ s &+ w6 &+ u
        s = h &>> 14 | h &<< 18; s ^= h; s = s &>> 5 | s &<< 27; s ^= h; s = s &>> 6 | s &<< 26
        t = c &+ s &+ (b ^ (h & (a ^ b))) &+ 0xd699_0624 &+ w13
        g = g &+ t
        s = d &>> 9 | d &<< 23; s ^= d; s = s &>> 11 | s &<< 21; s ^= d; s = s &>> 2 | s &<< 30
        q = d ^ e
        c = t &+ s &+ (e ^ (q & p))
        // Round 46.
        s = w12 &>> 2 | w12 &<< 30; s ^= w12; s = (s &>> 17 | s &<< 15) ^ w12 &>> 10
        u = w15 &>> 11 | w15 &<< 21; u ^= w15; u = (u &>> 7 | u &<< 25) ^ w15 &>> 3
        w14 = w14 &+ s &+ w7 &+ u
        s = g &>> 14 | g &<< 18; s ^= g; s = s &>> 5 | s &<< 27; s ^= g; s = s &>> 6 | s &<< 26
        t = b &+ s &+ (a ^ (g & (h ^ a))) &+ 0xf40e_3585 &+ w14
        f = f &+ t
        s = c &>> 9 | c &<< 23; s ^= c; s = s &>> 11 | s &<< 21; s ^= c; s = s &>> 2 | s &<< 30
        p = c ^ d
        b = t &+ s &+ (d ^ (p & q))
        // Round 47.
        s = w13 &>> 2 | w13 &<< 30; s ^= w13; s = (s &>> 17 | s &<< 15) ^ w13 &>> 10
        u = w0 &>> 11 | w0 &<< 21; u ^= w0; u = (u &>> 7 | u &<< 25) ^ w0 &>> 3
        w15 = w15 &+ s &+ w8 &+ u
        s = f &>> 14 | f &<< 18; s ^= f; s = s &>> 5 | s &<< 27; s ^= f; s = s &>> 6 | s &<< 26
        t = a &+ s &+ (h ^ (f & (g ^ h))) &+ 0x106a_a070 &+ w15
        e = e &+ t
        s = b &>> 9 | b &<< 23; s ^= b; s = s &>> 11 | s &<< 21; s ^= b; s = s &>> 2 | s &<< 30
        q = b ^ c
        a = t &+ s &+ (c ^ (q & p))
        // Round 48.
        s = w14 &>> 2 | w14 &<< 30; s ^= w14; s = (s &>> 17 | s &<< 15) ^ w14 &>> 10
        u = w1 &>> 11 | w1 &<< 21; u ^= w1; u = (u &>> 7 | u &<< 25) ^ w1 &>> 3
        w0 = w0 &+ s &+ w9 &+ u
        s = e &>> 14 | e &<< 18; s ^= e; s = s &>> 5 | s &<< 27; s ^= e; s = s &>> 6 | s &<< 26
        t = h &+ s &+ (g ^ (e & (f ^ g))) &+ 0x19a4_c116 &+ w0
        d = d &+ t
        s = a &>> 9 | a &<< 23; s ^= a; s = s &>> 11 | s &<< 21; s ^= a; s = s &>> 2 | s &<< 30
        p = a ^ b
        h = t &+ s &+ (b ^ (p & q))
        // Round 49.
        s = w15 &>> 2 | w15 &<< 30; s ^= w15; s = (s &>> 17 | s &<< 15) ^ w15 &>> 10
        u = w2 &>> 11 | w2 &<< 21; u ^= w2; u = (u &>> 7 | u &<< 25) ^ w2 &>> 3
        w1 = w1 &+ s &+ w10 &+ u
        s = d &>> 14 | d &<< 18; s ^= d; s = s &>> 5 | s &<< 27; s ^= d; s = s &>> 6 | s &<< 26
        t = g &+ s &+ (f ^ (d & (e ^ f))) &+ 0x1e37_6c08 &+ w1
        c = c &+ t
        s = h &>> 9 | h &<< 23; s ^= h; s = s &>> 11 | s &<< 21; s ^= h; s = s &>> 2 | s &<< 30
        q = h ^ a
        g = t &+ s &+ (a ^ (q & p))
        // Round 50.
        s = w0 &>> 2 | w0 &<< 30; s ^= w0; s = (s &>> 17 | s &<< 15) ^ w0 &>> 10
        u = w3 &>> 11 | w3 &<< 21; u ^= w3; u = (u &>> 7 | u &<< 25) ^ w3 &>> 3
        w2 = w2 &+ s &+ w11 &+ u
        s = c &>> 14 | c &<< 18; s ^= c; s = s &>> 5 | s &<< 27; s ^= c; s = s &>> 6 | s &<< 26
        t = f &+ s &+ (e ^ (c & (d ^ e))) &+ 0x2748_774c &+ w2
        b = b &+ t
        s = g &>> 9 | g &<< 23; s ^= g; s = s &>> 11 | s &<< 21; s ^= g; s = s &>> 2 | s &<< 30
        p = g ^ h
        f = t &+ s &+ (h ^ (p & q))
        // Round 51.
        s = w1 &>> 2 | w1 &<< 30; s ^= w1; s = (s &>> 17 | s &<< 15) ^ w1 &>> 10
        u = w4 &>> 11 | w4 &<< 21; u ^= w4; u = (u &>> 7 | u &<< 25) ^ w4 &>> 3
        w3 = w3 &+ s &+ w12 &+ u
        s = b &>> 14 | b &<< 18; s ^= b; s = s &>> 5 | s &<< 27; s ^= b; s = s &>> 6 | s &<< 26
        t = e &+ s &+ (d ^ (b & (c ^ d))) &+ 0x34b0_bcb5 &+ w3
        a = a &+ t
        s = f &>> 9 | f &<< 23; s ^= f; s = s &>> 11 | s &<< 21; s ^= f; s = s &>> 2 | s &<< 30
        q = f ^ g
        e = t &+ s &+ (g ^ (q & p))
        // Round 52.
        s = w2 &>> 2 | w2 &<< 30; s ^= w2; s = (s &>> 17 | s &<< 15) ^ w2 &>> 10
        u = w5 &>> 11 | w5 &<< 21; u ^= w5; u = (u &>> 7 | u &<< 25) ^ w5 &>> 3
        w4 = w4 &+ s &+ w13 &+ u
        s = a &>> 14 | a &<< 18; s ^= a; s = s &>> 5 | s &<< 27; s ^= a; s = s &>> 6 | s &<< 26
        t = d &+ s &+ (c ^ (a & (b ^ c))) &+ 0x391c_0cb3 &+ w4
        h = h &+ t
        s = e &>> 9 | e &<< 23; s ^= e; s = s &>> 11 | s &<< 21; s ^= e; s = s &>> 2 | s &<< 30
        p = e ^ f
        d = t &+ s &+ (f ^ (p & q))
        // Round 53.
        s = w3 &>> 2 | w3 &<< 30; s ^= w3; s = (s &>> 17 | s &<< 15) ^ w3 &>> 10
        u = w6 &>> 11 | w6 &<< 21; u ^= w6; u = (u &>> 7 | u &<< 25) ^ w6 &>> 3
        w5 = w5 &+ s &+ w14 &+ u
        s = h &>> 14 | h &<< 18; s ^= h; s = s &>> 5 | s &<< 27; s ^= h; s = s &>> 6 | s &<< 26
        t = c &+ s &+ (b ^ (h & (a ^ b))) &+ 0x4ed8_aa4a &+ w5
        g = g &+ t
        s = d &>> 9 | d &<< 23; s ^= d; s = s &>> 11 | s &<< 21; s ^= d; s = s &>> 2 | s &<< 30
        q = d ^ e
        c = t &+ s &+ (e ^ (q & p))
        // Round 54.
        s = w4 &>> 2 | w4 &<< 30; s ^= w4; s = (s &>> 17 | s &<< 15) ^ w4 &>> 10
        u = w7 &>> 11 | w7 &<< 21; u ^= w7; u = (u &>> 7 | u &<< 25) ^ w7 &>> 3
        w6 = w6 &+ s &+ w15 &+ u
        s = g &>> 14 | g &<< 18; s ^= g; s = s &>> 5 | s &<< 27; s ^= g; s = s &>> 6 | s &<< 26
        t = b &+ s &+ (a ^ (g & (h ^ a))) &+ 0x5b9c_ca4f &+ w6
        f = f &+ t
        s = c &>> 9 | c &<< 23; s ^= c; s = s &>> 11 | s &<< 21; s ^= c; s = s &>> 2 | s &<< 30
        p = c ^ d
        b = t &+ s &+ (d ^ (p & q))
        // Round 55.
        s = w5 &>> 2 | w5 &<< 30; s ^= w5; s = (s &>> 17 | s &<< 15) ^ w5 &>> 10
        u = w8 &>> 11 | w8 &<< 21; u ^= w8; u = (u &>> 7 | u &<< 25) ^ w8 &>> 3
        w7 = w7 &+ s &+ w0 &+ u
        s = f &>> 14 | f &<< 18; s ^= f; s = s &>> 5 | s &<< 27; s ^= f; s = s &>> 6 | s &<< 26
        t = a &+ s &+ (h ^ (f & (g ^ h))) &+ 0x682e_6ff3 &+ w7
        e = e &+ t
        s = b &>> 9 | b &<< 23; s ^= b; s = s &>> 11 | s &<< 21; s ^= b; s = s &>> 2 | s &<< 30
        q = b ^ c
        a = t &+ s &+ (c ^ (q & p))
        // Round 56.
        s = w6 &>> 2 | w6 &<< 30; s ^= w6; s = (s &>> 17 | s &<< 15) ^ w6 &>> 10
        u = w9 &>> 11 | w9 &<< 21; u ^= w9; u = (u &>> 7 | u &<< 25) ^ w9 &>> 3
        w8 = w8 &+ s &+ w1 &+ u
        s = e &>> 14 | e &<< 18; s ^= e; s = s &>> 5 | s &<< 27; s ^= e; s = s &>> 6 | s &<< 26
        t = h &+ s &+ (g ^ (e & (f ^ g))) &+ 0x748f_82ee &+ w8
        d = d &+ t
        s = a &>> 9 | a &<< 23; s ^= a; s = s &>> 11 | s &<< 21; s ^= a; s = s &>> 2 | s &<< 30
        p = a ^ b
        h = t &+ s &+ (b ^ (p & q))
        // Round 57.
        s = w7 &>> 2 | w7 &<< 30; s ^= w7; s = (s &>> 17 | s &<< 15) ^ w7 &>> 10
        u = w10 &>> 11 | w10 &<< 21; u ^= w10; u = (u &>> 7 | u &<< 25) ^ w10 &>> 3
        w9 = w9 &+ s &+ w2 &+ u
        s = d &>> 14 | d &<< 18; s ^= d; s = s &>> 5 | s &<< 27; s ^= d; s = s &>> 6 | s &<< 26
        t = g &+ s &+ (f ^ (d & (e ^ f))) &+ 0x78a5_636f &+ w9
        c = c &+ t
        s = h &>> 9 | h &<< 23; s ^= h; s = s &>> 11 | s &<< 21; s ^= h; s = s &>> 2 | s &<< 30
        q = h ^ a
        g = t &+ s &+ (a ^ (q & p))
        // Round 58.
        s = w8 &>> 2 | w8 &<< 30; s ^= w8; s = (s &>> 17 | s &<< 15) ^ w8 &>> 10
        u = w11 &>> 11 | w11 &<< 21; u ^= w11; u = (u &>> 7 | u &<< 25) ^ w11 &>> 3
        w10 = w10 &+ s &+ w3 &+ u
        s = c &>> 14 | c &<< 18; s ^= c; s = s &>> 5 | s &<< 27; s ^= c; s = s &>> 6 | s &<< 26
        t = f &+ s &+ (e ^ (c & (d ^ e))) &+ 0x84c8_7814 &+ w10
        b = b &+ t
        s = g &>> 9 | g &<< 23; s ^= g; s = s &>> 11 | s &<< 21; s ^= g; s = s &>> 2 | s &<< 30
        p = g ^ h
        f = t &+ s &+ (h ^ (p & q))
        // Round 59.
        s = w9 &>> 2 | w9 &<< 30; s ^= w9; s = (s &>> 17 | s &<< 15) ^ w9 &>> 10
        u = w12 &>> 11 | w12 &<< 21; u ^= w12; u = (u &>> 7 | u &<< 25) ^ w12 &>> 3
        w11 = w11 &+ s &+ w4 &+ u
        s = b &>> 14 | b &<< 18; s ^= b; s = s &>> 5 | s &<< 27; s ^= b; s = s &>> 6 | s &<< 26
        t = e &+ s &+ (d ^ (b & (c ^ d))) &+ 0x8cc7_0208 &+ w11
        a = a &+ t
        s = f &>> 9 | f &<< 23; s ^= f; s = s &>> 11 | s &<< 21; s ^= f; s = s &>> 2 | s &<< 30
        q = f ^ g
        e = t &+ s &+ (g ^ (q & p))
        // Round 60.
        s = w10 &>> 2 | w10 &<< 30; s ^= w10; s = (s &>> 17 | s &<< 15) ^ w10 &>> 10
        u = w13 &>> 11 | w13 &<< 21; u ^= w13; u = (u &>> 7 | u &<< 25) ^ w13 &>> 3
        w12 = w12 &+ s &+ w5 &+ u
        s = a &>> 14 | a &<< 18; s ^= a; s = s &>> 5 | s &<< 27; s ^= a; s = s &>> 6 | s &<< 26
        t = d &+ s &+ (c ^ (a & (b ^ c))) &+ 0x90be_fffa &+ w12
        h = h &+ t
        s = e &>> 9 | e &<< 23; s ^= e; s = s &>> 11 | s &<< 21; s ^= e; s = s &>> 2 | s &<< 30
        p = e ^ f
        d = t &+ s &+ (f ^ (p & q))
        // Round 61.
        s = w11 &>> 2 | w11 &<< 30; s ^= w11; s = (s &>> 17 | s &<< 15) ^ w11 &>> 10
        u = w14 &>> 11 | w14 &<< 21; u ^= w14; u = (u &>> 7 | u &<< 25) ^ w14 &>> 3
        w13 = w13 &+ s &+ w6 &+ u
        s = h &>> 14 | h &<< 18; s ^= h; s = s &>> 5 | s &<< 27; s ^= h; s = s &>> 6 | s &<< 26
        t = c &+ s &+ (b ^ (h & (a ^ b))) &+ 0xa450_6ceb &+ w13
        g = g &+ t
        s = d &>> 9 | d &<< 23; s ^= d; s = s &>> 11 | s &<< 21; s ^= d; s = s &>> 2 | s &<< 30
        q = d ^ e
        c = t &+ s &+ (e ^ (q & p))
        // Round 62.
        s = w12 &>> 2 | w12 &<< 30; s ^= w12; s = (s &>> 17 | s &<< 15) ^ w12 &>> 10
        u = w15 &>> 11 | w15 &<< 21; u ^= w15; u = (u &>> 7 | u &<< 25) ^ w15 &>> 3
        w14 = w14 &+ s &+ w7 &+ u
        s = g &>> 14 | g &<< 18; s ^= g; s = s &>> 5 | s &<< 27; s ^= g; s = s &>> 6 | s &<< 26
        t = b &+ s &+ (a ^ (g & (h ^ a))) &+ 0xbef9_a3f7 &+ w14
        f = f &+ t
        s = c &>> 9 | c &<< 23; s ^= c; s = s &>> 11 | s &<< 21; s ^= c; s = s &>> 2 | s &<< 30
        p = c ^ d
        b = t &+ s &+ (d ^ (p & q))
        // Round 63.
        s = w13 &>> 2 | w13 &<< 30; s ^= w13; s = (s &>> 17 | s &<< 15) ^ w13 &>> 10
        u = w0 &>> 11 | w0 &<< 21; u ^= w0; u = (u &>> 7 | u &<< 25) ^ w0 &>> 3
        w15 = w15 &+ s &+ w8 &+ u
        s = f &>> 14 | f &<< 18; s ^= f; s = s &>> 5 | s &<< 27; s ^= f; s = s &>> 6 | s &<< 26
        t = a &+ s &+ (h ^ (f & (g ^ h))) &+ 0xc671_78f2 &+ w15
        e = e &+ t
        s = b &>> 9 | b &<< 23; s ^= b; s = s &>> 11 | s &<< 21; s ^= b; s = s &>> 2 | s &<< 30
        q = b ^ c
        a = t &+ s &+ (c ^ (q & p))
        state.h0 &+= a
        state.h1 &+= b
        state.h2 &+= c
        state.h3 &+= d
        state.h4 &+= e
        state.h5 &+= f
        state.h6 &+= g
        state.h7 &+= h
    }
}
