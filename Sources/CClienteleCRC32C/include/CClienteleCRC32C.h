// CRC-32C (Castagnoli) on the CPU's CRC instructions: SSE4.2 `crc32` on x86-64, the ARMv8
// CRC32 extension's `crc32c*` on arm64. ClienteleCore calls these only after
// `clientele_crc32c_hardware_available()` said yes, and keeps its pure-Swift table
// implementation for every other CPU.
#ifndef CCLIENTELE_CRC32C_H
#define CCLIENTELE_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the CRC-32C instructions this target uses, else 0. Cheap but not
/// free: call it once and keep the answer.
int clientele_crc32c_hardware_available(void);

/// The running CRC-32C register `crc` (inverted, as the algorithm keeps it: start from
/// 0xFFFFFFFF, invert at the end) advanced over `length` bytes at `bytes` (any alignment).
/// Only call when `clientele_crc32c_hardware_available()` returned 1.
uint32_t clientele_crc32c_update(uint32_t crc, const void *bytes, size_t length);

#endif
