#pragma once
// Builds a diagnostic imaging report as a DICOM Structured Report following TID 2000
// (Basic Diagnostic Imaging Report), UTF-8 (ISO_IR 192), as Part 10 bytes.
#include <optional>
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

// Another SR of the same study this one builds on (Predecessor Documents Sequence).
struct DocumentRef {
    std::string series_uid;
    std::string sop_class_uid;
    std::string sop_instance_uid;
};

struct ReportContent {
    std::string findings;         // 检查所见
    std::string impression;       // 诊断意见
    std::string recommendations;  // 建议 (optional)
    ReportAuthor author;          // 报告医生: the observer who wrote it
    bool critical_finding = false;  // 危急值
    // Two-level signing (报告医生 / 审核医生): a preliminary report is complete but
    // UNVERIFIED; the senior's final version names the senior as verifying observer and the
    // preliminary as predecessor. Single-level (neither set): the author verifies it.
    bool preliminary = false;
    std::optional<ReportAuthor> verifier;
    std::optional<DocumentRef> predecessor;  // the preliminary, or the report an addendum corrects
    std::string addendum;  // 补充/更正说明: what an addendum changes (with `predecessor`)
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
    std::string recommendations;
    std::string observer_name;
    std::string verifier_name;  // the verifying observer ("" when unverified)
    std::string completion_flag;
    std::string verification_flag;
    std::string predecessor_sop_uid;  // "" when none
    std::string addendum;
    bool critical_finding = false;
};
ParsedReport parseReportSr(const Bytes& part10);

}  // namespace countyread::dicom
