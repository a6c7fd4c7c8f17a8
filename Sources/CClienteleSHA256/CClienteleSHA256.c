// SHA-256 compression on the CPU's SHA instructions; see include/CClienteleSHA256.h.
//
// The instruction-set extensions are enabled per function with target attributes, so the
// target needs no compiler flags and the rest of the program still runs on CPUs without them:
// nothing here executes unless `clientele_sha256_hardware_available()` returned 1.

#include "CClienteleSHA256.h"

#include <stdint.h>

#if defined(__x86_64__) || defined(_M_X64)

#include <cpuid.h>
#include <immintrin.h>

#define CLIENTELE_SHA256_X86 1

int clientele_sha256_hardware_available(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const int ssse3 = (ecx >> 9) & 1;
    const int sse41 = (ecx >> 19) & 1;
    if (!ssse3 || !sse41) return 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    return (int)((ebx >> 29) & 1); // CPUID.(EAX=7,ECX=0):EBX.SHA[bit 29]
}

#elif defined(__aarch64__) || defined(__arm64__)

#include <arm_neon.h>

#define CLIENTELE_SHA256_ARM 1

#if defined(__APPLE__)
// Every Apple arm64 CPU has the SHA2 instructions.
int clientele_sha256_hardware_available(void) { return 1; }
#elif defined(__linux__)
#include <sys/auxv.h>
#ifndef HWCAP_SHA2
#define HWCAP_SHA2 (1 << 6)
#endif
int clientele_sha256_hardware_available(void) {
    return (getauxval(AT_HWCAP) & HWCAP_SHA2) != 0;
}
#else
int clientele_sha256_hardware_available(void) { return 0; }
#endif

#else

int clientele_sha256_hardware_available(void) { return 0; }
void clientele_sha256_compress_blocks(void *state, const void *blocks, size_t block_count) {
    (void)state; (void)blocks; (void)block_count;
}
void clientele_sha256_compress_digest_after_one_block(void *state, const void *message) {
    (void)state; (void)message;
}

#endif

/// The round constants K0…K63 (FIPS 180-4 §4.2.2).
#if defined(CLIENTELE_SHA256_X86) || defined(CLIENTELE_SHA256_ARM)
static const uint32_t round_constants[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};
#endif

#if defined(CLIENTELE_SHA256_X86)

#define SHA_TARGET __attribute__((target("sha,sse4.1,ssse3")))

// sha256rnds2 keeps the working variables as two vectors, ABEF and CDGH (A in the highest
// lane). Four rounds take the next four message words plus constants in the low lanes, two
// rounds at a time.
#define FOUR_ROUNDS(words, index) do { \
    __m128i wk_ = _mm_add_epi32((words), _mm_load_si128((const __m128i *)&round_constants[(index)])); \
    cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk_); \
    wk_ = _mm_shuffle_epi32(wk_, 0x0E); \
    abef = _mm_sha256rnds2_epu32(abef, cdgh, wk_); \
} while (0)

// W[t..t+3] from W[t-16..t-1] held as w0 (oldest four) … w3 (newest four); the result replaces
// w0: W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16].
#define NEXT_WORDS(w0, w1, w2, w3) \
    (w0) = _mm_sha256msg2_epu32( \
        _mm_add_epi32(_mm_sha256msg1_epu32((w0), (w1)), _mm_alignr_epi8((w3), (w2), 4)), (w3))

/// The 64 rounds on message words w0…w3 (W0…W15), then the feed-forward.
SHA_TARGET static inline __attribute__((always_inline)) void
rounds(__m128i *abef_io, __m128i *cdgh_io, __m128i w0, __m128i w1, __m128i w2, __m128i w3) {
    __m128i abef = *abef_io, cdgh = *cdgh_io;
    FOUR_ROUNDS(w0, 0);
    FOUR_ROUNDS(w1, 4);
    FOUR_ROUNDS(w2, 8);
    FOUR_ROUNDS(w3, 12);
    for (int index = 16; index < 64; index += 16) {
        NEXT_WORDS(w0, w1, w2, w3); FOUR_ROUNDS(w0, index);
        NEXT_WORDS(w1, w2, w3, w0); FOUR_ROUNDS(w1, index + 4);
        NEXT_WORDS(w2, w3, w0, w1); FOUR_ROUNDS(w2, index + 8);
        NEXT_WORDS(w3, w0, w1, w2); FOUR_ROUNDS(w3, index + 12);
    }
    *abef_io = _mm_add_epi32(abef, *abef_io);
    *cdgh_io = _mm_add_epi32(cdgh, *cdgh_io);
}

/// Loads H0…H7 as ABEF and CDGH.
SHA_TARGET static inline __attribute__((always_inline)) void
load_state(const void *state, __m128i *abef, __m128i *cdgh) {
    __m128i dcba = _mm_loadu_si128((const __m128i *)state);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)((const uint32_t *)state + 4));
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
    *abef = _mm_alignr_epi8(cdab, efgh, 8);
    *cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
}

