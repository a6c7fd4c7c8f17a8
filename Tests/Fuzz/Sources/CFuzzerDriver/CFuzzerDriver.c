// Declarations only: see include/CFuzzerDriver.h. The definition is in libFuzzer.
