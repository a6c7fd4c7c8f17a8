// The SHA-256 compression function (FIPS 180-4 §6.2.2) on the CPU's SHA instructions: the
// x86-64 SHA extensions (SHA-NI) or the ARMv8 SHA2 crypto extensions. ClienteleCore calls
// these only after `clientele_sha256_hardware_available()` said yes, and keeps its pure-Swift
// compression for every other CPU.
//
// A state is the eight chaining words H0…H7 as native-endian `uint32_t`s, in order (32 bytes,
// the layout of ClienteleCore's `SHA256.State`).
#ifndef CCLIENTELE_SHA256_H
#define CCLIENTELE_SHA256_H

#include <stddef.h>

/// 1 when this CPU has the SHA-256 instructions this target uses (and, on x86-64, SSSE3 and
/// SSE4.1), else 0. Cheap but not free: call it once and keep the answer.
int clientele_sha256_hardware_available(void);

/// Compresses `block_count` consecutive 64-byte blocks at `blocks` (any alignment) into the
/// state at `state`. Only call when `clientele_sha256_hardware_available()` returned 1.
void clientele_sha256_compress_blocks(void *state, const void *blocks, size_t block_count);

/// Compresses into `state` the final block of a message that is one earlier 64-byte block
/// followed by the 32-byte digest whose eight words are at `message`: those words, then
/// 0x80000000, six zero words and the bit length 768. This is each half of an HMAC-SHA256 of
/// a digest once the key blocks are precomputed (the PBKDF2 iteration). Only call when
/// `clientele_sha256_hardware_available()` returned 1.
void clientele_sha256_compress_digest_after_one_block(void *state, const void *message);

#endif
