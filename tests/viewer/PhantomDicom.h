#pragma once
// Test images built with DCMTK: grayscale DICOM files with known pixel values.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dicom/model/DicomFile.h"

namespace countyread::test {

struct PhantomSpec {
    int width = 64;
    int height = 64;
    int frames = 1;
    int bits_allocated = 16;
    int bits_stored = 16;
    int high_bit = 15;
    bool is_signed = false;
    // Raw words as they go into Pixel Data (frames * height * width; bytes for 8-bit).
    std::vector<std::uint16_t> raw;
    std::string photometric = "MONOCHROME2";
    int samples_per_pixel = 1;
    std::optional<double> slope;
    std::optional<double> intercept;
    std::optional<std::pair<double, double>> window;  // centre, width
    std::optional<std::pair<double, double>> pixel_spacing;
    std::optional<std::pair<double, double>> imager_spacing;
    std::optional<double> z_position;  // axial ImagePositionPatient (0, 0, z) when set
    std::string modality = "CT";
    std::string patient_name = "李明";
    std::string study_uid = "1.2.826.0.1.3680043.10.1000.1";
    std::string series_uid = "1.2.826.0.1.3680043.10.1000.1.1";
    std::string sop_uid = "1.2.826.0.1.3680043.10.1000.1.1.1";
    int instance_number = 1;
    std::string transfer_syntax = "1.2.840.10008.1.2.1";  // explicit VR little endian
    std::optional<int> declared_rows;  // header lies about Rows (malformed-file tests)
    // Further attributes by keyword, e.g. {"WindowCenterWidthExplanation", "NORMAL\\HARDER"};
    // they replace anything set above.
    std::vector<std::pair<std::string, std::string>> extra;
};

// Builds the Part 10 file (encoding to a compressed transfer syntax when asked: JPEG
// lossless SV1 1.2.840.10008.1.2.4.70, JPEG-LS lossless .4.80, RLE .5).
dicom::Bytes makePhantom(const PhantomSpec& spec);

// Two halves: left `left`, right `right` (stored values), for every frame.
std::vector<std::uint16_t> halves(int width, int height, std::uint16_t left, std::uint16_t right,
                                  int frames = 1);

}  // namespace countyread::test
