#pragma once
// Reading domain information out of DICOM files or in-memory DICOM files (Part 10 bytes).
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "dicom/model/InstanceInfo.h"

namespace countyread::dicom {

using Bytes = std::vector<unsigned char>;

struct DicomError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Throws DicomError when the file cannot be parsed.
InstanceInfo readInstanceInfo(const std::filesystem::path& file);
InstanceInfo readInstanceInfo(const Bytes& part10);

Bytes readFileBytes(const std::filesystem::path& file);
void writeFileBytes(const std::filesystem::path& file, const Bytes& data);  // atomic + fsync

}  // namespace countyread::dicom
