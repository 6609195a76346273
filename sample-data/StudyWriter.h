#pragma once
// Writes the instances of one study as DICOM Part 10 files (<SOPInstanceUID>.dcm, Explicit VR
// Little Endian) with the patient, study, series and equipment modules every image shares.
#include <filesystem>
#include <string>

#include "StudySpec.h"

class DcmDataset;
class DcmFileFormat;

namespace countyread::samples {

class StudyWriter {
public:
    StudyWriter(StudySpec study, std::filesystem::path directory);

    // DX "for presentation" chest image.
    std::filesystem::path writeDx(const SeriesSpec& series, const Radiograph& image,
                                  int instance_number);
    // One axial CT slice; first_pixel_mm is the x (= y) of the centre of the top-left pixel.
    std::filesystem::path writeCt(const SeriesSpec& series, const CtGeometry& geometry,
                                  const CtSlice& slice, double first_pixel_mm);

    static std::string newUid(const char* root_kind);  // "study", "series" or "instance"

private:
    void putCommon(DcmDataset& ds, const SeriesSpec& series, const std::string& sop_class,
                   const std::string& sop_instance, int instance_number);
    void putDxModules(DcmDataset& ds, const Radiograph& image);
    void putCtModules(DcmDataset& ds, const CtGeometry& geometry, const CtSlice& slice,
                      double first_pixel_mm);
    std::filesystem::path save(DcmFileFormat& file, const std::string& sop_instance);

    StudySpec study_;
    std::filesystem::path directory_;
};

}  // namespace countyread::samples
