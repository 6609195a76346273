#pragma once
// Append-only audit trail: who opened, signed, exported what, and when.
#include <memory>
#include <string>
#include <vector>

#include "dicom/archive/Database.h"

namespace countyread::worklist {

struct AuditEntry {
    int64_t id = 0;
    std::string at, actor, action, target, detail;
};

class AuditLog {
public:
    explicit AuditLog(std::shared_ptr<dicom::Database> db);
    void record(const std::string& actor, const std::string& action, const std::string& target,
                const std::string& detail = {});
    // Newest last; `target` empty = all entries.
    std::vector<AuditEntry> entries(const std::string& target = {}, int limit = 1000);

private:
    std::shared_ptr<dicom::Database> db_;
};

}  // namespace countyread::worklist
