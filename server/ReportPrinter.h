#pragma once
// Renders a signed report SR as the printable PDF (county hospital header, township, signers,
// a QR code to the server's authenticity check) wrapped as a DICOM Encapsulated PDF.
#include <string>

#include <vector>

#include "dicom/archive/Archive.h"
#include "dicom/archive/IArchiveIndex.h"
#include "dicom/model/DicomFile.h"
#include "report/ReportPdf.h"
#include "server/Config.h"

namespace countyread::server {

struct PrintedReport {
    dicom::Bytes part10;  // the Encapsulated PDF instance
    std::string sop_instance_uid;
};

class ReportPrinter {
public:
    explicit ReportPrinter(const ServerConfig& config) : config_(config) {}

    // `sr` is the signed report as stored; `sr_sha256` its stored hash (hex), which the QR
    // code carries; `signers` in order (报告医生, then 审核医生 when two-level).
    PrintedReport print(const dicom::StudyRecord& study, const std::vector<dicom::StoredInstance>& images,
                        const std::string& township_id, const dicom::Bytes& sr, const std::string& sr_sha256,
                        const std::vector<report::PdfSigner>& signers,
                        std::vector<report::KeyImage> key_images = {}) const;
    // Thumbnails of the images the study's newest Key Object Selection names (at most 8).
    static std::vector<report::KeyImage> keyImages(dicom::Archive& archive, const std::string& study_uid);

    // What the QR code encodes: PUBLIC_URL/api/v1/verify/SOP?h=FINGERPRINT.
    std::string verifyUrl(const std::string& sr_sop_uid, const std::string& sr_sha256) const;
    static std::string fingerprint(const std::string& sr_sha256) { return sr_sha256.substr(0, 16); }

private:
    const ServerConfig& config_;
};

// "2026-11-24T06:03:05.123Z" -> "2026-11-24 14:03" (Asia/Shanghai, UTC+8, no daylight saving).
std::string shanghaiTime(const std::string& iso_utc);

}  // namespace countyread::server
