#pragma once
// Internal helpers shared by the dicom module's .cpp files (DCMTK types allowed here only).
#include <dcmtk/dcmdata/dctk.h>

#include <string>

#include "dicom/model/DicomFile.h"
#include "dicom/model/InstanceInfo.h"

namespace countyread::dicom::detail {

std::string getString(DcmItem& item, const DcmTagKey& tag);
int getInt(DcmItem& item, const DcmTagKey& tag, int fallback = 0);

// Converts the dataset's text to UTF-8 (DCMTK + iconv), then extracts the domain view.
// `transfer_syntax` is the syntax the object was received or stored in.
InstanceInfo extractInfo(DcmDataset& dataset, const std::string& transfer_syntax_uid);

// Parses Part 10 bytes into `file`; throws DicomError.
void loadFromBytes(DcmFileFormat& file, const Bytes& part10);
Bytes saveToBytes(DcmFileFormat& file, E_TransferSyntax xfer = EXS_LittleEndianExplicit);

// Sets a string attribute (UTF-8 text); throws DicomError when DCMTK refuses it.
void putString(DcmItem& item, const DcmTagKey& tag, const std::string& value);
// Patient and General Study modules of an object the county creates for a study (presentation
// state, encapsulated PDF), copied from any instance of the study.
void putPatientAndStudy(DcmItem& item, const InstanceInfo& study);

}  // namespace countyread::dicom::detail
