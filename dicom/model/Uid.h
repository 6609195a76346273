#pragma once
#include <string>

namespace countyread::dicom {

// PS3.5 9.1: digits and dots, components without leading zeros, at most 64 characters.
bool isValidUid(const std::string& uid);

// A new globally unique UID under DCMTK's root (or ours when configured).
std::string newUid();

}  // namespace countyread::dicom
