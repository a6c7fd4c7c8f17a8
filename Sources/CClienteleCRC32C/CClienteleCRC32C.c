// See CClienteleCRC32C.h. Each function enables its instructions with a target attribute,
// so the package needs no compiler flags and runs on CPUs without them (the Swift table
// implementation is used there).

#include "CClienteleCRC32C.h"

#include <string.h>

#if defined(__x86_64__) || defined(_M_X64)

#include <cpuid.h>

int clientele_crc32c_hardware_available(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    return (int)((ecx >> 20) & 1); // CPUID.1:ECX.SSE4_2[bit 20]
}

__attribute__((target("sse4.2")))
uint32_t clientele_crc32c_update(uint32_t crc, const void *bytes, size_t length) {
    const unsigned char *next = (const unsigned char *)bytes;
    uint64_t wide = crc;
    while (length >= 8) {
        uint64_t word;
        memcpy(&word, next, 8);
        wide = __builtin_ia32_crc32di(wide, word);
        next += 8;
        length -= 8;
    }
    uint32_t narrow = (uint32_t)wide;
    while (length > 0) {
        narrow = __builtin_ia32_crc32qi(narrow, *next);
        next += 1;
        length -= 1;
    }
    return narrow;
}

#elif defined(__aarch64__) || defined(__arm64__)

#if defined(__APPLE__)
int clientele_crc32c_hardware_available(void) { return 1; }
#elif defined(__linux__)
#include <sys/auxv.h>
#ifndef HWCAP_CRC32
#define HWCAP_CRC32 (1 << 7)
#endif
int clientele_crc32c_hardware_available(void) {
    return (getauxval(AT_HWCAP) & HWCAP_CRC32) != 0;
}
#else
int clientele_crc32c_hardware_available(void) { return 0; }
#endif

__attribute__((target("crc")))
uint32_t clientele_crc32c_update(uint32_t crc, const void *bytes, size_t length) {
    const unsigned char *next = (const unsigned char *)bytes;
    while (length >= 8) {
        uint64_t word;
        memcpy(&word, next, 8);
        crc = __builtin_arm_crc32cd(crc, word);
        next += 8;
        length -= 8;
    }
    while (length > 0) {
        crc = __builtin_arm_crc32cb(crc, *next);
        next += 1;
        length -= 1;
    }
    return crc;
}

#else

int clientele_crc32c_hardware_available(void) { return 0; }
uint32_t clientele_crc32c_update(uint32_t crc, const void *bytes, size_t length) {
    (void)bytes; (void)length;
    return crc;
}

#endif
