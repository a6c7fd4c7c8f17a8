// The target's one function is `static inline` in include/CClientelePrefetch.h; SwiftPM
// needs a source file to build the C target.
#include "CClientelePrefetch.h"
