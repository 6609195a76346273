#include "worklist/ReportRegistry.h"

#include "worklist/WorklistSchema.h"

namespace countyread::worklist {

using dicom::Statement;

namespace {
constexpr const char* kColumns =
    "sop_instance_uid, study_uid, kind, author, verifier, predecessor_sop_uid, pdf_sop_uid, signed_at";

ReportRecord fromRow(Statement& q) {
    return {q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6), q.text(7)};
}
}  // namespace

ReportRegistry::ReportRegistry(std::shared_ptr<dicom::Database> db) : db_(std::move(db)) {
    ensureWorklistSchema(*db_);
}

void ReportRegistry::add(const ReportRecord& r) {
    db_->transaction([&] {
        db_->prepare(std::string("INSERT INTO reports (") + kColumns + ") VALUES (?,?,?,?,?,?,?,?)")
            .bindAll({r.sop_instance_uid, r.study_uid, r.kind, r.author, r.verifier, r.predecessor_sop_uid,
                      r.pdf_sop_uid, r.signed_at})
            .step();
    });
}

void ReportRegistry::setPdf(const std::string& sop, const std::string& pdf) {
    db_->transaction([&] {
        db_->prepare("UPDATE reports SET pdf_sop_uid = ? WHERE sop_instance_uid = ?").bindAll({pdf, sop}).step();
    });
}

std::optional<ReportRecord> ReportRegistry::find(const std::string& sop) {
    std::lock_guard lock(db_->mutex());
    auto q = db_->prepare(std::string("SELECT ") + kColumns + " FROM reports WHERE sop_instance_uid = ?");
    q.bind(1, sop);
    if (!q.step()) return std::nullopt;
    return fromRow(q);
}

std::vector<ReportRecord> ReportRegistry::forStudy(const std::string& study_uid) {
    std::lock_guard lock(db_->mutex());
    auto q = db_->prepare(std::string("SELECT ") + kColumns +
                          " FROM reports WHERE study_uid = ? ORDER BY signed_at, sop_instance_uid");
    q.bind(1, study_uid);
    std::vector<ReportRecord> out;
    while (q.step()) out.push_back(fromRow(q));
    return out;
}

std::optional<ReportRecord> ReportRegistry::pendingPreliminary(const std::string& study_uid) {
    std::optional<ReportRecord> pending;
    for (const auto& r : forStudy(study_uid)) {
        if (r.kind == "preliminary") pending = r;
        else if (pending && r.predecessor_sop_uid == pending->sop_instance_uid) pending.reset();
    }
    return pending;
}

}  // namespace countyread::worklist