/// Stores ABEF and CDGH back as H0…H7.
SHA_TARGET static inline __attribute__((always_inline)) void
store_state(void *state, __m128i abef, __m128i cdgh) {
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)state, _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((__m128i *)((uint32_t *)state + 4), _mm_alignr_epi8(dchg, feba, 8));
}

SHA_TARGET void clientele_sha256_compress_blocks(void *state, const void *blocks, size_t block_count) {
    // Swaps the bytes of each 32-bit lane: the message words are big-endian.
    const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    const unsigned char *block = (const unsigned char *)blocks;
    __m128i abef, cdgh;
    load_state(state, &abef, &cdgh);
    for (size_t remaining = block_count; remaining > 0; remaining--, block += 64) {
        rounds(&abef, &cdgh,
               _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)block), byte_swap),
               _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(block + 16)), byte_swap),
               _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(block + 32)), byte_swap),
               _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(block + 48)), byte_swap));
    }
    store_state(state, abef, cdgh);
}

SHA_TARGET void clientele_sha256_compress_digest_after_one_block(void *state, const void *message) {
    __m128i abef, cdgh;
    load_state(state, &abef, &cdgh);
    rounds(&abef, &cdgh,
           _mm_loadu_si128((const __m128i *)message),
           _mm_loadu_si128((const __m128i *)((const uint32_t *)message + 4)),
           _mm_set_epi32(0, 0, 0, (int)0x80000000u),
           _mm_set_epi32(768, 0, 0, 0));
    store_state(state, abef, cdgh);
}

#endif // CLIENTELE_SHA256_X86

#if defined(CLIENTELE_SHA256_ARM)

#if defined(__ARM_FEATURE_SHA2)
#define SHA_TARGET
#else
#define SHA_TARGET __attribute__((target("sha2")))
#endif

// vsha256hq/vsha256h2q keep the working variables as ABCD and EFGH (A in the lowest lane).
#define FOUR_ROUNDS(words, index) do { \
    uint32x4_t wk_ = vaddq_u32((words), vld1q_u32(&round_constants[(index)])); \
    uint32x4_t abcd_before_ = abcd; \
    abcd = vsha256hq_u32(abcd, efgh, wk_); \
    efgh = vsha256h2q_u32(efgh, abcd_before_, wk_); \
} while (0)

#define NEXT_WORDS(w0, w1, w2, w3) \
    (w0) = vsha256su1q_u32(vsha256su0q_u32((w0), (w1)), (w2), (w3))

SHA_TARGET static inline __attribute__((always_inline)) void
rounds(uint32x4_t *abcd_io, uint32x4_t *efgh_io, uint32x4_t w0, uint32x4_t w1, uint32x4_t w2, uint32x4_t w3) {
    uint32x4_t abcd = *abcd_io, efgh = *efgh_io;
    FOUR_ROUNDS(w0, 0);
    FOUR_ROUNDS(w1, 4);
    FOUR_ROUNDS(w2, 8);
    FOUR_ROUNDS(w3, 12);
    for (int index = 16; index < 64; index += 16) {
        NEXT_WORDS(w0, w1, w2, w3); FOUR_ROUNDS(w0, index);
        NEXT_WORDS(w1, w2, w3, w0); FOUR_ROUNDS(w1, index + 4);
        NEXT_WORDS(w2, w3, w0, w1); FOUR_ROUNDS(w2, index + 8);
        NEXT_WORDS(w3, w0, w1, w2); FOUR_ROUNDS(w3, index + 12);
    }
    *abcd_io = vaddq_u32(abcd, *abcd_io);
    *efgh_io = vaddq_u32(efgh, *efgh_io);
}

SHA_TARGET void clientele_sha256_compress_blocks(void *state, const void *blocks, size_t block_count) {
    const uint8_t *block = (const uint8_t *)blocks;
    uint32x4_t abcd = vld1q_u32((const uint32_t *)state);
    uint32x4_t efgh = vld1q_u32((const uint32_t *)state + 4);
    for (size_t remaining = block_count; remaining > 0; remaining--, block += 64) {
        // The message words are big-endian: reverse the bytes of each 32-bit lane.
        rounds(&abcd, &efgh,
               vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(block))),
               vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(block + 16))),
               vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(block + 32))),
               vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(block + 48))));
    }
    vst1q_u32((uint32_t *)state, abcd);
    vst1q_u32((uint32_t *)state + 4, efgh);
}

SHA_TARGET void clientele_sha256_compress_digest_after_one_block(void *state, const void *message) {
    static const uint32_t padding[8] __attribute__((aligned(16))) = {0x80000000u, 0, 0, 0, 0, 0, 0, 768};
    uint32x4_t abcd = vld1q_u32((const uint32_t *)state);
    uint32x4_t efgh = vld1q_u32((const uint32_t *)state + 4);
    rounds(&abcd, &efgh,
           vld1q_u32((const uint32_t *)message),
           vld1q_u32((const uint32_t *)message + 4),
           vld1q_u32(padding),
           vld1q_u32(padding + 4));
    vst1q_u32((uint32_t *)state, abcd);
    vst1q_u32((uint32_t *)state + 4, efgh);
}

#endif // CLIENTELE_SHA256_ARM
