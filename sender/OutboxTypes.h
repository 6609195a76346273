#pragma once
// Domain structs of the township gateway's outbox: what crosses the sender's module
// boundaries (forwarder, status poller, technician window) instead of database rows.
#include <cstdint>
#include <filesystem>
#include <string>

namespace countyread::sender {

// Study priority in the outbox; the county receives Emergency as DIMSE priority HIGH.
enum class Priority : int { Routine = 0, Emergency = 1 };

enum class InstanceState { Queued, Delivered, Rejected };
std::string toString(InstanceState s);

// One instance waiting in the outbox, as a forwarding worker sees it.
struct OutboxItem {
    std::string sop_uid;
    std::string study_uid;
    std::string sop_class;
    std::string transfer_syntax;  // of the stored file
    std::filesystem::path path;   // the file as received
    int64_t size = 0;
    std::filesystem::path compressed;  // cached JPEG-LS lossless copy, empty when none yet
    int64_t compressed_size = -1;      // -1 not tried yet, 0 not compressible
    Priority priority = Priority::Routine;
    int attempts = 0;  // including the one just claimed
};

// The technician's view of a study: from "queued" to "report ready".
enum class StudyPhase { Queued, Sending, Delivered, ReportReady, Failed };
std::string toString(StudyPhase p);
// 排队中, 发送中, 已送达, 报告已出, 发送失败
std::string phaseLabelZh(StudyPhase p);

struct StudyStatus {
    std::string study_uid;
    std::string patient_name;  // UTF-8
    std::string patient_id;
    std::string modality;
    std::string description;
    std::string study_date;
    Priority priority = Priority::Routine;
    std::string created_at;  // entered the outbox (ISO 8601 UTC)
    int instances = 0;
    int delivered = 0;
    int rejected = 0;
    int64_t bytes_total = 0;      // original sizes
    int64_t bytes_delivered = 0;  // original sizes of delivered instances
    int64_t bytes_on_wire = 0;    // what was actually sent for the delivered ones
    bool started = false;         // a forwarding attempt has begun
    std::string delivered_at;     // last instance acknowledged by the county
    std::string last_error;
    // From the county's HTTP API
    std::string county_received_at;
    std::string county_state;  // received, assigned, in_reading, signed, delivered
    std::string signed_at;
    std::string signed_by;
    std::filesystem::path report_file;  // the signed SR, fetched from the county
    std::string report_text;            // findings / impression, UTF-8
    bool critical = false;              // the report carries a critical finding (危急值)
    bool critical_acknowledged = false;
    StudyPhase phase = StudyPhase::Queued;
};

// What the poller learned about one study from the county.
struct CountyStudyUpdate {
    std::string study_uid;
    std::string received_at;
    std::string state;
    std::string signed_at;
    std::string signed_by;
};

}  // namespace countyread::sender
