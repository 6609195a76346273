#pragma once
// The sample studies generated once per test process (small sizes) into a temp dir.
#include <string>
#include <vector>

#include "SampleGenerator.h"

namespace countyread::samples::test {

constexpr int kDrSize = 512;
constexpr int kCtSlices = 6;
constexpr int kCtSize = 256;

const std::vector<GeneratedStudy>& sharedSamples();
// The study written in `charset` ("GB18030", "GBK", "ISO_IR 192", "\\ISO 2022 IR 58").
const GeneratedStudy& studyIn(const std::string& charset);
// Today's date as DICOM DA (local time), as the generator writes it.
std::string todayDa();

}  // namespace countyread::samples::test
