#pragma once
// Process memory for the benchmark: resident set and its peak (Linux /proc), with the peak
// reset between phases (/proc/self/clear_refs, "5").
#include <cstdint>

namespace countyread::bench {

struct BenchMemory {
    static std::int64_t residentBytes();  // VmRSS
    static std::int64_t peakBytes();      // VmHWM since the last resetPeak()
    static void resetPeak();
    static void trim();  // hand freed heap back to the OS (malloc_trim) before measuring
};

}  // namespace countyread::bench
