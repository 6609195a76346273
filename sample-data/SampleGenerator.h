#pragma once
// Generates the demo studies a township health centre would send to the county:
// two DR chests and two CTs, each in a different Chinese character set.
#include <filesystem>
#include <string>
#include <vector>

namespace countyread::samples {

struct SampleOptions {
    std::filesystem::path out_dir;             // one sub-folder per study is created here
    std::string township_aet = "WENAN";        // calling AE title of the township modality
    std::string institution = "问安镇卫生院";  // InstitutionName (UTF-8; encoded per study)
    int dr_size = 2000;                        // DR rows = columns (64..4096); field stays 43 cm
    int ct_slices = 24;                        // CT head slices (1..400), 5 mm apart
    int ct_size = 512;                         // CT rows = columns (64..1024)
    unsigned seed = 42;  // phantom variation and noise (UIDs are always fresh)
};

struct GeneratedStudy {
    std::string study_uid;
    std::string patient_name_utf8;  // PatientName exactly as stored, decoded to UTF-8
    std::string patient_id;
    std::string modality;  // "DX" or "CT"
    std::string charset;   // Specific Character Set as written, e.g. "GB18030", "\\ISO 2022 IR 58"
    std::string description_utf8;  // StudyDescription, UTF-8
    std::filesystem::path directory;
    std::vector<std::filesystem::path> files;  // <SOPInstanceUID>.dcm, in InstanceNumber order
};

// Writes the four sample studies under options.out_dir and describes them.
// Re-running replaces the .dcm files in the same study folders.
// Throws std::invalid_argument for out-of-range sizes, std::runtime_error on I/O or encoding
// errors.
std::vector<GeneratedStudy> generateSamples(const SampleOptions& options);

}  // namespace countyread::samples
