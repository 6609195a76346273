#include "BenchData.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>

#include <cmath>
#include <stdexcept>

#include "dicom/model/Uid.h"

namespace countyread::bench {
namespace {

void check(const OFCondition& c, const char* what) {
    if (c.bad()) throw std::runtime_error(std::string(what) + ": " + c.text());
}

struct Common {
    std::string study_uid, series_uid, modality, sop_class;
};

void header(DcmDataset& ds, const Common& c, const std::string& sop_uid, int number) {
    ds.putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
    ds.putAndInsertString(DCM_SOPClassUID, c.sop_class.c_str());
    ds.putAndInsertString(DCM_SOPInstanceUID, sop_uid.c_str());
    ds.putAndInsertString(DCM_StudyInstanceUID, c.study_uid.c_str());
    ds.putAndInsertString(DCM_SeriesInstanceUID, c.series_uid.c_str());
    ds.putAndInsertString(DCM_PatientName, "测试^基准");
    ds.putAndInsertString(DCM_PatientID, "BENCH001");
    ds.putAndInsertString(DCM_StudyDate, "20240501");
    ds.putAndInsertString(DCM_Modality, c.modality.c_str());
    ds.putAndInsertString(DCM_SeriesNumber, "1");
    ds.putAndInsertString(DCM_InstanceNumber, std::to_string(number).c_str());
    ds.putAndInsertUint16(DCM_SamplesPerPixel, 1);
    ds.putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
    ds.putAndInsertUint16(DCM_BitsAllocated, 16);
    ds.putAndInsertUint16(DCM_BitsStored, 12);
    ds.putAndInsertUint16(DCM_HighBit, 11);
    ds.putAndInsertUint16(DCM_PixelRepresentation, 0);
}

viewer::InstanceRow row(const Common& c, const std::string& sop_uid, int number, int size) {
    viewer::InstanceRow r;
    r.sop_instance_uid = sop_uid;
    r.sop_class_uid = c.sop_class;
    r.series_uid = c.series_uid;
    r.series_number = 1;
    r.instance_number = number;
    r.modality = c.modality;
    r.rows = r.columns = size;
    return r;
}

// A deterministic noise source (no <random> state differences between runs).
struct Lcg {
    std::uint32_t s = 12345;
    int next(int amplitude) {
        s = s * 1664525u + 1013904223u;
        return static_cast<int>((s >> 16) % (2 * amplitude + 1)) - amplitude;
    }
};

}  // namespace

BenchSeries writeCt(const std::filesystem::path& dir, int slices, int size) {
    std::filesystem::create_directories(dir);
    BenchSeries out;
    Common c{dicom::newUid(), dicom::newUid(), "CT", UID_CTImageStorage};
    out.study_uid = c.study_uid;
    const double ps = 0.7, half = size * ps / 2;
    Lcg noise;
    std::vector<Uint16> pixels(static_cast<std::size_t>(size) * size);
    for (int k = 0; k < slices; ++k) {
        const double z = -1.0 * k;
        for (int j = 0; j < size; ++j) {
            const double y = j * ps - half;
            for (int i = 0; i < size; ++i) {
                const double x = i * ps - half;
                int hu = -1000;
                if ((x * x) / (150.0 * 150.0) + (y * y) / (110.0 * 110.0) <= 1.0) hu = 40;
                if (((x - 70) * (x - 70) + y * y) < 50.0 * 50.0 ||
                    ((x + 70) * (x + 70) + y * y) < 50.0 * 50.0)
                    hu = -820;
                if (x * x + (y - 80) * (y - 80) < 15.0 * 15.0) hu = 700;
                const double cz = std::fmod(std::abs(z), 60.0) - 30.0;  // a nodule every 6 cm
                if ((x - 60) * (x - 60) + y * y + cz * cz < 8.0 * 8.0) hu = 30;
                hu += noise.next(10);
                pixels[static_cast<std::size_t>(j) * size + i] =
                    static_cast<Uint16>(std::clamp(hu + 1024, 0, 4095));
            }
        }
        DcmFileFormat file;
        DcmDataset& ds = *file.getDataset();
        const std::string sop = dicom::newUid();
        header(ds, c, sop, k + 1);
        ds.putAndInsertUint16(DCM_Rows, static_cast<Uint16>(size));
        ds.putAndInsertUint16(DCM_Columns, static_cast<Uint16>(size));
        ds.putAndInsertString(DCM_PixelSpacing, "0.7\\0.7");
        ds.putAndInsertString(DCM_SliceThickness, "1");
        ds.putAndInsertString(DCM_ImageOrientationPatient, "1\\0\\0\\0\\1\\0");
        const std::string pos =
            std::to_string(-half) + "\\" + std::to_string(-half) + "\\" + std::to_string(z);
        ds.putAndInsertString(DCM_ImagePositionPatient, pos.c_str());
        ds.putAndInsertString(DCM_SliceLocation, std::to_string(z).c_str());
        ds.putAndInsertString(DCM_RescaleIntercept, "-1024");
        ds.putAndInsertString(DCM_RescaleSlope, "1");
        ds.putAndInsertString(DCM_WindowCenter, "40");
        ds.putAndInsertString(DCM_WindowWidth, "400");
        check(ds.putAndInsertUint16Array(DCM_PixelData, pixels.data(), pixels.size()), "pixels");
        const auto path = dir / (sop + ".dcm");
        check(file.saveFile(path.c_str(), EXS_LittleEndianExplicit), "save CT slice");
        out.rows.push_back(row(c, sop, k + 1, size));
        out.files.push_back(path);
    }
    return out;
}

BenchSeries writeDr(const std::filesystem::path& dir, int size) {
    std::filesystem::create_directories(dir);
    BenchSeries out;
    Common c{dicom::newUid(), dicom::newUid(), "DX", UID_DigitalXRayImageStorageForPresentation};
    out.study_uid = c.study_uid;
    Lcg noise;
    std::vector<Uint16> pixels(static_cast<std::size_t>(size) * size);
    for (int j = 0; j < size; ++j)
        for (int i = 0; i < size; ++i) {
            const double x = (i - size / 2.0) / size, y = (j - size / 2.0) / size;
            double v = 600 + 1800 * std::exp(-(x * x + y * y) * 6);
            if ((x + 0.18) * (x + 0.18) / 0.02 + y * y / 0.09 < 1 ||
                (x - 0.18) * (x - 0.18) / 0.02 + y * y / 0.09 < 1)
                v -= 500;  // lungs
            pixels[static_cast<std::size_t>(j) * size + i] =
                static_cast<Uint16>(std::clamp(static_cast<int>(v) + noise.next(20), 0, 4095));
        }
    DcmFileFormat file;
    DcmDataset& ds = *file.getDataset();
    const std::string sop = dicom::newUid();
    header(ds, c, sop, 1);
    ds.putAndInsertString(DCM_PresentationIntentType, "FOR PRESENTATION");
    ds.putAndInsertUint16(DCM_Rows, static_cast<Uint16>(size));
    ds.putAndInsertUint16(DCM_Columns, static_cast<Uint16>(size));
    ds.putAndInsertString(DCM_ImagerPixelSpacing, "0.143\\0.143");
    ds.putAndInsertString(DCM_WindowCenter, "2048");
    ds.putAndInsertString(DCM_WindowWidth, "4096");
    check(ds.putAndInsertUint16Array(DCM_PixelData, pixels.data(), pixels.size()), "pixels");
    const auto path = dir / (sop + ".dcm");
    check(file.saveFile(path.c_str(), EXS_LittleEndianExplicit), "save DR");
    out.rows.push_back(row(c, sop, 1, size));
    out.files.push_back(path);
    return out;
}

}  // namespace countyread::bench
