#include "tests/support/DicomFixtures.h"

#include <dcmtk/dcmdata/dctk.h>

#include <stdexcept>
#include <vector>

namespace countyread::test {

namespace {
std::string uid() {
    char buf[100];
    return dcmGenerateUniqueIdentifier(buf, SITE_INSTANCE_UID_ROOT);
}
}  // namespace

std::string writeFixture(const std::filesystem::path& file, FixtureSpec spec) {
    if (spec.study_uid.empty()) spec.study_uid = uid();
    if (spec.series_uid.empty()) spec.series_uid = uid();
    if (spec.sop_uid.empty()) spec.sop_uid = uid();
    DcmFileFormat ff;
    DcmDataset* ds = ff.getDataset();
    bool dx = spec.modality == "DX";
    const char* sop_class = dx ? UID_DigitalXRayImageStorageForPresentation : UID_CTImageStorage;
    ds->putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
    ds->putAndInsertString(DCM_SOPClassUID, sop_class);
    ds->putAndInsertString(DCM_SOPInstanceUID, spec.sop_uid.c_str());
    ds->putAndInsertString(DCM_StudyInstanceUID, spec.study_uid.c_str());
    ds->putAndInsertString(DCM_SeriesInstanceUID, spec.series_uid.c_str());
    ds->putAndInsertString(DCM_PatientName, spec.patient_name_utf8.c_str());
    ds->putAndInsertString(DCM_PatientID, spec.patient_id.c_str());
    ds->putAndInsertString(DCM_PatientBirthDate, "19700101");
    ds->putAndInsertString(DCM_PatientSex, "M");
    ds->putAndInsertString(DCM_StudyDate, spec.study_date.c_str());
    ds->putAndInsertString(DCM_StudyTime, spec.study_time.c_str());
    ds->putAndInsertString(DCM_StudyDescription, "测试检查");
    ds->putAndInsertString(DCM_Modality, spec.modality.c_str());
    ds->putAndInsertString(DCM_SeriesNumber, "1");
    ds->putAndInsertString(DCM_InstanceNumber, std::to_string(spec.instance_number).c_str());
    ds->putAndInsertUint16(DCM_Rows, static_cast<Uint16>(spec.rows));
    ds->putAndInsertUint16(DCM_Columns, static_cast<Uint16>(spec.columns));
    ds->putAndInsertUint16(DCM_SamplesPerPixel, 1);
    ds->putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
    ds->putAndInsertUint16(DCM_BitsAllocated, 16);
    ds->putAndInsertUint16(DCM_BitsStored, 16);
    ds->putAndInsertUint16(DCM_HighBit, 15);
    ds->putAndInsertUint16(DCM_PixelRepresentation, 1);
    ds->putAndInsertString(DCM_PixelSpacing, "0.5\\0.5");
    ds->putAndInsertString(DCM_RescaleIntercept, "0");
    ds->putAndInsertString(DCM_RescaleSlope, "1");
    std::vector<Uint16> pixels(static_cast<size_t>(spec.rows * spec.columns),
                               static_cast<Uint16>(spec.fill));
    ds->putAndInsertUint16Array(DCM_PixelData, pixels.data(), static_cast<unsigned long>(pixels.size()));
    if (spec.charset != "ISO_IR 192") {
        OFCondition c = ds->convertCharacterSet(spec.charset.c_str());
        if (c.bad()) throw std::runtime_error("fixture charset conversion: " + std::string(c.text()));
    }
    OFCondition c = ff.saveFile(file.c_str(), EXS_LittleEndianExplicit);
    if (c.bad()) throw std::runtime_error("fixture save: " + std::string(c.text()));
    return spec.sop_uid;
}

}  // namespace countyread::test
