#pragma once
// Benchmark data: a 300-slice 512 x 512 CT series and a 3000 x 3000 DR written as DICOM files
// (explicit VR little endian, uncompressed, as a cache holds them), with the instance rows the
// viewer's loader expects.
#include <filesystem>
#include <string>
#include <vector>

#include "viewer/core/InstanceRow.h"

namespace countyread::bench {

struct BenchSeries {
    std::string study_uid;
    std::vector<viewer::InstanceRow> rows;
    std::vector<std::filesystem::path> files;  // same order as rows
};

// Writes `slices` CT slices (size x size, 0.7 mm pixels, 1 mm apart) into `dir`.
BenchSeries writeCt(const std::filesystem::path& dir, int slices, int size);
// Writes one DR (size x size, 12 bits, Imager Pixel Spacing 0.143 mm) into `dir`.
BenchSeries writeDr(const std::filesystem::path& dir, int size);

}  // namespace countyread::bench
