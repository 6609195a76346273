#include "SampleSet.h"

#include <ctime>
#include <memory>
#include <stdexcept>

#include "tests/support/TestSupport.h"

namespace countyread::samples::test {

namespace {
struct Generated {
    countyread::test::TempDir dir{"countyread-samples"};
    std::vector<GeneratedStudy> studies;
};
}  // namespace

const std::vector<GeneratedStudy>& sharedSamples() {
    static const std::unique_ptr<Generated> generated = [] {
        auto g = std::make_unique<Generated>();
        SampleOptions options;
        options.out_dir = g->dir.path();
        options.dr_size = kDrSize;
        options.ct_slices = kCtSlices;
        options.ct_size = kCtSize;
        g->studies = generateSamples(options);
        return g;
    }();
    return generated->studies;
}

const GeneratedStudy& studyIn(const std::string& charset) {
    for (const auto& s : sharedSamples()) {
        if (s.charset == charset) return s;
    }
    throw std::runtime_error("no sample study in " + charset);
}

std::string todayDa() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    ::localtime_r(&now, &tm);
    char buffer[16];
    std::strftime(buffer, sizeof buffer, "%Y%m%d", &tm);
    return buffer;
}

}  // namespace countyread::samples::test
