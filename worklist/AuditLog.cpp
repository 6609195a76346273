#include "worklist/AuditLog.h"

#include "dicom/archive/Archive.h"
#include "worklist/WorklistSchema.h"

namespace countyread::worklist {

AuditLog::AuditLog(std::shared_ptr<dicom::Database> db) : db_(std::move(db)) {
    ensureWorklistSchema(*db_);
}

void AuditLog::record(const std::string& actor, const std::string& action,
                      const std::string& target, const std::string& detail) {
    db_->transaction([&] {
        db_->prepare("INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?,?,?,?,?)")
            .bindAll({dicom::nowIso8601(), actor, action, target, detail})
            .step();
    });
}

std::vector<AuditEntry> AuditLog::entries(const std::string& target, int limit) {
    std::lock_guard lock(db_->mutex());
    auto q = db_->prepare(
        "SELECT id, at, actor, action, target, detail FROM (SELECT * FROM audit_log "
        "WHERE (? = '' OR target = ?) ORDER BY id DESC LIMIT ?) AS newest ORDER BY id");
    q.bindAll({target, target, int64_t{limit}});
    std::vector<AuditEntry> out;
    while (q.step())
        out.push_back({q.integer(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5)});
    return out;
}

}  // namespace countyread::worklist
