#pragma once
// The printable diagnostic report (A4 PDF): the county hospital's header, the township, the
// patient and study, findings / impression / recommendations, key-image thumbnails, the
// signers (报告医生 / 审核医生) and a QR code that leads to the server's authenticity check.
// Chinese text is laid out by Pango with the Noto CJK fonts and embedded in the PDF.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace countyread::report {

struct PdfError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct PdfSigner {
    std::string role;       // e.g. "报告医生", "审核医生"
    std::string name;       // e.g. "李明"
    std::string signed_at;  // display text, e.g. "2026-11-24 14:03"
};

struct KeyImage {
    int width = 0;
    int height = 0;
    std::vector<uint8_t> grey;  // width*height 8-bit display values (already windowed)
    std::string caption;        // e.g. "Se 2 Im 37"
};

struct ReportPdfContent {
    std::string hospital;     // header, e.g. "某某县人民医院"
    std::string department;   // e.g. "放射科"
    std::string township;     // the examining township, e.g. "问安镇卫生院"
    std::string title = "医学影像诊断报告";
    std::string patient_name, patient_id, patient_sex, patient_age;
    std::string study_date, modality, body_part, study_description, accession_number;
    std::string findings;         // 检查所见
    std::string impression;       // 诊断意见
    std::string recommendations;  // 建议
    bool critical_finding = false;
    bool addendum = false;        // 补充报告 (a correction of an earlier signed report)
    std::string addendum_text;    // what it corrects (更正说明)
    std::vector<PdfSigner> signers;
    std::vector<KeyImage> key_images;
    std::string verify_url;  // encoded in the QR code; no QR code when empty
    std::string report_id;   // printed under the QR code (e.g. the SR's SOP Instance UID)
};

// The PDF bytes. Throws PdfError when it cannot be produced.
std::vector<uint8_t> renderReportPdf(const ReportPdfContent& content);

}  // namespace countyread::report
