#include "sender/Outbox.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <ctime>
#include <stdexcept>

#include "dicom/model/DicomFile.h"
#include "sender/Clock.h"
#include "sender/DicomHeader.h"
#include "sender/DurableFile.h"
#include "sender/LocalDb.h"

namespace countyread::sender {

namespace fs = std::filesystem;

namespace {

constexpr int kSchemaVersion = 1;

const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS studies(
  study_uid TEXT PRIMARY KEY,
  patient_name TEXT NOT NULL DEFAULT '',
  patient_id TEXT NOT NULL DEFAULT '',
  modality TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  study_date TEXT NOT NULL DEFAULT '',
  priority INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  county_received_at TEXT NOT NULL DEFAULT '',
  county_state TEXT NOT NULL DEFAULT '',
  signed_at TEXT NOT NULL DEFAULT '',
  signed_by TEXT NOT NULL DEFAULT '',
  report_file TEXT NOT NULL DEFAULT '',
  report_text TEXT NOT NULL DEFAULT '',
  critical INTEGER NOT NULL DEFAULT 0,
  critical_ack INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS instances(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  sop_uid TEXT NOT NULL UNIQUE,
  study_uid TEXT NOT NULL REFERENCES studies(study_uid),
  series_uid TEXT NOT NULL,
  sop_class TEXT NOT NULL,
  transfer_syntax TEXT NOT NULL,
  path TEXT NOT NULL,
  owned INTEGER NOT NULL,
  size INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  compressed_path TEXT NOT NULL DEFAULT '',
  compressed_size INTEGER NOT NULL DEFAULT -1,
  priority INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'queued',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  enqueued_at TEXT NOT NULL,
  delivered_at TEXT NOT NULL DEFAULT '',
  sent_syntax TEXT NOT NULL DEFAULT '',
  sent_bytes INTEGER NOT NULL DEFAULT 0,
  purged INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS instances_queue ON instances(state, priority DESC, seq);
CREATE INDEX IF NOT EXISTS instances_study ON instances(study_uid);
)sql";

bool isSafeUid(const std::string& uid) {
    if (uid.empty() || uid.size() > 64) return false;
    return std::all_of(uid.begin(), uid.end(),
                       [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

std::string isoDaysAgo(int days) {
    std::time_t t = std::time(nullptr) - static_cast<std::time_t>(days) * 86400;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    return buf;
}

}  // namespace

Outbox::Outbox(fs::path dir) : dir_(std::move(dir)) {
    fs::create_directories(dir_ / "objects");
    fs::create_directories(dir_ / "compressed");
    fs::create_directories(dir_ / "incoming");
    fs::create_directories(dir_ / "reports");
    db_ = std::make_unique<LocalDb>(databasePath(dir_));
    auto version = db_->queryInt("PRAGMA user_version").value_or(0);
    if (version > kSchemaVersion)
        throw std::runtime_error("outbox " + dir_.string() + " was written by a newer gateway");
    if (version < kSchemaVersion) {
        LocalDb::Transaction tx(*db_);
        db_->exec(kSchema);
        db_->exec("PRAGMA user_version=" + std::to_string(kSchemaVersion));
        tx.commit();
    }
    recover();
}

Outbox::~Outbox() = default;

fs::path Outbox::objectPath(const std::string& sop_uid) const {
    return dir_ / "objects" / (sop_uid + ".dcm");
}

fs::path Outbox::compressedPath(const std::string& sop_uid) const {
    return dir_ / "compressed" / (sop_uid + ".jls.dcm");
}

void Outbox::recover() {
    // Staging files were never acknowledged: the sender will send them again.
    for (const auto& e : fs::directory_iterator(stagingDir())) {
        std::error_code ec;
        fs::remove_all(e.path(), ec);
    }
    for (const auto& e : fs::directory_iterator(dir_ / "compressed")) {
        if (e.path().string().find(".tmp") != std::string::npos) {
            std::error_code ec;
            fs::remove(e.path(), ec);
        }
    }
    // A crash between the rename into objects/ and the index commit leaves a complete, fsynced
    // file without a row: index it (the modality may or may not have heard "stored").
    int adopted = 0;
    for (const auto& e : fs::directory_iterator(dir_ / "objects")) {
        const auto name = e.path().filename().string();
        if (name.find(".tmp") != std::string::npos) {
            std::error_code ec;
            fs::remove(e.path(), ec);
            continue;
        }
        if (e.path().extension() != ".dcm") continue;
        const auto sop = e.path().stem().string();
        if (db_->queryInt("SELECT 1 FROM instances WHERE sop_uid=?", {sop})) continue;
        try {
            add(e.path(), Storage::Move, Priority::Routine, "recovered");
            ++adopted;
        } catch (const std::exception& ex) {
            spdlog::warn("outbox: cannot adopt {}: {}", e.path().string(), ex.what());
        }
    }
    if (adopted) spdlog::info("outbox: adopted {} file(s) stored before a crash", adopted);
}

Outbox::AddResult Outbox::add(const fs::path& file, Storage how, Priority priority,
                              const std::string& source) {
    DicomHeader h = readDicomHeader(file);
    if (!h.error.empty()) throw std::runtime_error(h.error);
    for (const auto* uid : {&h.sop_uid, &h.study_uid, &h.series_uid})
        if (!isSafeUid(*uid)) throw std::runtime_error("invalid UID '" + *uid + "'");

    AddResult result{h.sop_uid, h.study_uid, true};
    const int64_t size = static_cast<int64_t>(fs::file_size(file));
    const std::string hash = contentHash(file);

    // Same SOP instance already here?
    std::string old_hash, old_state, old_path, old_compressed;
    bool exists = false;
    {
        std::lock_guard lock(db_->mutex());
        auto st = db_->prepare(
            "SELECT content_hash, state, path, compressed_path FROM instances WHERE sop_uid=?");
        st.bind(1, h.sop_uid);
        if (st.step()) {
            exists = true;
            old_hash = st.getText(0);
            old_state = st.getText(1);
            old_path = st.getText(2);
            old_compressed = st.getText(3);
        }
    }
    if (exists && old_hash == hash) {
        // Identical: nothing to do (the modality re-sent it, or a folder was imported twice).
        if (how == Storage::Move && fs::path(old_path) != file) {
            std::error_code ec;
            fs::remove(file, ec);
        }
        result.queued = old_state != "delivered";
        if (priority == Priority::Emergency) setStudyPriority(h.study_uid, priority);
        return result;
    }

    fs::path stored = file;
    bool owned = how != Storage::Reference;
    if (how == Storage::Move) {
        stored = objectPath(h.sop_uid);
        if (fs::absolute(file) != fs::absolute(stored)) {
            fsyncFile(file);
            moveDurably(file, stored);
        }
    } else if (how == Storage::Copy) {
        stored = objectPath(h.sop_uid);
        copyDurably(file, stored);
    } else {
        stored = fs::absolute(file);
    }

    const std::string now = nowIso8601();
    {
        LocalDb::Transaction tx(*db_);
        int study_priority = static_cast<int>(priority);
        if (auto p = db_->queryInt("SELECT priority FROM studies WHERE study_uid=?", {h.study_uid}))
            study_priority = std::max<int>(study_priority, static_cast<int>(*p));
        db_->run(
            "INSERT INTO studies(study_uid, patient_name, patient_id, modality, description, "
            "study_date, priority, created_at) VALUES(?,?,?,?,?,?,?,?) "
            "ON CONFLICT(study_uid) DO UPDATE SET priority=excluded.priority",
            {h.study_uid, h.patient_name, h.patient_id, h.modality, h.study_description,
             h.study_date, int64_t{study_priority}, now});
        if (exists) {
            db_->run(
                "UPDATE instances SET series_uid=?, sop_class=?, transfer_syntax=?, path=?, "
                "owned=?, "
                "size=?, content_hash=?, compressed_path='', compressed_size=-1, priority=?, "
                "state='queued', attempts=0, next_attempt_at=0, last_error='', source=?, "
                "enqueued_at=?, delivered_at='', sent_syntax='', sent_bytes=0, purged=0 "
                "WHERE sop_uid=?",
                {h.series_uid, h.sop_class, h.transfer_syntax, stored.string(), int64_t{owned},
                 size, hash, int64_t{study_priority}, source, now, h.sop_uid});
        } else {
            db_->run(
                "INSERT INTO instances(sop_uid, study_uid, series_uid, sop_class, transfer_syntax, "
                "path, owned, size, content_hash, priority, source, enqueued_at) "
                "VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
                {h.sop_uid, h.study_uid, h.series_uid, h.sop_class, h.transfer_syntax,
                 stored.string(), int64_t{owned}, size, hash, int64_t{study_priority}, source,
                 now});
        }
        if (study_priority > 0)
            db_->run("UPDATE instances SET priority=? WHERE study_uid=? AND state='queued'",
                     {int64_t{study_priority}, h.study_uid});
        tx.commit();
    }
    if (exists && !old_compressed.empty()) {
        std::error_code ec;
        fs::remove(old_compressed, ec);
    }
    if (exists)
        spdlog::info("outbox: {} replaced by a different version ({}), queued again", h.sop_uid,
                     source);
    notifyAll();
    return result;
}

void Outbox::setStudyPriority(const std::string& study_uid, Priority priority) {
    {
        LocalDb::Transaction tx(*db_);
        db_->run("UPDATE studies SET priority=? WHERE study_uid=?",
                 {int64_t{static_cast<int>(priority)}, study_uid});
        db_->run("UPDATE instances SET priority=? WHERE study_uid=? AND state='queued'",
                 {int64_t{static_cast<int>(priority)}, study_uid});
        tx.commit();
    }
    notifyAll();
}

std::optional<OutboxItem> Outbox::claim(int max_attempts) {
    std::lock_guard guard(mutex_);
    std::lock_guard lock(db_->mutex());
    std::string sql =
        "SELECT sop_uid, study_uid, sop_class, transfer_syntax, path, size, compressed_path, "
        "compressed_size, priority, attempts FROM instances WHERE state='queued' AND "
        "next_attempt_at<=?";
    if (max_attempts > 0) sql += " AND attempts<" + std::to_string(max_attempts);
    sql += " ORDER BY priority DESC, seq LIMIT ?";
    std::optional<OutboxItem> found;
    {
        auto st = db_->prepare(sql);
        st.bind(1, nowMs()).bind(2, static_cast<int64_t>(in_flight_.size() + 1));
        while (st.step()) {
            auto sop = st.getText(0);
            if (in_flight_.count(sop)) continue;
            OutboxItem item;
            item.sop_uid = sop;
            item.study_uid = st.getText(1);
            item.sop_class = st.getText(2);
            item.transfer_syntax = st.getText(3);
            item.path = st.getText(4);
            item.size = st.getInt(5);
            item.compressed = st.getText(6);
            item.compressed_size = st.getInt(7);
            item.priority = st.getInt(8) > 0 ? Priority::Emergency : Priority::Routine;
            item.attempts = static_cast<int>(st.getInt(9)) + 1;
            found = std::move(item);
            break;
        }
    }
    if (!found) return std::nullopt;
    in_flight_.insert(found->sop_uid);
    return found;
}

void Outbox::markAttempt(const std::string& sop_uid) {
    db_->run("UPDATE instances SET attempts=attempts+1 WHERE sop_uid=?", {sop_uid});
}

std::vector<std::pair<std::string, std::string>> Outbox::pendingContexts(size_t limit) {
    std::lock_guard lock(db_->mutex());
    auto st = db_->prepare(
        "SELECT DISTINCT sop_class, transfer_syntax FROM instances WHERE state='queued' LIMIT ?");
    st.bind(1, static_cast<int64_t>(limit));
    std::vector<std::pair<std::string, std::string>> out;
    while (st.step()) out.emplace_back(st.getText(0), st.getText(1));
    return out;
}

void Outbox::markDelivered(const std::string& sop_uid, const std::string& sent_syntax,
                           int64_t sent_bytes) {
    db_->run(
        "UPDATE instances SET state='delivered', delivered_at=?, sent_syntax=?, sent_bytes=?, "
        "last_error='' WHERE sop_uid=?",
        {nowIso8601(), sent_syntax, sent_bytes, sop_uid});
    {
        std::lock_guard guard(mutex_);
        in_flight_.erase(sop_uid);
        ++generation_;
    }
    cv_.notify_all();
}

void Outbox::markRetry(const std::string& sop_uid, const std::string& error, int64_t retry_at_ms) {
    db_->run("UPDATE instances SET last_error=?, next_attempt_at=? WHERE sop_uid=?",
             {error, retry_at_ms, sop_uid});
    {
        std::lock_guard guard(mutex_);
        in_flight_.erase(sop_uid);
        ++generation_;
    }
    cv_.notify_all();
}

void Outbox::markRejected(const std::string& sop_uid, const std::string& error) {
    db_->run("UPDATE instances SET state='rejected', last_error=? WHERE sop_uid=?",
             {error, sop_uid});
    {
        std::lock_guard guard(mutex_);
        in_flight_.erase(sop_uid);
        ++generation_;
    }
    cv_.notify_all();
}

void Outbox::setCompressed(const std::string& sop_uid, const fs::path& file, int64_t size) {
    db_->run("UPDATE instances SET compressed_path=?, compressed_size=? WHERE sop_uid=?",
             {file.string(), size, sop_uid});
}

void Outbox::resetAttempts() {
    db_->run("UPDATE instances SET attempts=0, next_attempt_at=0 WHERE state='queued'");
}

int Outbox::requeueRejected(const std::string& study_uid) {
    int64_t n = study_uid.empty()
                    ? db_->run(
                          "UPDATE instances SET state='queued', attempts=0, next_attempt_at=0 "
                          "WHERE state='rejected'")
                    : db_->run(
                          "UPDATE instances SET state='queued', attempts=0, next_attempt_at=0 "
                          "WHERE state='rejected' AND study_uid=?",
                          {study_uid});
    notifyAll();
    return static_cast<int>(n);
}

void Outbox::waitForWork(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    auto gen = generation_;
    cv_.wait_for(lock, timeout, [&] { return generation_ != gen; });
}

void Outbox::notifyAll() {
    {
        std::lock_guard guard(mutex_);
        ++generation_;
    }
    cv_.notify_all();
}

size_t Outbox::pendingCount() {
    return static_cast<size_t>(
        db_->queryInt("SELECT COUNT(*) FROM instances WHERE state='queued'").value_or(0));
}

size_t Outbox::inFlightCount() {
    std::lock_guard guard(mutex_);
    return in_flight_.size();
}

size_t Outbox::claimableCount(int max_attempts) {
    std::string sql = "SELECT COUNT(*) FROM instances WHERE state='queued'";
    if (max_attempts > 0) sql += " AND attempts<" + std::to_string(max_attempts);
    return static_cast<size_t>(db_->queryInt(sql).value_or(0));
}

std::vector<StudyStatus> Outbox::studies() { return readStudyStatus(*db_); }

std::optional<StudyStatus> Outbox::study(const std::string& study_uid) {
    for (auto& s : studies())
        if (s.study_uid == study_uid) return s;
    return std::nullopt;
}

std::vector<std::string> Outbox::studiesAwaitingReport() {
    std::lock_guard lock(db_->mutex());
    // Studies with at least one delivered instance and no report fetched yet.
    auto st = db_->prepare(
        "SELECT s.study_uid FROM studies s WHERE s.report_file='' AND EXISTS (SELECT 1 FROM "
        "instances i WHERE i.study_uid=s.study_uid AND i.state='delivered')");
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.getText(0));
    return out;
}

void Outbox::updateCounty(const CountyStudyUpdate& u) {
    // A signature never goes away: an empty signed_at (e.g. a report that came by DICOM before
    // the county's list said so) keeps what is known.
    db_->run(
        "UPDATE studies SET county_received_at=COALESCE(NULLIF(?, ''), county_received_at), "
        "county_state=COALESCE(NULLIF(?, ''), county_state), "
        "signed_at=COALESCE(NULLIF(?, ''), signed_at), signed_by=COALESCE(NULLIF(?, ''), "
        "signed_by) "
        "WHERE study_uid=?",
        {u.received_at, u.state, u.signed_at, u.signed_by, u.study_uid});
}

void Outbox::setReport(const std::string& study_uid, const fs::path& file, const std::string& text,
                       bool critical) {
    db_->run("UPDATE studies SET report_file=?, report_text=?, critical=? WHERE study_uid=?",
             {file.string(), text, int64_t{critical}, study_uid});
}

void Outbox::acknowledgeCritical(const std::string& study_uid) {
    db_->run("UPDATE studies SET critical_ack=1 WHERE study_uid=?", {study_uid});
}

int Outbox::purgeDelivered(int days) {
    std::vector<std::pair<std::string, std::string>> files;
    {
        std::lock_guard lock(db_->mutex());
        auto st = db_->prepare(
            "SELECT path, compressed_path FROM instances WHERE state='delivered' AND owned=1 AND "
            "purged=0 AND delivered_at<?");
        st.bind(1, isoDaysAgo(days));
        while (st.step()) files.emplace_back(st.getText(0), st.getText(1));
    }
    for (const auto& [p, c] : files) {
        std::error_code ec;
        fs::remove(p, ec);
        if (!c.empty()) fs::remove(c, ec);
    }
    db_->run(
        "UPDATE instances SET purged=1 WHERE state='delivered' AND owned=1 AND purged=0 AND "
        "delivered_at<?",
        {isoDaysAgo(days)});
    return static_cast<int>(files.size());
}

}  // namespace countyread::sender
