#include "BenchMemory.h"

#include <malloc.h>

#include <fstream>
#include <string>

namespace countyread::bench {
namespace {

std::int64_t statusField(const std::string& name) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(name + ":", 0) == 0) return std::stoll(line.substr(name.size() + 1)) * 1024;
    }
    return 0;
}

}  // namespace

std::int64_t BenchMemory::residentBytes() { return statusField("VmRSS"); }
std::int64_t BenchMemory::peakBytes() { return statusField("VmHWM"); }

void BenchMemory::resetPeak() {
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
}

void BenchMemory::trim() { malloc_trim(0); }

}  // namespace countyread::bench
