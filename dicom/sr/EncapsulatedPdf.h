#pragma once
// Encapsulated PDF Storage (1.2.840.10008.5.1.4.1.1.104.1): the printable report stored and
// delivered as a DICOM instance of the study it reports on.
#include <string>

#include "dicom/model/DicomFile.h"
#include "dicom/model/InstanceInfo.h"

namespace countyread::dicom {

inline constexpr const char* kEncapsulatedPdfSopClass = "1.2.840.10008.5.1.4.1.1.104.1";

struct EncapsulatedPdfSpec {
    InstanceInfo study;             // patient / study attributes are copied from it
    std::string document_title;     // e.g. "医学影像诊断报告"
    std::string sop_instance_uid;   // generated when empty
    std::string series_uid;         // generated when empty
    int series_number = 9801;
    int instance_number = 1;
    std::string source_sop_instance_uid;  // the SR this PDF renders (Source Instance Sequence)
    std::string source_sop_class_uid;
};

// Part 10 bytes (UTF-8, explicit VR little endian). Throws DicomError for an empty PDF or bad UIDs.
Bytes buildEncapsulatedPdf(const EncapsulatedPdfSpec& spec, const Bytes& pdf);
// The PDF inside an Encapsulated PDF object (its real length, without padding).
Bytes extractEncapsulatedPdf(const Bytes& part10);

}  // namespace countyread::dicom
