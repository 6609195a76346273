#pragma once
// A small CT study served by the FakeServer: Chinese patient name, 5 axial phantom slices whose
// left half is -24 HU and right half +76 HU (stored 1000 / 1100, intercept -1024), window 40/400.
#include <filesystem>
#include <string>
#include <vector>

#include "tests/viewer/FakeServer.h"

namespace countyread::test {

inline constexpr const char* kDemoStudyUid = "1.2.826.0.1.3680043.10.4000.1";

void addDemoCtStudy(FakeServer& server);

// Serves real DICOM files as one study (rows filled from the files' own attributes, the
// worklist row from the first file). Returns the study UID.
std::string addFilesAsStudy(FakeServer& server, const std::vector<std::filesystem::path>& files,
                            const std::string& township_name = "青山镇卫生院");

}  // namespace countyread::test
