#pragma once
// Builds a diagnostic imaging report as a DICOM Structured Report following TID 2000
// (Basic Diagnostic Imaging Report), UTF-8 (ISO_IR 192), as Part 10 bytes.
#include <string>
#include <vector>

#include "dicom/model/DicomFile.h"
#include "dicom/model/InstanceInfo.h"

namespace countyread::dicom {

struct ReportAuthor {
    std::string id;            // user id, e.g. "li"
    std::string name;          // display name, e.g. "李明"
    std::string organization;  // e.g. "县人民医院放射科"
};

struct ReportContent {
    std::string findings;    // 检查所见
    std::string impression;  // 诊断意见
    ReportAuthor author;
    bool critical_finding = false;  // 危急值
};

// `study` is any instance of the reported study: patient/study attributes are copied from it.
// `referenced` lists the instances the report refers to (SOP class + instance UIDs, series).
Bytes buildReportSr(const InstanceInfo& study, const std::vector<InstanceInfo>& referenced,
                    const ReportContent& content);

// Reads the text back from a report SR (for display and tests).
struct ParsedReport {
    std::string study_uid;
    std::string sop_instance_uid;
    std::string patient_name;
    std::string findings;
    std::string impression;
    std::string observer_name;
    std::string completion_flag;
    std::string verification_flag;
    bool critical_finding = false;
};
ParsedReport parseReportSr(const Bytes& part10);

}  // namespace countyread::dicom
