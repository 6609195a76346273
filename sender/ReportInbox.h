#pragma once
// Signed reports coming back from the county (fetched over HTTP, or C-STOREd to the gateway by
// the county's delivery worker): kept in the outbox's reports/ folder and attached to their
// study, with the critical-finding flag (危急值) read from the SR.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "dicom/model/DicomFile.h"
#include "sender/OutboxTypes.h"

namespace countyread::sender {

class Outbox;

class ReportInbox {
public:
    // Called once per report newly attached (e.g. to notify the technician).
    using Listener = std::function<void(const StudyStatus&)>;
    explicit ReportInbox(Outbox& outbox, Listener listener = {});

    // Stores the report SR bytes for `study_uid` (or the study the SR names when empty).
    // Returns the study UID, or nullopt when the bytes are not a readable report.
    std::optional<std::string> accept(const dicom::Bytes& sr, const std::string& study_uid = "");
    // The printable report (DICOM Encapsulated PDF): saved as reports/<study>.pdf.
    std::optional<std::string> acceptPdf(const dicom::Bytes& part10, const std::string& study_uid);
    // A file from the county: a report SR or its Encapsulated PDF (moved into the inbox on success).
    std::optional<std::string> acceptFile(const std::filesystem::path& file);

    // "检查所见：…\n\n诊断意见：…" for display.
    static std::string displayText(const std::string& findings, const std::string& impression);

private:
    Outbox& outbox_;
    Listener listener_;
};

}  // namespace countyread::sender
