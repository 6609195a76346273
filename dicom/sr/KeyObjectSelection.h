#pragma once
// Key Object Selection (KOS, TID 2010): the radiologist's key images of a study, which the
// printed report shows as thumbnails.
#include <string>
#include <vector>

#include "dicom/model/DicomFile.h"
#include "dicom/model/InstanceInfo.h"

namespace countyread::dicom {

inline constexpr const char* kKeyObjectSelectionSopClass = "1.2.840.10008.5.1.4.1.1.88.59";

struct KeyImageRef {
    std::string sop_class_uid;
    std::string sop_instance_uid;
    std::string series_uid;
    int frame = 0;  // 1-based frame of a multi-frame image; 0 = the whole instance
};

struct KeyObjectSelection {
    InstanceInfo study;        // patient / study attributes are copied from it
    std::vector<KeyImageRef> images;
    std::string description;   // Key Object Description (free text, UTF-8)
    std::string observer;      // who selected them (UTF-8 person name)
    std::string sop_instance_uid;  // generated when empty (read back by parse)
};

// Part 10 bytes (UTF-8, explicit VR little endian); document title 113000 "Of Interest".
// Throws DicomError for no images or bad UIDs.
Bytes buildKeyObjectSelection(const KeyObjectSelection& kos);
// Reads a KOS (ours or another system's); throws DicomError for anything else.
KeyObjectSelection parseKeyObjectSelection(const Bytes& part10);

}  // namespace countyread::dicom
