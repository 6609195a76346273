#pragma once
// Report objects for the report editor tests: templates like the server's built-in ones, and
// SRs of the demo CT study (a preliminary by another radiologist, a signed report).
#include <string>

#include "dicom/model/DicomFile.h"
#include "dicom/model/InstanceInfo.h"
#include "dicom/sr/ReportSr.h"
#include "tests/viewer/FakeServer.h"

namespace countyread::test {

// JSON list as GET /api/v1/report-templates answers: dr-chest-pa (DX/CR/DR, CHEST),
// ct-head (CT, HEAD), ct-chest (CT, CHEST), generic (any modality).
std::string reportTemplatesJson();

// The demo study's attributes, read from its first instance on the server.
dicom::InstanceInfo demoStudyInfo(FakeServer& server);

// An SR of the demo study (unsigned: the fake server does not verify).
dicom::Bytes demoReportSr(FakeServer& server, const dicom::ReportContent& content);

}  // namespace countyread::test
