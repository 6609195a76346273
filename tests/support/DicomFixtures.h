#pragma once
// Small, fully known DICOM objects built in tests (no dependency on sample files).
#include <filesystem>
#include <string>

namespace countyread::test {

struct FixtureSpec {
    std::string patient_name_utf8 = "张伟";
    std::string patient_id = "P0001";
    std::string charset = "ISO_IR 192";  // the file is written in this character set
    std::string study_uid;               // generated when empty
    std::string series_uid;
    std::string sop_uid;
    std::string modality = "CT";
    std::string study_date = "20261124";
    std::string study_time = "101500";
    int rows = 16, columns = 16;
    int instance_number = 1;
    short fill = 100;  // every stored pixel value
};

// Writes a CT (or DX when modality == "DX") Part 10 file; returns the SOP Instance UID.
std::string writeFixture(const std::filesystem::path& file, FixtureSpec spec);

}  // namespace countyread::test
