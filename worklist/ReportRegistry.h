#pragma once
// The chain of signed report objects per study: preliminary -> final (two-level signing) and
// final -> addendum -> addendum (corrections). A signed object is never changed: a correction
// is a new object naming its predecessor.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dicom/archive/Database.h"

namespace countyread::worklist {

struct ReportRecord {
    std::string sop_instance_uid;
    std::string study_uid;
    std::string kind;      // "preliminary", "final", "addendum"
    std::string author;    // user id of the reporting radiologist (报告医生)
    std::string verifier;  // user id of the verifying radiologist (审核医生); author when single-level
    std::string predecessor_sop_uid;
    std::string pdf_sop_uid;
    std::string signed_at;  // ISO 8601 UTC
};

class ReportRegistry {
public:
    explicit ReportRegistry(std::shared_ptr<dicom::Database> db);
    void add(const ReportRecord& r);
    void setPdf(const std::string& sop_instance_uid, const std::string& pdf_sop_uid);
    std::optional<ReportRecord> find(const std::string& sop_instance_uid);
    // Oldest first.
    std::vector<ReportRecord> forStudy(const std::string& study_uid);
    // The newest preliminary that no final names as predecessor (awaiting verification).
    std::optional<ReportRecord> pendingPreliminary(const std::string& study_uid);

private:
    std::shared_ptr<dicom::Database> db_;
};

}  // namespace countyread::worklist
