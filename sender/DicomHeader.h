#pragma once
// What the gateway needs from a DICOM file's header to queue and forward it.
#include <filesystem>
#include <string>

namespace countyread::sender {

struct DicomHeader {
    std::string sop_uid;
    std::string sop_class;
    std::string study_uid;
    std::string series_uid;
    std::string transfer_syntax;
    std::string patient_name;  // UTF-8
    std::string patient_id;
    std::string modality;
    std::string study_description;  // UTF-8
    std::string study_date;
    std::string error;  // set when the file cannot be queued
};

// Never throws: problems are reported in `error`.
DicomHeader readDicomHeader(const std::filesystem::path& file);

}  // namespace countyread::sender
