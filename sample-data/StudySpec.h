#pragma once
// Plain data handed from the generator to the writer. All text is UTF-8; the writer encodes
// it into `charset` when the file is written.
#include <cstdint>
#include <string>
#include <vector>

namespace countyread::samples {

struct StudySpec {
    std::string charset;  // target Specific Character Set, e.g. "GB18030" or "\\ISO 2022 IR 58"
    std::string patient_name, patient_id, issuer_of_patient_id, birth_date, sex, age;
    std::string patient_weight_kg, patient_size_m;
    std::string study_uid, study_date, study_time, accession, study_id, study_description;
    std::string referring_physician, operator_name;
    std::string institution, department, station_name, source_aet;
};

struct SeriesSpec {
    std::string modality{};  // "DX" or "CT"
    std::string series_uid{};
    std::string frame_of_reference_uid{};  // CT only
    std::string series_description{};
    std::string body_part{};
    std::string protocol_name{};
    std::string model_name{};
    std::string device_serial{};
    int series_number = 1;
};

// A processed ("for presentation") projection radiograph, 12 bits stored in 16.
struct Radiograph {
    int rows = 0, columns = 0;
    double imager_pixel_spacing_mm = 0.143;
    std::vector<uint16_t> pixels;  // rows * columns, MONOCHROME2
    int window_center = 2048, window_width = 4096;
};

// Acquisition and reconstruction parameters shared by every slice of a CT series.
struct CtGeometry {
    int size = 512;  // rows = columns
    double pixel_spacing_mm = 0.45;
    double slice_thickness_mm = 5;
    struct Window {
        double center, width;
        std::string explanation;
    };
    std::vector<Window> windows{{40, 80, "BRAIN"}};  // the first one is the default
    std::string kernel = "H30s";
    double kvp = 120, tube_current_ma = 250, ctdi_vol = 55;
    bool head_phantom = true;  // CTDIvol measured in the 16 cm head or the 32 cm body phantom
};

// One reconstructed axial slice: stored values = HU + 1024 (RescaleIntercept -1024).
struct CtSlice {
    int instance_number = 1;
    double z_mm = 0;  // ImagePositionPatient z (LPS; increases towards the head)
    std::vector<uint16_t> pixels;
};

}  // namespace countyread::samples
