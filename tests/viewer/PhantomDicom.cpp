#include "tests/viewer/PhantomDicom.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcostrmb.h>
#include <dcmtk/dcmdata/dcrleerg.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmjpeg/djencode.h>
#include <dcmtk/dcmjpls/djencode.h>

#include <mutex>
#include <stdexcept>

namespace countyread::test {
namespace {

void registerEncoders() {
    static std::once_flag once;
    std::call_once(once, [] {
        DJEncoderRegistration::registerCodecs();
        DJLSEncoderRegistration::registerCodecs();
        DcmRLEEncoderRegistration::registerCodecs();
    });
}

std::string pair(const std::pair<double, double>& p) {
    return std::to_string(p.first) + "\\" + std::to_string(p.second);
}

void check(const OFCondition& cond, const char* what) {
    if (cond.bad()) throw std::runtime_error(std::string(what) + ": " + cond.text());
}

}  // namespace

std::vector<std::uint16_t> halves(int width, int height, std::uint16_t left, std::uint16_t right,
                                  int frames) {
    std::vector<std::uint16_t> out;
    out.reserve(static_cast<std::size_t>(width) * height * frames);
    for (int f = 0; f < frames; ++f) {
        for (int y = 0; y < height; ++y) {
            for (int x = 0; x < width; ++x) out.push_back(x < width / 2 ? left : right);
        }
    }
    return out;
}

dicom::Bytes makePhantom(const PhantomSpec& s) {
    DcmFileFormat file;
    DcmDataset* ds = file.getDataset();
    ds->putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
    ds->putAndInsertString(DCM_SOPClassUID, s.modality == "CT"
                                                ? UID_CTImageStorage
                                                : UID_DigitalXRayImageStorageForPresentation);
    ds->putAndInsertString(DCM_SOPInstanceUID, s.sop_uid.c_str());
    ds->putAndInsertString(DCM_StudyInstanceUID, s.study_uid.c_str());
    ds->putAndInsertString(DCM_SeriesInstanceUID, s.series_uid.c_str());
    ds->putAndInsertString(DCM_PatientName, s.patient_name.c_str());
    ds->putAndInsertString(DCM_PatientID, "P0001");
    ds->putAndInsertString(DCM_PatientSex, "M");
    ds->putAndInsertString(DCM_PatientBirthDate, "19600102");
    ds->putAndInsertString(DCM_StudyDate, "20240501");
    ds->putAndInsertString(DCM_StudyTime, "103000");
    ds->putAndInsertString(DCM_Modality, s.modality.c_str());
    ds->putAndInsertString(DCM_SeriesNumber, "1");
    ds->putAndInsertString(DCM_InstanceNumber, std::to_string(s.instance_number).c_str());
    ds->putAndInsertUint16(DCM_SamplesPerPixel, static_cast<Uint16>(s.samples_per_pixel));
    ds->putAndInsertString(DCM_PhotometricInterpretation, s.photometric.c_str());
    if (s.samples_per_pixel > 1) ds->putAndInsertUint16(DCM_PlanarConfiguration, 0);
    ds->putAndInsertUint16(DCM_Rows, static_cast<Uint16>(s.declared_rows.value_or(s.height)));
    ds->putAndInsertUint16(DCM_Columns, static_cast<Uint16>(s.width));
    if (s.frames > 1) ds->putAndInsertString(DCM_NumberOfFrames, std::to_string(s.frames).c_str());
    ds->putAndInsertUint16(DCM_BitsAllocated, static_cast<Uint16>(s.bits_allocated));
    ds->putAndInsertUint16(DCM_BitsStored, static_cast<Uint16>(s.bits_stored));
    ds->putAndInsertUint16(DCM_HighBit, static_cast<Uint16>(s.high_bit));
    ds->putAndInsertUint16(DCM_PixelRepresentation, s.is_signed ? 1 : 0);
    if (s.slope) ds->putAndInsertString(DCM_RescaleSlope, std::to_string(*s.slope).c_str());
    if (s.intercept)
        ds->putAndInsertString(DCM_RescaleIntercept, std::to_string(*s.intercept).c_str());
    if (s.window) {
        ds->putAndInsertString(DCM_WindowCenter, std::to_string(s.window->first).c_str());
        ds->putAndInsertString(DCM_WindowWidth, std::to_string(s.window->second).c_str());
    }
    if (s.pixel_spacing) ds->putAndInsertString(DCM_PixelSpacing, pair(*s.pixel_spacing).c_str());
    if (s.imager_spacing)
        ds->putAndInsertString(DCM_ImagerPixelSpacing, pair(*s.imager_spacing).c_str());
    if (s.z_position) {
        ds->putAndInsertString(DCM_ImagePositionPatient,
                               ("0\\0\\" + std::to_string(*s.z_position)).c_str());
        ds->putAndInsertString(DCM_ImageOrientationPatient, "1\\0\\0\\0\\1\\0");
        ds->putAndInsertString(DCM_SliceThickness, "5");
        ds->putAndInsertString(DCM_SliceLocation, std::to_string(*s.z_position).c_str());
    }
    for (const auto& [keyword, value] : s.extra) {
        DcmTag tag;
        check(DcmTag::findTagFromName(keyword.c_str(), tag), ("keyword " + keyword).c_str());
        check(ds->putAndInsertString(tag, value.c_str()), keyword.c_str());
    }
    const std::size_t values = s.raw.size();
    if (s.bits_allocated == 8) {
        std::vector<Uint8> bytes(values);
        for (std::size_t i = 0; i < values; ++i) bytes[i] = static_cast<Uint8>(s.raw[i]);
        if (bytes.size() % 2) bytes.push_back(0);
        check(ds->putAndInsertUint8Array(DCM_PixelData, bytes.data(), bytes.size()), "pixel data");
    } else {
        check(ds->putAndInsertUint16Array(DCM_PixelData, s.raw.data(), values), "pixel data");
    }

    E_TransferSyntax xfer = DcmXfer(s.transfer_syntax.c_str()).getXfer();
    if (xfer == EXS_Unknown)
        throw std::runtime_error("unknown transfer syntax " + s.transfer_syntax);
    if (DcmXfer(xfer).isEncapsulated()) {
        registerEncoders();
        check(ds->chooseRepresentation(xfer, nullptr), "compression");
        if (!ds->canWriteXfer(xfer)) throw std::runtime_error("cannot encode " + s.transfer_syntax);
    }
    // Write the Part 10 file into memory.
    check(file.validateMetaInfo(xfer), "meta header");
    file.removeInvalidGroups();
    std::uint32_t length = file.calcElementLength(xfer, EET_ExplicitLength) + 1024;
    std::vector<unsigned char> buffer(length * 2 + 4096);
    DcmOutputBufferStream out(buffer.data(), buffer.size());
    file.transferInit();
    check(file.write(out, xfer, EET_ExplicitLength, nullptr), "write");
    file.transferEnd();
    void* data = nullptr;
    offile_off_t written = 0;
    out.flushBuffer(data, written);
    auto* begin = static_cast<unsigned char*>(data);
    return dicom::Bytes(begin, begin + written);
}

}  // namespace countyread::test
