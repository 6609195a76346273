#pragma once
// Domain view of one DICOM instance: what crosses module boundaries instead of DCMTK types.
#include <cstdint>
#include <string>

namespace countyread::dicom {

struct InstanceInfo {
    // Patient (text always UTF-8, whatever Specific Character Set the file used)
    std::string patient_name;
    std::string patient_id;
    std::string patient_birth_date;  // YYYYMMDD
    std::string patient_sex;
    // Study
    std::string study_uid;
    std::string study_date;  // YYYYMMDD
    std::string study_time;
    std::string study_description;
    std::string accession_number;
    std::string institution_name;
    std::string referring_physician;
    // Series
    std::string series_uid;
    std::string modality;
    std::string body_part;
    std::string series_description;
    int series_number = 0;
    // Instance
    std::string sop_class_uid;
    std::string sop_instance_uid;
    int instance_number = 0;
    std::string transfer_syntax_uid;
    std::string source_charset;  // Specific Character Set as received ("" = default repertoire)
    std::string charset_error;   // set when the text could not be decoded (non-ASCII shown as '?')
    int rows = 0;
    int columns = 0;
};

}  // namespace countyread::dicom
