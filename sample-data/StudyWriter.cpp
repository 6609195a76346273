#include "StudyWriter.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <cstdio>
#include <stdexcept>

#include "TextEncoder.h"

namespace countyread::samples {

namespace {
void put(DcmItem& item, const DcmTagKey& tag, const std::string& value) {
    OFCondition status = item.putAndInsertString(tag, value.c_str(), OFTrue);
    if (status.bad()) {
        throw std::runtime_error("cannot set " + std::string(DcmTag(tag).getTagName()) + ": " +
                                 status.text());
    }
}
void putInt(DcmItem& item, const DcmTagKey& tag, long value) {
    put(item, tag, std::to_string(value));
}
void putUs(DcmItem& item, const DcmTagKey& tag, Uint16 value) {
    item.putAndInsertUint16(tag, value);
}

// Decimal String: at most 16 characters.
std::string decimal(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", value);
    return buffer;
}

// A one-item code sequence (e.g. Anatomic Region Sequence).
void putCode(DcmItem& parent, const DcmTagKey& sequence, const char* value, const char* scheme,
             const char* meaning) {
    DcmItem* item = nullptr;
    if (parent.findOrCreateSequenceItem(sequence, item, -2).bad() || item == nullptr) {
        throw std::runtime_error("cannot create code sequence item");
    }
    put(*item, DCM_CodeValue, value);
    put(*item, DCM_CodingSchemeDesignator, scheme);
    put(*item, DCM_CodeMeaning, meaning);
}

void putPixels(DcmItem& ds, int rows, int columns, const std::vector<uint16_t>& pixels) {
    if (pixels.size() != static_cast<size_t>(rows) * columns) {
        throw std::logic_error("pixel buffer does not match rows x columns");
    }
    putUs(ds, DCM_SamplesPerPixel, 1);
    put(ds, DCM_PhotometricInterpretation, "MONOCHROME2");
    putUs(ds, DCM_Rows, static_cast<Uint16>(rows));
    putUs(ds, DCM_Columns, static_cast<Uint16>(columns));
    putUs(ds, DCM_BitsAllocated, 16);
    putUs(ds, DCM_BitsStored, 12);
    putUs(ds, DCM_HighBit, 11);
    putUs(ds, DCM_PixelRepresentation, 0);
    ds.putAndInsertUint16Array(DCM_PixelData, pixels.data(),
                               static_cast<unsigned long>(pixels.size()));
}
}  // namespace

StudyWriter::StudyWriter(StudySpec study, std::filesystem::path directory)
    : study_(std::move(study)), directory_(std::move(directory)) {}

std::string StudyWriter::newUid(const char* root_kind) {
    std::string kind = root_kind;
    const char* root = kind == "study"    ? SITE_STUDY_UID_ROOT
                       : kind == "series" ? SITE_SERIES_UID_ROOT
                                          : SITE_INSTANCE_UID_ROOT;
    char uid[100];
    dcmGenerateUniqueIdentifier(uid, root);
    return uid;
}

void StudyWriter::putCommon(DcmDataset& ds, const SeriesSpec& series, const std::string& sop_class,
                            const std::string& sop_instance, int instance_number) {
    const StudySpec& s = study_;
    // SOP Common
    put(ds, DCM_SpecificCharacterSet, "ISO_IR 192");  // converted by TextEncoder before saving
    put(ds, DCM_SOPClassUID, sop_class);
    put(ds, DCM_SOPInstanceUID, sop_instance);
    put(ds, DCM_InstanceCreationDate, s.study_date);
    put(ds, DCM_InstanceCreationTime, s.study_time);
    put(ds, DCM_TimezoneOffsetFromUTC, "+0800");
    // Patient, Patient Study
    put(ds, DCM_PatientName, s.patient_name);
    put(ds, DCM_PatientID, s.patient_id);
    put(ds, DCM_IssuerOfPatientID, s.issuer_of_patient_id);
    put(ds, DCM_PatientBirthDate, s.birth_date);
    put(ds, DCM_PatientSex, s.sex);
    put(ds, DCM_PatientAge, s.age);
    put(ds, DCM_PatientSize, s.patient_size_m);
    put(ds, DCM_PatientWeight, s.patient_weight_kg);
    // General Study
    put(ds, DCM_StudyInstanceUID, s.study_uid);
    put(ds, DCM_StudyDate, s.study_date);
    put(ds, DCM_StudyTime, s.study_time);
    put(ds, DCM_AccessionNumber, s.accession);
    put(ds, DCM_StudyID, s.study_id);
    put(ds, DCM_StudyDescription, s.study_description);
    put(ds, DCM_ReferringPhysicianName, s.referring_physician);
    // General Series
    put(ds, DCM_Modality, series.modality);
    put(ds, DCM_SeriesInstanceUID, series.series_uid);
    putInt(ds, DCM_SeriesNumber, series.series_number);
    put(ds, DCM_SeriesDate, s.study_date);
    put(ds, DCM_SeriesTime, s.study_time);
    put(ds, DCM_SeriesDescription, series.series_description);
    put(ds, DCM_BodyPartExamined, series.body_part);
    put(ds, DCM_ProtocolName, series.protocol_name);
    put(ds, DCM_OperatorsName, s.operator_name);
    // General Equipment
    put(ds, DCM_Manufacturer, "CountyRead Phantom");
    put(ds, DCM_ManufacturerModelName, series.model_name);
    put(ds, DCM_DeviceSerialNumber, series.device_serial);
    put(ds, DCM_SoftwareVersions, "countyread-samples 0.1");
    put(ds, DCM_InstitutionName, s.institution);
    put(ds, DCM_InstitutionalDepartmentName, s.department);
    put(ds, DCM_StationName, s.station_name);
    // General Image / Acquisition
    putInt(ds, DCM_InstanceNumber, instance_number);
    putInt(ds, DCM_AcquisitionNumber, 1);
    put(ds, DCM_ContentDate, s.study_date);
    put(ds, DCM_ContentTime, s.study_time);
    put(ds, DCM_AcquisitionDate, s.study_date);
    put(ds, DCM_AcquisitionTime, s.study_time);
    put(ds, DCM_BurnedInAnnotation, "NO");
    put(ds, DCM_LossyImageCompression, "00");
}

void StudyWriter::putDxModules(DcmDataset& ds, const Radiograph& image) {
    // DX Series, DX Anatomy Imaged, DX Image
    put(ds, DCM_PresentationIntentType, "FOR PRESENTATION");
    put(ds, DCM_ImageType, "ORIGINAL\\PRIMARY");
    put(ds, DCM_ImageLaterality, "U");
    putCode(ds, DCM_AnatomicRegionSequence, "43799004", "SCT", "Chest");
    put(ds, DCM_PatientOrientation, "L\\F");
    put(ds, DCM_PixelIntensityRelationship, "LOG");
    putInt(ds, DCM_PixelIntensityRelationshipSign, 1);
    put(ds, DCM_RescaleIntercept, "0");
    put(ds, DCM_RescaleSlope, "1");
    put(ds, DCM_RescaleType, "US");
    put(ds, DCM_PresentationLUTShape, "IDENTITY");
    put(ds, DCM_AcquisitionDeviceProcessingDescription, "CHEST PA");
    put(ds, DCM_CalibrationImage, "NO");
    // DX Detector, X-Ray Collimator
    const std::string spacing = decimal(image.imager_pixel_spacing_mm);
    put(ds, DCM_DetectorType, "SCINTILLATOR");
    put(ds, DCM_DetectorConfiguration, "AREA");
    put(ds, DCM_DetectorID, "FPD-4343");
    put(ds, DCM_ImagerPixelSpacing, spacing + "\\" + spacing);
    put(ds, DCM_FieldOfViewShape, "RECTANGLE");
    const std::string field = decimal(image.imager_pixel_spacing_mm * image.columns);
    put(ds, DCM_FieldOfViewDimensions, field + "\\" + field);
    // DX Positioning
    put(ds, DCM_ViewPosition, "PA");
    put(ds, DCM_PositionerType, "COLUMN");
    putCode(ds, DCM_ViewCodeSequence, "399348003", "SCT", "postero-anterior");
    // X-Ray Acquisition Dose, X-Ray Generation, X-Ray Grid
    put(ds, DCM_KVP, "125");
    putInt(ds, DCM_ExposureTime, 8);
    putInt(ds, DCM_XRayTubeCurrent, 250);
    putInt(ds, DCM_Exposure, 2);
    put(ds, DCM_DistanceSourceToDetector, "1800");
    put(ds, DCM_DistanceSourceToPatient, "1600");
    put(ds, DCM_EstimatedRadiographicMagnificationFactor, "1.125");
    put(ds, DCM_ExposureControlMode, "AUTOMATIC");
    put(ds, DCM_Grid, "FOCUSED");
    put(ds, DCM_ExposureIndex, "420");
    put(ds, DCM_TargetExposureIndex, "400");
    put(ds, DCM_DeviationIndex, "0.2");
    // VOI LUT, Acquisition Context
    putInt(ds, DCM_WindowCenter, image.window_center);
    putInt(ds, DCM_WindowWidth, image.window_width);
    put(ds, DCM_WindowCenterWidthExplanation, "DEFAULT");
    ds.insertEmptyElement(DCM_AcquisitionContextSequence);
    putPixels(ds, image.rows, image.columns, image.pixels);
}

void StudyWriter::putCtModules(DcmDataset& ds, const CtGeometry& g, const CtSlice& slice,
                               double first_pixel_mm) {
    // Frame of Reference, General Series (CT needs Patient Position)
    put(ds, DCM_PositionReferenceIndicator, "");
    put(ds, DCM_PatientPosition, "HFS");
    // Image Plane
    const std::string spacing = decimal(g.pixel_spacing_mm);
    const std::string first = decimal(first_pixel_mm);
    put(ds, DCM_PixelSpacing, spacing + "\\" + spacing);
    put(ds, DCM_ImageOrientationPatient, "1\\0\\0\\0\\1\\0");
    put(ds, DCM_ImagePositionPatient, first + "\\" + first + "\\" + decimal(slice.z_mm));
    put(ds, DCM_SliceThickness, decimal(g.slice_thickness_mm));
    put(ds, DCM_SliceLocation, decimal(slice.z_mm));
    // CT Image
    put(ds, DCM_ImageType, "ORIGINAL\\PRIMARY\\AXIAL");
    put(ds, DCM_RescaleIntercept, "-1024");
    put(ds, DCM_RescaleSlope, "1");
    put(ds, DCM_RescaleType, "HU");
    put(ds, DCM_KVP, decimal(g.kvp));
    put(ds, DCM_ScanOptions, "HELICAL");
    put(ds, DCM_DataCollectionDiameter, "500");
    put(ds, DCM_ReconstructionDiameter, decimal(g.pixel_spacing_mm * g.size));
    put(ds, DCM_DistanceSourceToDetector, "1040");
    put(ds, DCM_DistanceSourceToPatient, "570");
    put(ds, DCM_GantryDetectorTilt, "0");
    put(ds, DCM_TableHeight, "160");
    put(ds, DCM_RotationDirection, "CW");
    putInt(ds, DCM_ExposureTime, 1000);
    putInt(ds, DCM_XRayTubeCurrent, static_cast<long>(g.tube_current_ma));
    putInt(ds, DCM_Exposure, static_cast<long>(g.tube_current_ma));
    put(ds, DCM_FilterType, "BODY");
    put(ds, DCM_FocalSpots, "0.7");
    put(ds, DCM_ConvolutionKernel, g.kernel);
    put(ds, DCM_RevolutionTime, "1");
    put(ds, DCM_SingleCollimationWidth, "0.625");
    put(ds, DCM_TotalCollimationWidth, "20");
    put(ds, DCM_SpiralPitchFactor, "0.9");
    put(ds, DCM_CTDIvol, decimal(g.ctdi_vol));
    if (g.head_phantom) {
        putCode(ds, DCM_CTDIPhantomTypeCodeSequence, "113690", "DCM", "IEC Head Dosimetry Phantom");
    } else {
        putCode(ds, DCM_CTDIPhantomTypeCodeSequence, "113691", "DCM", "IEC Body Dosimetry Phantom");
    }
    // VOI LUT: several windows, the first one is the default
    std::string centers, widths, explanations;
    for (const auto& w : g.windows) {
        const char* sep = centers.empty() ? "" : "\\";
        centers += sep + decimal(w.center);
        widths += sep + decimal(w.width);
        explanations += sep + w.explanation;
    }
    put(ds, DCM_WindowCenter, centers);
    put(ds, DCM_WindowWidth, widths);
    put(ds, DCM_WindowCenterWidthExplanation, explanations);
    putPixels(ds, g.size, g.size, slice.pixels);
}

std::filesystem::path StudyWriter::writeDx(const SeriesSpec& series, const Radiograph& image,
                                           int instance_number) {
    DcmFileFormat file;
    DcmDataset& ds = *file.getDataset();
    const std::string sop = newUid("instance");
    putCommon(ds, series, UID_DigitalXRayImageStorageForPresentation, sop, instance_number);
    putDxModules(ds, image);
    return save(file, sop);
}

std::filesystem::path StudyWriter::writeCt(const SeriesSpec& series, const CtGeometry& geometry,
                                           const CtSlice& slice, double first_pixel_mm) {
    DcmFileFormat file;
    DcmDataset& ds = *file.getDataset();
    const std::string sop = newUid("instance");
    putCommon(ds, series, UID_CTImageStorage, sop, slice.instance_number);
    put(ds, DCM_FrameOfReferenceUID, series.frame_of_reference_uid);
    putCtModules(ds, geometry, slice, first_pixel_mm);
    return save(file, sop);
}

std::filesystem::path StudyWriter::save(DcmFileFormat& file, const std::string& sop_instance) {
    TextEncoder(study_.charset).encode(*file.getDataset());
    put(*file.getMetaInfo(), DCM_SourceApplicationEntityTitle, study_.source_aet);
    std::filesystem::path path = directory_ / (sop_instance + ".dcm");
    OFCondition status = file.saveFile(path.c_str(), EXS_LittleEndianExplicit, EET_ExplicitLength,
                                       EGL_recalcGL, EPD_noChange, 0, 0, EWM_fileformat);
    if (status.bad())
        throw std::runtime_error("cannot write " + path.string() + ": " + status.text());
    return path;
}

}  // namespace countyread::samples
